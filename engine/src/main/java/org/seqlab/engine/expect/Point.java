package org.seqlab.engine.expect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a lesson's scene sets out to show, as a sentence ({@code says}) and the statements that measure it
 * ({@code checks}, all of which must hold): "The LSTM reaches the floor; the RNN stays above it" with
 * {@code bits(B) < floor() + 0.03} and {@code bits(A) > floor() + 0.1}.
 */
public record Point(String says, List<Expectation> checks) {

    public Point {
        checks = List.copyOf(checks);
    }

    /** Whether the point was made, with every measurement it took. */
    public record Verdict(boolean met, String says, Map<String, Double> values, List<String> failed) {

        /** "✓ The LSTM reaches the floor … (bits(A) = 0.318, floor() = 0.170, bits(B) = 0.177)". */
        public String text() {
            List<String> parts = new ArrayList<>();
            values.forEach((k, v) -> parts.add(k + " = " + Expectation.format(v)));
            String measured = parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
            return met ? "✓ " + says + measured : "✗ Not shown yet: " + says + measured + "; needs " + String.join(" and ", failed);
        }

        /**
         * The same for a learner: the measurements in words ("✓ The LSTM reaches the floor … (measured: A's bits per symbol
         * 0.318, the entropy floor 0.170)"); what a point still needs stays in the lesson's notation, which is exact.
         */
        public String spoken() {
            List<String> parts = new ArrayList<>();
            values.forEach((k, v) -> {
                MeasureCall call = MeasureCall.of(k);
                parts.add((call == null ? k : call.spoken()) + " " + Expectation.format(v));
            });
            String measured = parts.isEmpty() ? "" : " (measured: " + String.join(", ", parts) + ")";
            return met ? "✓ " + says + measured : "✗ Not shown yet: " + says + measured + "; needs " + String.join(" and ", failed);
        }
    }

    /** Measures every check; a measurement that cannot be made throws with the reason. */
    public Verdict evaluate(Measures m) {
        Map<String, Double> values = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        Map<String, Double> cache = new HashMap<>();
        Measures cached = call -> cache.computeIfAbsent(call.toString(), k -> m.value(call));
        for (Expectation e : checks) {
            Expectation.Result r = e.evaluate(cached);
            values.putAll(r.values());
            if (!r.met()) {
                failed.add(e.source());
            }
        }
        return new Verdict(failed.isEmpty(), says, values, failed);
    }
}
