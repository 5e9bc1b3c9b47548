package org.seqlab.engine.train;

/**
 * When a loss has diverged, for every kind of run (language models and encoder–decoders alike): a loss that is not
 * finite, that explodes (above {@value #EXPLODED} times the bits of a uniform guess over the symbols a model can
 * output), or that stays above {@value #OUT_OF_RANGE} times those bits for {@value #PATIENCE} steps in a row. A run
 * keeps the weights of the last step whose loss was sane ({@link #sane()}) and goes back to them when this rule fires.
 */
public final class DivergenceRule {

    /** A loss this many times the uniform guess's bits has exploded: the run stops at once. */
    public static final double EXPLODED = 10;
    /** A loss above this many times the uniform guess's bits ... */
    public static final double OUT_OF_RANGE = 2;
    /** ... for this many steps in a row has diverged. */
    public static final int PATIENCE = 5;

    /** Bits per symbol of a uniform guess, log₂ of the symbols a model can output: the yardstick. */
    private final double uniform;
    private int outOfRange;

    public DivergenceRule(int outputs) {
        this.uniform = Math.log(Math.max(2, outputs)) / Math.log(2);
    }

    public double uniformBits() {
        return uniform;
    }

    /** Looks at one step's loss (nats): null while healthy, otherwise what happened, for "… diverged at step n: …". */
    public String check(double lossNats) {
        if (!Double.isFinite(lossNats)) {
            return "the loss became " + lossNats;
        }
        double bits = lossNats / Math.log(2);
        if (bits > EXPLODED * uniform) {
            return String.format("the loss exploded to %,.1f bits per symbol (a uniform guess scores %.2f)", bits, uniform);
        }
        if (bits > OUT_OF_RANGE * uniform) {
            outOfRange++;
            if (outOfRange >= PATIENCE) {
                return String.format("the loss stayed above twice a uniform guess's %.2f bits for %d steps (now %,.2f)", uniform, PATIENCE, bits);
            }
        } else {
            outOfRange = 0;
        }
        return null;
    }

    /** Whether the last loss looked at was in range: the weights that gave it are good ones to go back to. */
    public boolean sane() {
        return outOfRange == 0;
    }

    /** Starts counting afresh (after the run went back to good weights and trains on). */
    public void reset() {
        outOfRange = 0;
    }
}
