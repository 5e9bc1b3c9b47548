package org.seqlab.engine.data;

import java.util.Arrays;

/**
 * B sequences of T inputs and T targets (targets are the inputs shifted by one), batch-major:
 * {@code inputs[b*T + t]}. Optional per-target weights select which positions count in the loss
 * (for instance only the last one, to measure how the gradient of one loss flows back through time).
 */
public record Batch(int batch, int steps, int[] inputs, int[] targets, double[] weights) {

    public Batch {
        if (batch < 1 || steps < 1) {
            throw new IllegalArgumentException("a batch needs at least one sequence of one step");
        }
        if (inputs.length != batch * steps || targets.length != batch * steps) {
            throw new IllegalArgumentException("inputs and targets must hold B*T = " + batch * steps + " ids");
        }
        if (weights != null && weights.length != batch * steps) {
            throw new IllegalArgumentException("weights must hold B*T values");
        }
    }

    public Batch(int batch, int steps, int[] inputs, int[] targets) {
        this(batch, steps, inputs, targets, null);
    }

    /** One sequence: predict tokens[1..n-1] from tokens[0..n-2]. */
    public static Batch ofSequence(int[] tokens) {
        if (tokens.length < 2) {
            throw new IllegalArgumentException("a sequence needs at least two tokens");
        }
        int t = tokens.length - 1;
        return new Batch(1, t, Arrays.copyOf(tokens, t), Arrays.copyOfRange(tokens, 1, tokens.length));
    }

    /** One image: every pixel is both input and target (an image model predicts each at its own position). */
    public static Batch ofImage(int[] pixels) {
        return new Batch(1, pixels.length, pixels.clone(), pixels.clone());
    }

    /** The same batch with the loss counted only at one position of each sequence. */
    public Batch onlyAt(int position) {
        if (position < 0 || position >= steps) {
            throw new IllegalArgumentException("position " + position + " outside 0.." + (steps - 1));
        }
        double[] w = new double[batch * steps];
        for (int b = 0; b < batch; b++) {
            w[b * steps + position] = 1;
        }
        return new Batch(batch, steps, inputs, targets, w);
    }

    /** B windows of T+1 tokens each (row-major [B][T+1]) as inputs and shifted targets. */
    public static Batch ofWindows(int[][] windows) {
        int b = windows.length;
        int t = windows[0].length - 1;
        int[] in = new int[b * t];
        int[] out = new int[b * t];
        for (int i = 0; i < b; i++) {
            if (windows[i].length != t + 1) {
                throw new IllegalArgumentException("windows must have equal length");
            }
            System.arraycopy(windows[i], 0, in, i * t, t);
            System.arraycopy(windows[i], 1, out, i * t, t);
        }
        return new Batch(b, t, in, out);
    }

    /** The same batch with the loss counted only at the last position of each sequence. */
    public Batch lastPositionOnly() {
        return onlyAt(steps - 1);
    }

    public int input(int b, int t) {
        return inputs[b * steps + t];
    }

    public int target(int b, int t) {
        return targets[b * steps + t];
    }

    /** Inputs in time-major order ({@code n = t*B + b}), the layout every layer uses. */
    public int[] inputsTimeMajor() {
        return timeMajor(inputs);
    }

    public int[] targetsTimeMajor() {
        return timeMajor(targets);
    }

    /** Weights in time-major order, or null. */
    public double[] weightsTimeMajor() {
        if (weights == null) {
            return null;
        }
        double[] out = new double[weights.length];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                out[t * batch + b] = weights[b * steps + t];
            }
        }
        return out;
    }

    private int[] timeMajor(int[] batchMajor) {
        int[] out = new int[batchMajor.length];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                out[t * batch + b] = batchMajor[b * steps + t];
            }
        }
        return out;
    }
}
