package org.seqlab.engine.data.tasks;

import java.util.Arrays;
import java.util.List;

/**
 * Pairs as the encoder–decoder reads them, time-major (row {@code t·B + b}).
 *
 * <p>Every source of a batch has the same length: padding a source would change its result (a recurrent encoder
 * would read the pad symbols first, a Transformer's positions would shift), so sources of different lengths are
 * refused and callers group them by length. Targets may differ in length: they are fed with teacher forcing — the
 * decoder reads {@code ⟨s⟩ y_1 … y_m} and predicts {@code y_1 … y_m ⟨/s⟩} — and rows after a target's end have no
 * target (−1); the decoder is causal, so those rows change nothing before them, and each pair's loss and gradient
 * are exactly its own (tested).
 *
 * @param source        [Ts*B] ids, every source Ts long
 * @param sourceLengths [B] the number of real symbols of each source
 * @param targetIn      [Tt*B] the decoder's inputs
 * @param targets       [Tt*B] what it must predict, −1 after the end
 */
public record PairBatch(int size, int sourceSteps, int targetSteps, int[] source, int[] sourceLengths, int[] targetIn, int[] targets) {

    /**
     * The longest source and target an encoder–decoder reads anywhere (translate, score, the lab, a scene): the tasks
     * train on at most 20 symbols and test on at most 30; far longer ones would only cost minutes for nothing.
     */
    public static final int MAX_SOURCE = 40;
    public static final int MAX_TARGET = 120;

    /** Refuses a source or target past the limits, in a sentence that names them. */
    public static void checkLengths(String source, String target) {
        if (source.length() > MAX_SOURCE) {
            throw new IllegalArgumentException(String.format("a source of %,d symbols is longer than the %d an encoder–decoder reads here "
                    + "(the tasks train on at most 20)", source.length(), MAX_SOURCE));
        }
        if (target.length() > MAX_TARGET) {
            throw new IllegalArgumentException(String.format("an output of %,d symbols is longer than the %d an encoder–decoder scores here",
                    target.length(), MAX_TARGET));
        }
    }

    public static PairBatch of(List<Pair> pairs, Seq2SeqVocab vocab) {
        int b = pairs.size();
        int ts = 1;
        int tt = 1;
        for (Pair p : pairs) {
            checkLengths(p.source(), p.target());
            if (p.source().length() != pairs.get(0).source().length()) {
                throw new IllegalArgumentException("sources of " + pairs.get(0).source().length() + " and " + p.source().length()
                        + " symbols cannot share a batch: padding would change their results; group them by length");
            }
            ts = Math.max(ts, p.source().length());
            tt = Math.max(tt, p.target().length() + 1);
        }
        int[] src = new int[ts * b];
        int[] lengths = new int[b];
        int[] in = new int[tt * b];
        int[] out = new int[tt * b];
        Arrays.fill(out, -1);
        for (int i = 0; i < b; i++) {
            int[] s = vocab.encode(pairs.get(i).source());
            int[] y = vocab.encode(pairs.get(i).target());
            lengths[i] = s.length;
            for (int t = 0; t < s.length; t++) {
                src[(ts - s.length + t) * b + i] = s[t];
            }
            in[i] = Seq2SeqVocab.BOS;
            for (int t = 0; t < y.length; t++) {
                in[(t + 1) * b + i] = y[t];
                out[t * b + i] = y[t];
            }
            out[y.length * b + i] = Seq2SeqVocab.EOS;
        }
        return new PairBatch(b, ts, tt, src, lengths, in, out);
    }

    /** Sources only, for decoding. */
    public static PairBatch sources(List<String> sources, Seq2SeqVocab vocab) {
        return of(sources.stream().map(s -> new Pair(s, "")).toList(), vocab);
    }

    /** Target symbols (EOS included) of the batch: what bits per target token divide by. */
    public int targetTokens() {
        int n = 0;
        for (int t : targets) {
            n += t >= 0 ? 1 : 0;
        }
        return n;
    }
}
