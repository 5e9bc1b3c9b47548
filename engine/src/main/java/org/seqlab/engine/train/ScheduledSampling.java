package org.seqlab.engine.train;
import org.seqlab.engine.io.BadValue;

/**
 * Scheduled sampling (Bengio et al. 2015): while training, each input token after the first is replaced, with
 * probability ε, by a token drawn from the model's own prediction for that position, so the model learns to
 * continue from its own mistakes. ε ramps linearly from 0 to {@code maxRate} over {@code rampSteps} steps
 * (early on the model's guesses are noise and would only slow learning).
 *
 * <p>The predictions come from a first forward pass on the true inputs, and the loss from a second pass on the
 * mixed inputs ("parallel scheduled sampling", Duckworth et al. 2019). For a recurrent model this differs from
 * the strictly sequential original in one way: each replacement is predicted from the true history rather than
 * from the already-mixed one. It costs one extra forward pass per step, and nothing for image models, which
 * predict each pixel from the true pixels by construction and are trained without it.
 *
 * @param maxRate   ε after the ramp, in [0, 1]; 0 turns scheduled sampling off
 * @param rampSteps steps over which ε grows from 0 to {@code maxRate}; 0 starts at {@code maxRate}
 */
public record ScheduledSampling(double maxRate, int rampSteps) {

    /** Pure teacher forcing. */
    public static final ScheduledSampling OFF = new ScheduledSampling(0, 0);

    public ScheduledSampling {
        if (!(maxRate >= 0 && maxRate <= 1)) {
            throw BadValue.says("config.samplingRate", maxRate);
        }
        if (rampSteps < 0 || rampSteps > 1_000_000) {
            throw BadValue.says("config.samplingRamp", rampSteps);
        }
    }

    public boolean enabled() {
        return maxRate > 0;
    }

    /** ε at optimiser step {@code step} (0-based). */
    public double rate(int step) {
        if (rampSteps == 0) {
            return maxRate;
        }
        return maxRate * Math.min(1.0, step / (double) rampSteps);
    }

    /** "sched. sampling ε→0.25 over 500" or "". */
    public String describe() {
        return enabled() ? String.format("sched. sampling ε→%.2f over %d", maxRate, rampSteps) : "";
    }
}
