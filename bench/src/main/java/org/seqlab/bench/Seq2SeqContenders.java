package org.seqlab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import org.seqlab.engine.data.tasks.Pair;
import org.seqlab.engine.data.tasks.PairBatch;
import org.seqlab.engine.data.tasks.Seq2SeqVocab;
import org.seqlab.engine.data.tasks.Task;
import org.seqlab.engine.data.tasks.TaskData;
import org.seqlab.engine.model.seq2seq.Attention;
import org.seqlab.engine.model.seq2seq.Seq2SeqConfig;
import org.seqlab.engine.model.seq2seq.TransformerSeq2Seq;
import org.seqlab.engine.seq2seq.Seq2SeqExperiment;
import org.seqlab.engine.seq2seq.Seq2SeqRun;

/**
 * The encoder–decoders' rows: one training step on batches of reversal with sources of 20 letters (targets of 21),
 * the shapes bench/pytorch_peer.py gives its own seq2seq-gru, seq2seq-attention (dot) and seq2seq-transformer.
 */
final class Seq2SeqContenders {

    static final int SOURCE = 20;

    record Row(String key, String label, double flops, long params, IntConsumer step) {
    }

    private Seq2SeqContenders() {
    }

    static List<Row> all(Predicate<String> wanted, int batch, int embed, int hidden) {
        TaskData data = TaskData.generate(Task.REVERSE, 1);
        Seq2SeqVocab vocab = Seq2SeqVocab.of(Task.REVERSE);
        List<PairBatch> batches = new ArrayList<>();
        List<Pair> longest = data.train().stream().filter(p -> p.source().length() == SOURCE).toList();
        for (int k = 0; k < 10; k++) {
            batches.add(PairBatch.of(longest.subList(k * batch % (longest.size() - batch), k * batch % (longest.size() - batch) + batch), vocab));
        }
        List<Row> out = new ArrayList<>();
        double ns = (double) batch * SOURCE;
        double nt = (double) batch * (SOURCE + 1);
        int v = vocab.size();
        double gru = 2.0 * ((double) embed * 3 * hidden + (double) hidden * 3 * hidden);
        for (Seq2SeqConfig c : List.of(new Seq2SeqConfig(Seq2SeqConfig.Kind.GRU, null, embed, hidden),
                new Seq2SeqConfig(Seq2SeqConfig.Kind.ATTENTION, Attention.Score.DOT, embed, hidden),
                new Seq2SeqConfig(Seq2SeqConfig.Kind.TRANSFORMER, null, embed, hidden))) {
            if (!wanted.test(c.kind().id())) {
                continue;
            }
            double forward;
            if (c.kind() == Seq2SeqConfig.Kind.TRANSFORMER) {
                double d = hidden;
                int layers = TransformerSeq2Seq.LAYERS;
                double enc = ns * (2 * 4 * d * d + 2 * 8 * d * d) + 2.0 * 2 * batch * SOURCE * SOURCE * d;
                double dec = nt * (2 * 4 * d * d + 2 * 2 * d * d + 2 * 8 * d * d) + ns * 2 * 2 * d * d
                        + 2.0 * 2 * batch * (SOURCE + 1) * (SOURCE + 1) * d + 2.0 * 2 * batch * (SOURCE + 1) * SOURCE * d;
                forward = layers * (enc + dec) + nt * 2 * d * v;
            } else {
                forward = (ns + nt) * gru + nt * 2.0 * hidden * v;
                if (c.attends()) {
                    forward += 2.0 * 2 * batch * (SOURCE + 1) * SOURCE * hidden + nt * 2.0 * 2 * hidden * hidden;
                }
            }
            Seq2SeqRun run = new Seq2SeqRun(data, c, Seq2SeqExperiment.optimizer(c, 3e-3, 0), batch, 1);
            out.add(new Row(c.kind().id(), c.describe(), 3 * forward, run.model().parameters().size(),
                    i -> run.trainStep(batches.get(i % batches.size()))));
        }
        return out;
    }
}
