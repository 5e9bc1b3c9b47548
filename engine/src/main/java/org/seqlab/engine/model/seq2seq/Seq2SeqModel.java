package org.seqlab.engine.model.seq2seq;

import org.seqlab.engine.model.Parameters;

/**
 * An encoder–decoder: a model of p(y | x) = Π_t p(y_t | y_{<t}, x) trained with teacher forcing and decoded one
 * symbol at a time. Inputs arrive time-major (row {@code t·B + b}), as {@code PairBatch} lays them out.
 */
public interface Seq2SeqModel {

    /** The first symbol a decoder may output: ⟨/s⟩ (ids 0 and 1, padding and ⟨s⟩, are only ever read). */
    int FIRST_OUTPUT = 2;

    /** What a decoder carries from one step to the next, for B hypotheses (a GRU's state; a Transformer's prefix). */
    interface DecoderState {
        int size();

        /** The hypotheses at these rows, in this order (a row may repeat: a beam's kept hypotheses). */
        DecoderState select(int[] rows);
    }

    /**
     * A source batch after the encoder.
     *
     * @param states  the encoder's output per source position (for one source, [Ts][H] row by row)
     * @param start   the decoder's state before its first step
     * @param context the single vector a decoder without attention starts from (batch of one: [H]); null otherwise
     */
    record Encoded(double[] states, int steps, int batch, int[] lengths, DecoderState start, double[] context) {
    }

    /** One decoding step for B hypotheses: log-probabilities [B][V], the next state, and where each looked [B][Ts] (null rows without attention). */
    record StepOut(double[][] logProbs, DecoderState state, double[][] weights) {
    }

    Seq2SeqConfig config();

    int vocab();

    Parameters parameters();

    /**
     * Teacher-forced forward pass.
     *
     * @param source   [Ts*B] ids, every source of the batch of length Ts (PairBatch refuses padding sources)
     * @param targetIn [Tt*B] ⟨s⟩ y_1 … y_m
     * @param targets  [Tt*B] y_1 … y_m ⟨/s⟩, −1 beyond
     * @return the mean loss over target symbols, nats
     */
    double forward(int[] source, int[] lengths, int ts, int[] targetIn, int[] targets, int tt, int batch);

    /** The gradient of the last forward's loss, into {@link #parameters()}. */
    void backward();

    /** The most likely symbol a decoder may output ({@link #FIRST_OUTPUT} on) at every row of the last forward, time-major [Tt*B]. */
    int[] lastPredictions();

    /** −log p(target) per row of the last forward, time-major, nats (0 where no target). */
    double[] lastRowLosses();

    Encoded encode(int[] source, int[] lengths, int ts, int batch);

    /** Hypothesis b reads source row {@code rowOf[b]} of {@code enc} and its previous symbol {@code previous[b]}. */
    StepOut step(Encoded enc, int[] rowOf, int[] previous, DecoderState state);

    /** The most likely symbol a decoder may output in row {@code r} of rows of V logits. */
    static int bestOutput(double[] logits, int r, int vocab) {
        int best = FIRST_OUTPUT;
        for (int v = FIRST_OUTPUT + 1; v < vocab; v++) {
            if (logits[r * vocab + v] > logits[r * vocab + best]) {
                best = v;
            }
        }
        return best;
    }

    /** Log-softmax of B rows of V logits. */
    static double[][] logSoftmax(double[] logits, int b, int vocab) {
        double[][] out = new double[b][vocab];
        for (int i = 0; i < b; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int v = 0; v < vocab; v++) {
                max = Math.max(max, logits[i * vocab + v]);
            }
            double sum = 0;
            for (int v = 0; v < vocab; v++) {
                sum += Math.exp(logits[i * vocab + v] - max);
            }
            double log = max + Math.log(sum);
            for (int v = 0; v < vocab; v++) {
                out[i][v] = logits[i * vocab + v] - log;
            }
        }
        return out;
    }
}
