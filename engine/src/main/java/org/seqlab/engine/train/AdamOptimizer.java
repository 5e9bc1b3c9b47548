package org.seqlab.engine.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ISchedule;
import org.seqlab.engine.model.Parameters;

/**
 * ND4J's Adam updater over the flat parameter array: one norm for clipping, then two calls per step
 * (the updater turns the gradient into the update in place; then θ ← θ − update). With
 * {@link OptimizerConfig.Method#SGD} the update is the (clipped) gradient times α_t, and Adam's moments stay zero.
 */
public final class AdamOptimizer {

    private final Parameters params;
    private final OptimizerConfig config;
    private final INDArray state; // [2P]: Adam's first and second moments
    private final GradientUpdater<?> updater;

    /** What one update did. */
    public record Update(double gradNorm, double scale, double learningRate) {
        public boolean clipped() {
            return scale < 1;
        }
    }

    public AdamOptimizer(Parameters params, OptimizerConfig config) {
        this.params = params;
        this.config = config;
        Adam adam = Adam.builder().learningRateSchedule(new ScheduleAdapter(config))
                .beta1(config.betaOne()).beta2(config.betaTwo()).epsilon(config.epsilon()).build();
        this.state = Nd4j.create(params.dataType(), adam.stateSize(params.size()));
        this.updater = adam.instantiate(state, true);
    }

    /** ND4J asks the schedule for α at every step; ours is {@link OptimizerConfig#learningRateAt}. */
    private static final class ScheduleAdapter implements ISchedule {
        private static final long serialVersionUID = 1L;
        private final OptimizerConfig config;

        ScheduleAdapter(OptimizerConfig config) {
            this.config = config;
        }

        @Override
        public double valueAt(int iteration, int epoch) {
            return config.learningRateAt(iteration);
        }

        @Override
        public ISchedule clone() {
            return new ScheduleAdapter(config);
        }
    }

    public OptimizerConfig config() {
        return config;
    }

    /** ‖g‖ of the current gradient (before clipping). */
    public double gradientNorm() {
        return params.flatGradient().norm2Number().doubleValue();
    }

    /**
     * Clips (if configured) and applies one Adam (or SGD) step to the gradient now in {@code params}.
     *
     * @param step 0-based step index (Adam's bias correction and the schedule use it)
     */
    public Update apply(int step, double gradNorm) {
        INDArray g = params.flatGradient();
        double scale = 1;
        if (config.clip() && gradNorm > config.clipNorm()) {
            scale = config.clipNorm() / gradNorm;
            g.muli(scale);                                  // g ← g · c/‖g‖
        }
        if (config.method() == OptimizerConfig.Method.SGD) {
            g.muli(config.learningRateAt(step));            // g ← α_t · g
        } else {
            updater.applyUpdater(g, step, 0);               // g ← α_t · m̂ / (√v̂ + ε)
        }
        params.flat().subi(g);                              // θ ← θ − g
        return new Update(gradNorm, scale, config.learningRateAt(step));
    }

    /** Adam's moment estimates [2P] (for saving a run). */
    public INDArray state() {
        return state;
    }
}
