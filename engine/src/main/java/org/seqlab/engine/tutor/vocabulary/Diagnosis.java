package org.seqlab.engine.tutor.vocabulary;

import java.util.Map;

/**
 * One cause named for one model: the step it was read at and the numbers that raised it.
 *
 * @param evidence the measurements, by name (e.g. {@code update_ratio}, {@code grad_ratio}), in a stable order
 */
public record Diagnosis(Cause cause, int step, Map<String, Double> evidence) {

    public Diagnosis {
        evidence = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evidence));
    }

    /** The explanation with the numbers: what a learner reads. */
    public String says() {
        StringBuilder b = new StringBuilder(cause.says()).append(" (");
        boolean first = true;
        for (var e : evidence.entrySet()) {
            b.append(first ? "" : ", ").append(e.getKey()).append(' ').append(format(e.getValue()));
            first = false;
        }
        return b.append(" at step ").append(step).append(")").toString();
    }

    /** A number as the evidence shows it: three decimals, or three significant digits when very small or large. */
    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return String.valueOf((long) v);
        }
        double a = Math.abs(v);
        return a >= 1e-3 && a < 1e4 || a == 0 ? String.format(java.util.Locale.ROOT, "%.3f", v) : String.format(java.util.Locale.ROOT, "%.2e", v);
    }
}
