package org.seqlab.app.figures;

import org.seqlab.engine.inspect.ExposureBias;

/** One model in the exposure-bias figure: its example continued both ways, and the average over every window. */
public record ExposureRun(String id, String label, ExposureBias.Result example, ExposureBias.Average average) {

    /** The mean of per-step losses in nats, in bits (NaN for none). */
    static double meanBits(double[] nats) {
        double s = 0;
        for (double v : nats) {
            s += v;
        }
        return nats.length == 0 ? Double.NaN : s / nats.length / Math.log(2);
    }
}
