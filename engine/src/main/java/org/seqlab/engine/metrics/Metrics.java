package org.seqlab.engine.metrics;

/**
 * The units a language model's loss is read in. The training loss is the mean negative log-likelihood
 * per symbol in nats; the same number in bits is bits per character (or per dimension for images);
 * perplexity is its exponential, the effective number of equally likely choices.
 */
public final class Metrics {

    public static final double LN2 = Math.log(2);

    private Metrics() {
    }

    /** nats → bits. */
    public static double bits(double nats) {
        return nats / LN2;
    }

    /** bits → nats. */
    public static double nats(double bits) {
        return bits * LN2;
    }

    /** Perplexity e^{NLL in nats} = 2^{NLL in bits}. */
    public static double perplexity(double nats) {
        return Math.exp(nats);
    }

    /**
     * log softmax(row)[target] in nats, computed stably (the largest logit subtracted first), for the row of
     * {@code vocab} logits starting at {@code offset}: the log-probability a model gives one symbol.
     */
    public static double logProb(float[] logits, int offset, int vocab, int target) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < vocab; j++) {
            max = Math.max(max, logits[offset + j]);
        }
        double sum = 0;
        for (int j = 0; j < vocab; j++) {
            sum += Math.exp(logits[offset + j] - max);
        }
        return logits[offset + target] - max - Math.log(sum);
    }

    /**
     * On a source with known entropy, the excess of the model's cross-entropy over the floor is the KL
     * divergence from the true distribution to the model's: {@code KL(p‖q) = H(p, q) − H(p)}.
     */
    public static double klBits(double nllBits, double entropyBits) {
        return nllBits - entropyBits;
    }
}
