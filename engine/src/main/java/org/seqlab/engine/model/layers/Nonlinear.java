package org.seqlab.engine.model.layers;

/**
 * The squashing functions of the recurrent cells and additive attention, through {@code Math.exp}, which the JIT
 * compiles to an intrinsic. Why: {@code Math.tanh} is not one on JDK 17 (it calls StrictMath's fdlibm), and it took
 * 8% of a GRU's training step in the benchmark's profile.
 */
public final class Nonlinear {

    private Nonlinear() {
    }

    /** σ(x) = 1 / (1 + e^{−x}). */
    public static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    /** tanh(x) = 2σ(2x) − 1; absolute error below 3e-16. */
    public static double tanh(double x) {
        return 2.0 / (1.0 + Math.exp(-2.0 * x)) - 1.0;
    }
}
