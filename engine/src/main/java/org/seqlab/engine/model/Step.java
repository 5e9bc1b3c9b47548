package org.seqlab.engine.model;

/**
 * One generation step: next-token logits for each sequence and the state to pass to the next step.
 *
 * @param logits {@code logits[b][v]}
 */
public record Step(float[][] logits, StepState state) {
}
