package org.seqlab.engine.metrics;

import java.util.Arrays;
import org.seqlab.engine.data.Batch;
import org.seqlab.engine.model.SequenceModel;
import org.seqlab.engine.model.TraceLevel;

/**
 * log₂ p(x_t | x_{<t}) of every token of a text of any length after the first. A recurrent model reads the whole text
 * in one pass. A Transformer reads at most its context C, so a longer text is scored with a sliding window of C tokens
 * moved by C/2: the first window scores all its positions, each later one only the positions the previous did not
 * reach, so every token past the first C is predicted from at least C/2 tokens before it (the usual way to score
 * past a context, e.g. Hugging Face's perplexity guide). A causal convolution sees only its receptive field R, so its
 * windows overlap by R and the score is exactly that of one pass over the whole text.
 *
 * @param bits   log₂ p of token t + 1 given the tokens before it, for t = 0 … n − 2 (≤ 0)
 * @param window the tokens one forward pass reads (the text's length when it fits in one)
 * @param stride how far each window moves (0 when one pass covered the text)
 */
public record TextScore(double[] bits, int window, int stride) {

    public static TextScore of(SequenceModel model, int[] ids) {
        if (model.spec().family().image()) {
            int v = model.spec().vocabSize();
            float[] logits = model.forward(Batch.ofImage(ids), TraceLevel.NONE).logits();
            double[] bits = new double[ids.length];
            for (int t = 0; t < ids.length; t++) {
                bits[t] = Metrics.bits(Metrics.logProb(logits, t * v, v, ids[t]));
            }
            return new TextScore(bits, ids.length, 0);
        }
        if (ids.length < 2) {
            throw new IllegalArgumentException("a text to score needs at least two tokens: the first is context, the rest are scored");
        }
        int predictions = ids.length - 1;
        int window = window(model, predictions);
        int stride = switch (model.spec().family()) {
            case TRANSFORMER -> Math.max(1, window / 2);
            case CONV1D -> window - model.spec().config().receptiveField();
            default -> 0;
        };
        double[] bits = new double[predictions];
        if (predictions <= window) {
            logProbs(model, ids, 0, predictions, bits, 0);
            return new TextScore(bits, predictions, 0);
        }
        int scored = 0;                 // predictions 0 … scored − 1 are done
        for (int start = 0; scored < predictions; start += stride) {
            int s = Math.min(start, predictions - window);   // every window is full; the last one ends with the text
            logProbs(model, ids, s, window, bits, scored);
            scored = s + window;
        }
        return new TextScore(bits, window, stride);
    }

    /**
     * The positions one forward pass reads when scoring {@code predictions} of them: a Transformer's context, a
     * causal convolution's window of four receptive fields (at least 256), all of them for a recurrent model.
     */
    public static int window(SequenceModel model, int predictions) {
        return switch (model.spec().family()) {
            case TRANSFORMER -> model.spec().context();
            case CONV1D -> Math.max(4 * model.spec().config().receptiveField(), 256);
            default -> predictions;
        };
    }

    /**
     * Scores predictions {@code from} … {@code from + length − 1} (prediction t is of token t + 1) in one forward pass,
     * keeping those from {@code keepFrom} on.
     */
    private static void logProbs(SequenceModel model, int[] ids, int from, int length, double[] bits, int keepFrom) {
        int[] window = Arrays.copyOfRange(ids, from, from + length + 1);
        int v = model.spec().vocabSize();
        float[] logits = model.forward(Batch.ofSequence(window), TraceLevel.NONE).logits();
        for (int t = Math.max(0, keepFrom - from); t < length; t++) {
            bits[from + t] = Metrics.bits(Metrics.logProb(logits, t * v, v, window[t + 1]));
        }
    }
}
