package org.seqlab.engine.train;

import org.seqlab.engine.model.ModelConfig;

/** One model in the lab: its architecture, how it is optimised, and whether it trains with scheduled sampling. */
public record RunConfig(ModelConfig model, OptimizerConfig optimizer, ScheduledSampling scheduled) {

    public RunConfig {
        if (model == null || optimizer == null) {
            throw new IllegalArgumentException("a run needs a model and an optimiser");
        }
        if (scheduled == null) {
            scheduled = ScheduledSampling.OFF;
        }
    }

    /** Teacher forcing only. */
    public RunConfig(ModelConfig model, OptimizerConfig optimizer) {
        this(model, optimizer, ScheduledSampling.OFF);
    }

    public RunConfig withOptimizer(OptimizerConfig o) {
        return new RunConfig(model, o, scheduled);
    }

    public RunConfig withModel(ModelConfig m) {
        return new RunConfig(m, optimizer, scheduled);
    }

    /** "LSTM 1×64 · Adam 3e-3, clip 1" (and the scheduled-sampling rate when on). */
    public String describe() {
        String s = model.describe() + " · " + optimizer.describe();
        return scheduled.enabled() && !model.family().image() ? s + " · " + scheduled.describe() : s;
    }
}
