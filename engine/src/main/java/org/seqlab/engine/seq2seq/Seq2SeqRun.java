package org.seqlab.engine.seq2seq;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.engine.data.tasks.Pair;
import org.seqlab.engine.data.tasks.PairBatch;
import org.seqlab.engine.data.tasks.Seq2SeqVocab;
import org.seqlab.engine.data.tasks.Task;
import org.seqlab.engine.data.tasks.TaskData;
import org.seqlab.engine.metrics.Bleu;
import org.seqlab.engine.model.seq2seq.Seq2SeqConfig;
import org.seqlab.engine.model.seq2seq.Seq2SeqModel;
import org.seqlab.engine.model.seq2seq.Seq2SeqModels;
import org.seqlab.engine.seq2seq.Translator.Decoded;
import org.seqlab.engine.seq2seq.Translator.Hypothesis;
import org.seqlab.engine.train.AdamOptimizer;
import org.seqlab.engine.train.DivergenceRule;
import org.seqlab.engine.train.OptimizerConfig;

/**
 * One encoder–decoder learning one task: teacher-forced Adam steps, evaluation (token accuracy, exact match, bits
 * per target token, corpus BLEU) and decoding (greedy, beam).
 *
 * <p>Every batch holds sources of one length (a bucket), so no source is padded and the encoder's final state of an
 * example does not depend on which others share its batch: training, evaluation and decoding one by one all see the
 * same numbers.
 */
public final class Seq2SeqRun {

    public static final int EVAL_BATCH = Translator.BATCH;

    private final Task task;
    private final TaskData data;
    private final Seq2SeqVocab vocab;
    private final Seq2SeqModel model;
    private final AdamOptimizer optimizer;
    private final SplittableRandom rng;
    private final int batch;
    private final Map<Integer, List<Pair>> buckets = new TreeMap<>();
    private final Translator translator;
    private int step;
    private final DivergenceRule divergence;
    /** The last weights and Adam moments that gave a sane loss: where a diverged run goes back to. */
    private final INDArray goodWeights;
    private final INDArray goodState;

    /** One evaluation of a split. */
    public record Evaluation(int examples, double tokenAccuracy, double exactMatch, double bits, Bleu bleu) {
    }

    /** @throws IllegalArgumentException when training it would not fit in memory (see {@link Seq2SeqSize#checkFits}) */
    public Seq2SeqRun(TaskData data, Seq2SeqConfig config, OptimizerConfig optimizer, int batch, long seed) {
        this(data, checked(config, data.task(), batch, seed), optimizer, batch, seed);
    }

    private static Seq2SeqModel checked(Seq2SeqConfig config, Task task, int batch, long seed) {
        Seq2SeqSize.checkFits(List.of(config), task, batch);
        return Seq2SeqModels.create(config, Seq2SeqVocab.of(task).size(), DataType.FLOAT, seed);
    }

    public Seq2SeqRun(TaskData data, Seq2SeqModel model, OptimizerConfig optimizer, int batch, long seed) {
        this.task = data.task();
        this.data = data;
        this.vocab = Seq2SeqVocab.of(task);
        this.model = model;
        this.optimizer = new AdamOptimizer(model.parameters(), optimizer);
        this.rng = new SplittableRandom(seed ^ 0x5e2L);
        this.batch = batch;
        this.translator = new Translator(model, task);
        this.divergence = new DivergenceRule(vocab.size() - Seq2SeqModel.FIRST_OUTPUT);
        this.goodWeights = model.parameters().flat().dup();
        this.goodState = this.optimizer.state().dup();
        for (Pair p : data.train()) {
            buckets.computeIfAbsent(p.source().length(), k -> new ArrayList<>()).add(p);
        }
    }

    public Task task() {
        return task;
    }

    public TaskData data() {
        return data;
    }

    public Seq2SeqVocab vocab() {
        return vocab;
    }

    public Seq2SeqModel model() {
        return model;
    }

    public int step() {
        return step;
    }

    /**
     * One Adam step on a batch of training pairs whose sources share the length of a randomly drawn example (so
     * lengths are seen as often as the data holds them).
     *
     * @return the batch's loss, nats per target symbol
     * @throws Diverged when the loss diverged (the weights are back at the last good ones)
     */
    public double trainStep() {
        return trainStep(PairBatch.of(nextBatch(), vocab));
    }

    /** The next training batch's pairs, from the run's own random draws. */
    private List<Pair> nextBatch() {
        List<Pair> bucket = buckets.get(data.train().get(rng.nextInt(data.train().size())).source().length());
        List<Pair> chosen = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            chosen.add(bucket.get(rng.nextInt(bucket.size())));
        }
        return chosen;
    }

    /**
     * The run as saved after {@code steps} steps: its weights and Adam's moments, and the batch order wound forward
     * past the batches those steps drew, so training goes on exactly as if it had never stopped (unless a step
     * diverged before the save: a diverged step draws a batch but is not counted).
     */
    void restore(double[] weights, double[] adam, int steps) {
        if (weights.length != model.parameters().size() || adam.length != optimizer.state().length() || steps < 0) {
            throw new IllegalArgumentException(model.config().describe() + ": the saved weights do not fit the model");
        }
        model.parameters().assign(weights);
        optimizer.state().assign(Nd4j.createFromArray(adam).castTo(optimizer.state().dataType()));
        goodWeights.assign(model.parameters().flat());
        goodState.assign(optimizer.state());
        for (int i = step; i < steps; i++) {
            nextBatch();
        }
        step = steps;
    }

    /** Adam's moments (and whatever else the optimiser keeps), flat. */
    public INDArray optimizerState() {
        return optimizer.state();
    }

    /**
     * One Adam step on this batch (the benchmark's fixed shapes); the loss in nats per target symbol.
     *
     * @throws Diverged when the {@link org.seqlab.engine.train.DivergenceRule} fires: the weights and Adam's moments are
     *                  back at the last ones that gave a sane loss, and the message says so
     */
    public double trainStep(PairBatch b) {
        double loss = model.forward(b.source(), b.sourceLengths(), b.sourceSteps(), b.targetIn(), b.targets(), b.targetSteps(), b.size());
        String diverged = divergence.check(loss);
        if (diverged != null) {
            throw diverge(diverged);
        }
        model.backward();
        double norm = optimizer.gradientNorm();
        if (!Double.isFinite(norm)) {
            throw diverge("the gradient norm became " + norm);
        }
        if (divergence.sane()) {
            goodWeights.assign(model.parameters().flat());   // a sane loss and a finite gradient: good weights to go back to
            goodState.assign(optimizer.state());
        }
        optimizer.apply(step, norm);
        step++;
        return loss;
    }

    /** Back to the last good weights and Adam's moments, and the exception that says so. */
    private Diverged diverge(String what) {
        model.parameters().flat().assign(goodWeights);
        optimizer.state().assign(goodState);
        divergence.reset();
        return new Diverged(String.format("%s diverged at step %d: %s. Its weights are the last good ones; lower the learning rate "
                + "or turn clipping on.", model.config().describe(), step, what));
    }

    /** A run whose loss diverged; its weights are the last good ones. */
    public static final class Diverged extends ArithmeticException {
        private static final long serialVersionUID = 1L;

        Diverged(String message) {
            super(message);
        }
    }

    /** Token accuracy and bits under teacher forcing; exact match and BLEU of greedy outputs. */
    public Evaluation evaluate(List<Pair> pairs) {
        long tokens = 0;
        long right = 0;
        double nats = 0;
        int exact = 0;
        List<String[]> hyps = new ArrayList<>();
        List<String[]> refs = new ArrayList<>();
        for (List<Pair> group : groups(pairs)) {
            PairBatch b = PairBatch.of(group, vocab);
            model.forward(b.source(), b.sourceLengths(), b.sourceSteps(), b.targetIn(), b.targets(), b.targetSteps(), b.size());
            int[] predicted = model.lastPredictions();
            double[] rowLoss = model.lastRowLosses();
            for (int r = 0; r < b.targets().length; r++) {
                if (b.targets()[r] >= 0) {
                    tokens++;
                    right += predicted[r] == b.targets()[r] ? 1 : 0;
                    nats += rowLoss[r];
                }
            }
            List<Decoded> out = greedy(group.stream().map(Pair::source).toList());
            for (int i = 0; i < group.size(); i++) {
                String ref = group.get(i).target();
                exact += out.get(i).text().equals(ref) ? 1 : 0;
                hyps.add(task.bleuTokens(out.get(i).text()));
                refs.add(task.bleuTokens(ref));
            }
        }
        return new Evaluation(pairs.size(), (double) right / Math.max(1, tokens), (double) exact / Math.max(1, pairs.size()),
                nats / Math.max(1, tokens) / Math.log(2), Bleu.ofSingle(hyps, refs));
    }

    /** Exact match of greedy outputs for each source length: length → {examples, exact matches}. */
    public TreeMap<Integer, int[]> exactMatchByLength(List<Pair> pairs) {
        TreeMap<Integer, int[]> out = new TreeMap<>();
        for (List<Pair> group : groups(pairs)) {
            List<Decoded> decoded = greedy(group.stream().map(Pair::source).toList());
            int[] counts = out.computeIfAbsent(group.get(0).source().length(), k -> new int[2]);
            for (int i = 0; i < group.size(); i++) {
                counts[0]++;
                counts[1] += decoded.get(i).text().equals(group.get(i).target()) ? 1 : 0;
            }
        }
        return out;
    }

    /** Exact match by {@link Task#form} (a date's surface form, or a source's length), forms in order of first appearance. */
    public LinkedHashMap<String, Double> exactMatchByForm(List<Pair> pairs) {
        LinkedHashMap<String, int[]> counts = new LinkedHashMap<>();
        List<Decoded> decoded = greedy(pairs.stream().map(Pair::source).toList());
        for (int i = 0; i < pairs.size(); i++) {
            int[] c = counts.computeIfAbsent(task.form(pairs.get(i).source()), k -> new int[2]);
            c[0]++;
            c[1] += decoded.get(i).text().equals(pairs.get(i).target()) ? 1 : 0;
        }
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.comparingByKey(Task.formOrder()))
                .forEach(e -> out.put(e.getKey(), (double) e.getValue()[1] / e.getValue()[0]));
        return out;
    }

    /** Greedy decoding, sources of any lengths, in order (see {@link Translator#greedy}). */
    public List<Decoded> greedy(List<String> sources) {
        return translator.greedy(sources);
    }

    /** Beam search (see {@link Translator#beam}). */
    public List<Hypothesis> beam(String source, int width) {
        return translator.beam(source, width);
    }

    public Translator translator() {
        return translator;
    }

    /** Pairs grouped by source length, at most {@link #EVAL_BATCH} per group. */
    private static List<List<Pair>> groups(List<Pair> pairs) {
        Map<Integer, List<Pair>> byLength = new TreeMap<>();
        for (Pair p : pairs) {
            byLength.computeIfAbsent(p.source().length(), k -> new ArrayList<>()).add(p);
        }
        List<List<Pair>> out = new ArrayList<>();
        for (List<Pair> all : byLength.values()) {
            for (int from = 0; from < all.size(); from += EVAL_BATCH) {
                out.add(all.subList(from, Math.min(all.size(), from + EVAL_BATCH)));
            }
        }
        return out;
    }
}
