package org.seqlab.engine.seq2seq;

import java.util.List;
import org.seqlab.engine.data.tasks.PairBatch;
import org.seqlab.engine.data.tasks.Seq2SeqVocab;
import org.seqlab.engine.data.tasks.Task;
import org.seqlab.engine.model.build.ModelSize;
import org.seqlab.engine.model.seq2seq.Attention;
import org.seqlab.engine.model.seq2seq.Seq2SeqConfig;

/**
 * What an encoder–decoder costs, known before anything is allocated: its exact weight count and the memory training it
 * needs, and the refusal when that is more than the machine allows (as {@link ModelSize} does for the language models).
 */
public final class Seq2SeqSize {

    private Seq2SeqSize() {
    }

    /**
     * About how many bytes training this encoder–decoder on batches of {@code batch} pairs needs at the longest source
     * and output SeqLab reads ({@link PairBatch#MAX_SOURCE}, the task's longest output for it): weights, gradients and
     * Adam's moments, and the buffers the backward pass keeps per source and target position (as {@code ModelSize}
     * estimates them for the language models' layers).
     */
    public static long trainingBytes(Seq2SeqConfig c, Task task, int batch) {
        double h = c.hidden();
        double e = c.embed();
        int vocab = Seq2SeqVocab.of(task).size();
        int ts = PairBatch.MAX_SOURCE;
        int tt = Math.min(PairBatch.MAX_TARGET, task.maxOutput(ts)) + 1;
        int layers = Seq2SeqConfig.TRANSFORMER_LAYERS;
        int heads = Seq2SeqConfig.TRANSFORMER_HEADS;
        double cell = c.kind() == Seq2SeqConfig.Kind.LSTM ? 20 * h : 18 * h;
        double perSource = c.kind() == Seq2SeqConfig.Kind.TRANSFORMER ? layers * (120 * h + 8.0 * heads * ts) : cell + 2 * e;
        double perTarget = 4.0 * vocab + 2 * h + (c.kind() == Seq2SeqConfig.Kind.TRANSFORMER ? layers * (160 * h + 8.0 * heads * (tt + ts))
                : cell + 2 * e + (c.attends() ? 4.0 * ts + 6 * h : 0));
        double floats = 4.0 * parameters(c, vocab) + (double) batch * (ts * perSource + tt * perTarget);
        return ModelSize.OVERHEAD_BYTES + (long) Math.min(Long.MAX_VALUE / 2.0, floats * Float.BYTES);
    }

    /**
     * Refuses encoder–decoders that together would not fit in memory, as the language models are refused.
     *
     * @throws IllegalArgumentException "Three encoder–decoders (…) need about 61 GB of memory; this machine allows 5.8 GB …"
     */
    public static void checkFits(List<Seq2SeqConfig> models, Task task, int batch) {
        long bytes = 0;
        for (Seq2SeqConfig c : models) {
            bytes += trainingBytes(c, task, batch) - ModelSize.OVERHEAD_BYTES;
        }
        String what = models.size() == 1 ? "Training " + models.get(0).describe() + " on batches of " + batch
                : "Training " + models.size() + " encoder–decoders on batches of " + batch;
        ModelSize.checkFits(what, bytes + ModelSize.OVERHEAD_BYTES);
    }

    /** The exact weight count, known before anything is allocated. */
    public static long parameters(Seq2SeqConfig c, int vocab) {
        long h = c.hidden();
        if (c.kind() == Seq2SeqConfig.Kind.TRANSFORMER) {
            long attn = 4 * (h * h + h);
            long mlp = h * 4 * h + 4 * h + 4 * h * h + h;
            long ln = 2 * h;
            long enc = attn + mlp + 2 * ln;
            long dec = 2 * attn + mlp + 3 * ln;
            int layers = Seq2SeqConfig.TRANSFORMER_LAYERS;
            return 2L * vocab * h + layers * (enc + dec) + 2 * ln + h * vocab + vocab;
        }
        long e = c.embed();
        long gru = c.kind() == Seq2SeqConfig.Kind.LSTM ? e * 4 * h + h * 4 * h + 4 * h      // an LSTM cell: four gates
                : e * 3 * h + h * 3 * h + 3 * h + h;                                          // a GRU: three, and b_hn
        long n = 2 * vocab * e + 2 * gru + h * vocab + vocab;
        if (c.attends()) {
            n += 2 * h * h + h;                                   // combine [2H → H]
            n += c.score() == Attention.Score.ADDITIVE ? 2 * h * h + h : 0;
        }
        return n;
    }
}
