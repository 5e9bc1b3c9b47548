package org.seqlab.engine.model;

import java.util.List;
import org.seqlab.engine.data.Batch;

/**
 * The one contract every model family answers, so that training, sampling, metrics and views work for all
 * of them (in the spirit of makemore and minGPT).
 *
 * <p>Order of calls: for training, {@link #forward} then {@link #backward} (which fills
 * {@link Parameters#flatGradient()}), then the optimiser updates {@link #parameters()}. For generation,
 * {@link #start} once, then {@link #step} once per token, each time with the state the previous step
 * returned. A model is used from one thread at a time; its outputs are valid until its next call.
 */
public interface SequenceModel {

    /** Family, sizes, vocabulary size, context length. */
    ModelSpec spec();

    /** Logits (B, T, V), the mean loss in nats over the targets, and at {@link TraceLevel#FULL} a Trace. */
    Forward forward(Batch batch, TraceLevel level);

    /**
     * Gradient of the last forward's mean loss with respect to every weight, into
     * {@code parameters().flatGradient()}. After a {@link TraceLevel#FULL} forward the returned Trace holds
     * gradient quantities (for recurrent models {@link Probe.GradientNorm} of the hidden state: ‖∂L/∂h_t‖ for
     * every t); otherwise it is empty.
     */
    Trace backward();

    /**
     * Every probe this model fills: a {@link TraceLevel#FULL} forward's trace together with the following
     * backward's holds exactly these, each shaped as {@link Probe#shape} says.
     */
    List<Probe> probes();

    /** The weights and their gradients as one flat array each. */
    Parameters parameters();

    /** The state before the first token of {@code batchSize} independent sequences. */
    StepState start(int batchSize);

    /** Feeds one token per sequence; returns the next-token logits and the new state. */
    Step step(StepState state, int[] tokens);

}
