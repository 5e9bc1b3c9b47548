package org.seqlab.engine.model;

/** A model's carried state during token-by-token generation; opaque outside the model that made it. */
public interface StepState {
    /** How many independent sequences this state carries. */
    int batchSize();
}
