package org.seqlab.engine.model.layers;

/**
 * A Java array a layer reuses from call to call instead of allocating megabytes each time (an MLP's
 * activations at batch 32, length 64, width 512 are a million numbers). The contents are whatever the last
 * user left: callers overwrite every element they read.
 *
 * <p>It keeps one array for each of the last few sizes asked for. Why: one scratch often serves calls of
 * different sizes in turn (attention's split, softmax and merge within one step), and an array that followed the
 * last size was reallocated several times a step — multi-megabyte, "humongous" allocations for G1 that made the
 * Transformer's step time wander from 180 to 780 ms (measured with a JFR allocation profile).
 */
public final class Scratch {

    private static final int SIZES = 6;
    private final double[][] arrays = new double[SIZES][];
    private int next;

    /** An array of exactly {@code n} elements, the same one each time {@code n} is asked for again. */
    public double[] of(int n) {
        for (double[] a : arrays) {
            if (a != null && a.length == n) {
                return a;
            }
        }
        double[] a = new double[n];
        arrays[next] = a;            // the oldest size gives way
        next = (next + 1) % SIZES;
        return a;
    }
}
