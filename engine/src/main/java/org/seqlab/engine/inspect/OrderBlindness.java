package org.seqlab.engine.inspect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.seqlab.engine.data.Batch;
import org.seqlab.engine.data.Vocabulary;
import org.seqlab.engine.model.Positional;
import org.seqlab.engine.model.TraceLevel;
import org.seqlab.engine.model.transformer.TransformerModel;

/**
 * What attention knows of order. An input and a permutation of it (the symbols before the last in reverse, the last
 * kept in place) go through the same Transformer twice: as trained, with the causal mask, and with the mask removed.
 * Without positions and without the mask, attention is permutation-equivariant: the output at a symbol's new place is
 * exactly its output at the old one, for any weights. With the mask, only the last position (of a one-block model)
 * keeps its output, since it reads every earlier symbol whatever their order. Positions break both.
 *
 * @param perm       the permuted input is {@code x[perm[j]]} at position j
 * @param causalGap  per original position i, the total variation distance between the next-symbol distributions at i
 *                   (original) and at i's new place (permuted), the causal mask on
 * @param unmaskedGap the same with the mask removed (0 everywhere: the outputs permuted with the inputs)
 */
public record OrderBlindness(String model, Positional positions, int blocks, List<String> original, List<String> permuted, int[] perm,
        double[] causalGap, double[] unmaskedGap) {

    /** The longest input shown (a readable row of symbols). */
    public static final int MAX_SYMBOLS = 16;

    /** The largest distance with the mask removed: 0 (to rounding) when the model is equivariant. */
    public double maxUnmaskedGap() {
        double m = 0;
        for (double g : unmaskedGap) {
            m = Math.max(m, g);
        }
        return m;
    }

    /** The last position's distance with the causal mask: 0 for one block without positions. */
    public double lastCausalGap() {
        return causalGap[causalGap.length - 1];
    }

    /** Measures {@code m} on the first {@link #MAX_SYMBOLS} symbols of {@code tokens} (at least 3). */
    public static OrderBlindness of(String model, TransformerModel m, Vocabulary v, int[] tokens) {
        int n = Math.min(MAX_SYMBOLS, tokens.length);
        if (n < 3) {
            throw new IllegalArgumentException("permuting needs an input of at least 3 symbols");
        }
        int[] x = Arrays.copyOf(tokens, n);
        int[] perm = new int[n];
        for (int j = 0; j < n; j++) {
            perm[j] = j < n - 1 ? n - 2 - j : n - 1;   // reversal is its own inverse: symbol i moves to perm[i]
        }
        int[] y = new int[n];
        for (int j = 0; j < n; j++) {
            y[j] = x[perm[j]];
        }
        int vocab = m.spec().vocabSize();
        Batch bx = new Batch(1, n, x, new int[n]);   // only the logits are read; the targets are placeholders
        Batch by = new Batch(1, n, y, new int[n]);
        float[] cx = m.forward(bx, TraceLevel.NONE).logits().clone();
        float[] cy = m.forward(by, TraceLevel.NONE).logits().clone();
        float[] ux = m.unmaskedLogits(bx);
        float[] uy = m.unmaskedLogits(by);
        double[] causal = new double[n];
        double[] unmasked = new double[n];
        for (int i = 0; i < n; i++) {
            causal[i] = TakeApart.totalVariation(row(cx, i, vocab), row(cy, perm[i], vocab));
            unmasked[i] = TakeApart.totalVariation(row(ux, i, vocab), row(uy, perm[i], vocab));
        }
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            a.add(v.decode(x[j]));
            b.add(v.decode(y[j]));
        }
        var c = m.spec().config();
        return new OrderBlindness(model, c.positional(), c.layers(), a, b, perm, causal, unmasked);
    }

    private static float[] row(float[] logits, int t, int v) {
        return Arrays.copyOfRange(logits, t * v, (t + 1) * v);
    }
}
