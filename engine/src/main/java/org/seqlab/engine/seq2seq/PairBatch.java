package org.seqlab.engine.seq2seq;

import java.util.List;

/**
 * Pairs as the encoder–decoder reads them, time-major (row {@code t·B + b}).
 *
 * <p>Sources are padded on the <em>left</em>, so every source ends at the last step and the encoder's final state
 * is each one's own; attention masks the padding. Targets are fed with teacher forcing: the decoder reads
 * {@code ⟨s⟩ y_1 … y_m} and predicts {@code y_1 … y_m ⟨/s⟩}; rows after the end have no target (−1).
 *
 * @param source        [Ts*B] ids, left-padded
 * @param sourceLengths [B] the number of real symbols of each source
 * @param targetIn      [Tt*B] the decoder's inputs
 * @param targets       [Tt*B] what it must predict, −1 after the end
 */
public record PairBatch(int size, int sourceSteps, int targetSteps, int[] source, int[] sourceLengths, int[] targetIn, int[] targets) {

    public static PairBatch of(List<Pair> pairs, Seq2SeqVocab vocab) {
        int b = pairs.size();
        int ts = 1;
        int tt = 1;
        for (Pair p : pairs) {
            ts = Math.max(ts, p.source().length());
            tt = Math.max(tt, p.target().length() + 1);
        }
        int[] src = new int[ts * b];
        int[] lengths = new int[b];
        int[] in = new int[tt * b];
        int[] out = new int[tt * b];
        java.util.Arrays.fill(out, -1);
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
