package org.seqlab.engine.model.layers;

/**
 * A Java array a layer reuses from call to call instead of allocating megabytes each time (an MLP's
 * activations at batch 32, length 64, width 512 are a million numbers). The contents are whatever the last
 * user left: callers overwrite every element they read.
 */
public final class Scratch {

    private double[] array = new double[0];

    /** An array of exactly {@code n} elements, reused when the size repeats. */
    public double[] of(int n) {
        if (array.length != n) {
            array = new double[n];
        }
        return array;
    }
}
