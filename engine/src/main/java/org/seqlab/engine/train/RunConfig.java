package org.seqlab.engine.train;

import org.seqlab.engine.model.ModelConfig;

/** One model in the lab: its architecture and how it is optimised. */
public record RunConfig(ModelConfig model, OptimizerConfig optimizer) {

    public RunConfig {
        if (model == null || optimizer == null) {
            throw new IllegalArgumentException("a run needs a model and an optimiser");
        }
    }

    /** "LSTM 1×64 · Adam 3e-3, clip 1". */
    public String describe() {
        return model.describe() + " · " + optimizer.describe();
    }
}
