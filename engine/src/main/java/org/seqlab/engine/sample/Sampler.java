package org.seqlab.engine.sample;

import java.util.random.RandomGenerator;
import org.seqlab.engine.data.Vocabulary;
import org.seqlab.engine.model.SequenceModel;

/**
 * Draws continuations from any {@link SequenceModel}, one token at a time through {@code start}/{@code step}
 * (makemore's one free {@code generate} for every model).
 */
public final class Sampler {

    private Sampler() {
    }

    /** softmax(logits / T); T → 0 puts all mass on the argmax. */
    public static double[] softmax(float[] logits, double temperature) {
        double[] p = new double[logits.length];
        if (temperature <= 1e-6) {
            p[argmax(logits)] = 1;
            return p;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp((logits[i] - max) / temperature);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    public static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Inverse-CDF draw from a distribution. */
    public static int draw(double[] p, RandomGenerator rng) {
        double u = rng.nextDouble();
        double acc = 0;
        for (int i = 0; i < p.length; i++) {
            acc += p[i];
            if (u < acc) {
                return i;
            }
        }
        for (int i = p.length - 1; i >= 0; i--) {
            if (p[i] > 0) {
                return i;
            }
        }
        return p.length - 1;
    }

    /**
     * Feeds the prompt, then generates {@code length} tokens.
     *
     * @param temperature 0 for greedy decoding (always the most likely token)
     * @return the generated continuation (without the prompt)
     */
    public static String generate(SequenceModel model, Vocabulary vocab, String prompt, int length, double temperature,
            RandomGenerator rng) {
        Primed p = Primed.of(model, vocab.encode(prompt.isEmpty() ? vocab.decode(0) : prompt));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int next = temperature <= 0 ? argmax(p.logits()) : draw(softmax(p.logits(), temperature), rng);
            out.append(vocab.decode(next));
            p = p.feed(model, next);
        }
        return out.toString();
    }
}
