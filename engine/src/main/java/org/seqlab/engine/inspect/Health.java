package org.seqlab.engine.inspect;

import java.util.Arrays;
import org.seqlab.engine.model.Probe;
import org.seqlab.engine.model.Trace;
import org.seqlab.engine.train.ModelRun;
import org.seqlab.engine.train.OptimizerConfig;
import org.seqlab.engine.train.Series;

/**
 * How healthy a model's training is, by the instruments the tutor reads and the lessons' points can measure
 * ({@code update_ratio}, {@code clipped}, {@code saturated}, {@code pinned}): one definition for both.
 */
public final class Health {

    /** The recent steps the optimiser's measures look at. */
    public static final int WINDOW = 50;
    /** A gate value this close to 0 or 1 is saturated. */
    public static final double SATURATION = 0.02;
    /** A hidden unit is pinned when it keeps one sign with |h| above this on the whole input. */
    public static final double PINNED = 0.95;

    private Health() {
    }

    /** The median ‖Δθ‖ ÷ ‖θ‖ of the last {@link #WINDOW} updates (about 1e-3 is healthy for Adam); NaN before any. */
    public static double updateRatio(ModelRun run) {
        return median(run.updateRatios(), WINDOW);
    }

    /** The share of the last {@link #WINDOW} steps whose gradient norm was over the clipping threshold (0 without clipping). */
    public static double clippedShare(ModelRun run) {
        return clippedShare(run.gradNorms(), run.config().optimizer());
    }

    /** The same, of a series of gradient norms under optimiser {@code o}. */
    public static double clippedShare(Series g, OptimizerConfig o) {
        if (!o.clip()) {
            return 0;
        }
        double clip = o.clipNorm();
        int n = Math.min(WINDOW, g.size());
        int over = 0;
        for (int k = g.size() - n; k < g.size(); k++) {
            over += g.value(k) > clip ? 1 : 0;
        }
        return n == 0 ? 0 : (double) over / n;
    }

    /** The share of an LSTM's sigmoid gate values (input, forget, output) within {@link #SATURATION} of 0 or 1; 0 for others. */
    public static double saturatedShare(Trace trace) {
        long all = 0;
        long saturated = 0;
        for (Probe p : trace.probes()) {
            if (p instanceof Probe.GateValues g && g.gate() != Probe.Gate.CANDIDATE) {
                for (float v : trace.get(p).data()) {
                    all++;
                    saturated += v < SATURATION || v > 1 - SATURATION ? 1 : 0;
                }
            }
        }
        return all == 0 ? 0 : (double) saturated / all;
    }

    /** The share of hidden units, over every recurrent layer, pinned at one sign (|h| above {@link #PINNED}) on the whole input. */
    public static double pinnedShare(Trace trace) {
        int units = 0;
        int pinned = 0;
        for (Probe p : trace.probes()) {
            if (!(p instanceof Probe.Hidden)) {
                continue;
            }
            Trace.Array h = trace.get(p);
            for (int j = 0; j < h.cols(); j++) {
                boolean stuck = true;
                float sign = Math.signum(h.get(0, j));
                for (int t = 0; t < h.rows() && stuck; t++) {
                    stuck = Math.signum(h.get(t, j)) == sign && Math.abs(h.get(t, j)) > PINNED;
                }
                units++;
                pinned += stuck ? 1 : 0;
            }
        }
        return units == 0 ? 0 : (double) pinned / units;
    }

    /**
     * ‖∂L_T/∂h_{T−k}‖ ÷ ‖∂L_T/∂h_T‖ at the top recurrent layer of a trace, L_T the loss at its input's last position
     * ({@code grad_ratio(A, k)}); the trace must be {@code k + 1} steps or longer.
     */
    public static double gradRatio(Trace trace, int k) {
        Probe.GradientNorm top = trace.probes().stream().filter(p -> p instanceof Probe.GradientNorm g && g.of() == Probe.GradientOf.HIDDEN)
                .map(Probe.GradientNorm.class::cast).reduce((a, b) -> b.layer() > a.layer() ? b : a)
                .orElseThrow(() -> new IllegalArgumentException("the gradient through time needs a recurrent model"));
        Trace.Array g = trace.get(top);
        int last = g.data().length - 1;
        return g.get(last - k) / Math.max(Float.MIN_VALUE, g.get(last));
    }

    /** Median of the last {@code n} finite values of a series; NaN when there are none. */
    public static double median(Series s, int n) {
        double[] v = new double[Math.min(n, s.size())];
        int k = 0;
        for (int i = s.size() - v.length; i < s.size(); i++) {
            if (Double.isFinite(s.value(i))) {
                v[k++] = s.value(i);
            }
        }
        double[] finite = Arrays.copyOf(v, k);
        Arrays.sort(finite);
        return k == 0 ? Double.NaN : finite[k / 2];
    }
}
