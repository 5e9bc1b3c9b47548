package org.seqlab.engine.expect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqlab.engine.train.TrainingSession;

/**
 * A scene's point measured at every checkpoint of its session: when during training it was made. Each checkpoint's
 * weights are put into the models for the measurement and the live ones given back after (engine thread).
 *
 * @param steps  the checkpoints' steps
 * @param values every measurement's value at each step, by name
 * @param met    whether the point held at each step
 */
public record PointHistory(int[] steps, Map<String, double[]> values, boolean[] met) {

    /**
     * The step from which the point held at every later checkpoint, or −1 when it did not hold at the last one. (Not the
     * first step it held: a comparison of two models can hold by chance early on, then fail, then hold for good.)
     */
    public int madeFrom() {
        int from = -1;
        for (int i = steps.length - 1; i >= 0 && met[i]; i--) {
            from = steps[i];
        }
        return from;
    }

    /** Measures {@code point} at each of the session's checkpoints (the step-0 one included). */
    public static PointHistory of(Point point, TrainingSession session, String input) {
        int[] steps = session.checkpoints().steps();
        int wasViewing = session.checkpoints().viewing();
        Map<String, double[]> values = new LinkedHashMap<>();
        boolean[] met = new boolean[steps.length];
        List<String> names = new ArrayList<>();
        try {
            for (int i = 0; i < steps.length; i++) {
                session.view(steps[i]);
                Point.Verdict v = point.evaluate(new SessionMeasures(session, input));
                met[i] = v.met();
                for (Map.Entry<String, Double> e : v.values().entrySet()) {
                    if (!values.containsKey(e.getKey())) {
                        names.add(e.getKey());
                        values.put(e.getKey(), new double[steps.length]);
                        Arrays.fill(values.get(e.getKey()), Double.NaN);
                    }
                    values.get(e.getKey())[i] = e.getValue();
                }
            }
        } finally {
            if (wasViewing >= 0) {
                session.view(wasViewing);
            } else {
                session.live();
            }
        }
        return new PointHistory(steps, values, met);
    }
}
