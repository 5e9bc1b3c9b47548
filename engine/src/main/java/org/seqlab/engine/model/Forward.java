package org.seqlab.engine.model;

import java.util.function.Supplier;

/**
 * What a forward pass returns: the mean loss, the next-token logits (B, T, V) and, at
 * {@link TraceLevel#FULL}, a Trace of batch item 0.
 *
 * <p>The logits are copied off the model only when asked for (the training loop never asks), and must be
 * asked for before the model's next call.
 */
public final class Forward {

    private final int batch;
    private final int steps;
    private final int vocab;
    private final double loss;
    private final Trace trace;
    private Supplier<float[]> source;
    private float[] logits;

    public Forward(int batch, int steps, int vocab, double loss, Trace trace, Supplier<float[]> logits) {
        this.batch = batch;
        this.steps = steps;
        this.vocab = vocab;
        this.loss = loss;
        this.trace = trace;
        this.source = logits;
    }

    /** Mean cross-entropy over the targets, in nats. */
    public double loss() {
        return loss;
    }

    public Trace trace() {
        return trace;
    }

    public int batch() {
        return batch;
    }

    public int steps() {
        return steps;
    }

    public int vocab() {
        return vocab;
    }

    /** All logits in batch-major order, {@code [(b*T + t)*V + v]}. */
    public synchronized float[] logits() {
        if (logits == null) {
            logits = source.get();
            source = null;
        }
        return logits;
    }

    /** Logit of token v after position t of sequence b. */
    public float logit(int b, int t, int v) {
        return logits()[(b * steps + t) * vocab + v];
    }
}
