package org.seqlab.engine.seq2seq;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.seqlab.engine.metrics.Bleu;
import org.seqlab.engine.model.rnn.LayerState;
import org.seqlab.engine.model.seq2seq.Seq2SeqConfig;
import org.seqlab.engine.model.seq2seq.Seq2SeqModel;
import org.seqlab.engine.model.seq2seq.Seq2SeqModel.Encoded;
import org.seqlab.engine.model.seq2seq.Seq2SeqModel.StepOut;
import org.seqlab.engine.train.AdamOptimizer;
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

    public static final int EVAL_BATCH = 64;

    private final Task task;
    private final TaskData data;
    private final Seq2SeqVocab vocab;
    private final Seq2SeqModel model;
    private final AdamOptimizer optimizer;
    private final SplittableRandom rng;
    private final int batch;
    private final Map<Integer, List<Pair>> buckets = new TreeMap<>();
    private int step;

    /** One evaluation of a split. */
    public record Evaluation(int examples, double tokenAccuracy, double exactMatch, double bits, Bleu bleu) {
    }

    /** A decoded output and, with attention, where each of its symbols (⟨/s⟩ last) looked: [symbol][source position]. */
    public record Decoded(String text, double[][] weights) {
    }

    /** A finished beam hypothesis. */
    public record Hypothesis(String text, double logProb, double perSymbol) {
    }

    public Seq2SeqRun(TaskData data, Seq2SeqConfig config, OptimizerConfig optimizer, int batch, long seed) {
        this(data, new Seq2SeqModel(config, Seq2SeqVocab.of(data.task()).size(), DataType.FLOAT, seed), optimizer, batch, seed);
    }

    public Seq2SeqRun(TaskData data, Seq2SeqModel model, OptimizerConfig optimizer, int batch, long seed) {
        this.task = data.task();
        this.data = data;
        this.vocab = Seq2SeqVocab.of(task);
        this.model = model;
        this.optimizer = new AdamOptimizer(model.parameters(), optimizer);
        this.rng = new SplittableRandom(seed ^ 0x5e2L);
        this.batch = batch;
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
     * @throws ArithmeticException when the loss is not finite (the run has diverged; the weights are left as they were)
     */
    public double trainStep() {
        List<Pair> bucket = buckets.get(data.train().get(rng.nextInt(data.train().size())).source().length());
        List<Pair> chosen = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            chosen.add(bucket.get(rng.nextInt(bucket.size())));
        }
        PairBatch b = PairBatch.of(chosen, vocab);
        double loss = model.forward(b.source(), b.sourceLengths(), b.sourceSteps(), b.targetIn(), b.targets(), b.targetSteps(), b.size());
        if (!Double.isFinite(loss)) {
            throw new ArithmeticException("the loss became " + loss + " at step " + step + "; lower the learning rate");
        }
        model.backward();
        optimizer.apply(step, optimizer.gradientNorm());
        step++;
        return loss;
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

    /** Greedy decoding: the most likely symbol at every step, until ⟨/s⟩. Sources of any lengths, in order. */
    public List<Decoded> greedy(List<String> sources) {
        Decoded[] out = new Decoded[sources.size()];
        Map<Integer, List<Integer>> byLength = new TreeMap<>();
        for (int i = 0; i < sources.size(); i++) {
            byLength.computeIfAbsent(sources.get(i).length(), k -> new ArrayList<>()).add(i);
        }
        for (List<Integer> all : byLength.values()) {
            for (int from = 0; from < all.size(); from += EVAL_BATCH) {
                List<Integer> idx = all.subList(from, Math.min(all.size(), from + EVAL_BATCH));
                List<Decoded> d = greedyOneLength(idx.stream().map(sources::get).toList());
                for (int k = 0; k < idx.size(); k++) {
                    out[idx.get(k)] = d.get(k);
                }
            }
        }
        return List.of(out);
    }

    private List<Decoded> greedyOneLength(List<String> sources) {
        PairBatch b = PairBatch.sources(sources, vocab);
        int n = b.size();
        Encoded enc = model.encode(b.source(), b.sourceLengths(), b.sourceSteps(), n);
        int[] rowOf = new int[n];
        int[] prev = new int[n];
        for (int i = 0; i < n; i++) {
            rowOf[i] = i;
            prev[i] = Seq2SeqVocab.BOS;
        }
        List<List<Integer>> symbols = new ArrayList<>();
        List<List<double[]>> weights = new ArrayList<>();
        boolean[] done = new boolean[n];
        for (int i = 0; i < n; i++) {
            symbols.add(new ArrayList<>());
            weights.add(new ArrayList<>());
        }
        LayerState state = enc.last();
        int open = n;
        for (int t = 0; t < task.maxOutput(b.sourceSteps()) && open > 0; t++) {
            StepOut s = model.step(enc, rowOf, prev, state);
            state = s.state();
            for (int i = 0; i < n; i++) {
                int best = argmax(s.logProbs()[i]);
                prev[i] = best;
                if (!done[i]) {
                    if (s.weights()[i] != null) {
                        weights.get(i).add(s.weights()[i]);
                    }
                    if (best == Seq2SeqVocab.EOS) {
                        done[i] = true;
                        open--;
                    } else {
                        symbols.get(i).add(best);
                    }
                }
            }
        }
        List<Decoded> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Decoded(vocab.decode(symbols.get(i).stream().mapToInt(Integer::intValue).toArray()),
                    weights.get(i).toArray(new double[0][])));
        }
        return out;
    }

    /**
     * Beam search of the given width: the {@code width} most probable prefixes are kept at every step; finished
     * hypotheses are ranked by log-probability per symbol (⟨/s⟩ included), which offsets the bias to short outputs.
     */
    public List<Hypothesis> beam(String source, int width) {
        if (width < 1 || width > 64) {
            throw new IllegalArgumentException("beam width must be between 1 and 64, not " + width);
        }
        PairBatch b = PairBatch.sources(List.of(source), vocab);
        Encoded enc = model.encode(b.source(), b.sourceLengths(), b.sourceSteps(), 1);
        int h = model.config().hidden();
        record Open(int[] symbols, double logProb, double[] state) {
        }
        List<Open> open = List.of(new Open(new int[0], 0, enc.last().h()));
        List<Hypothesis> finished = new ArrayList<>();
        for (int t = 0; t < task.maxOutput(source.length()) && !open.isEmpty() && finished.size() < width; t++) {
            int k = open.size();
            double[] states = new double[k * h];
            int[] prev = new int[k];
            for (int i = 0; i < k; i++) {
                System.arraycopy(open.get(i).state(), 0, states, i * h, h);
                int[] s = open.get(i).symbols();
                prev[i] = s.length == 0 ? Seq2SeqVocab.BOS : s[s.length - 1];
            }
            StepOut s = model.step(enc, new int[k], prev, new LayerState(k, h, states, null));
            record Candidate(int from, int symbol, double logProb) {
            }
            List<Candidate> candidates = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                for (int v = Seq2SeqVocab.EOS; v < vocab.size(); v++) {
                    candidates.add(new Candidate(i, v, open.get(i).logProb() + s.logProbs()[i][v]));
                }
            }
            candidates.sort(Comparator.comparingDouble(Candidate::logProb).reversed());
            List<Open> next = new ArrayList<>();
            for (Candidate c : candidates.subList(0, Math.min(width, candidates.size()))) {
                int[] syms = open.get(c.from()).symbols();
                if (c.symbol() == Seq2SeqVocab.EOS) {
                    finished.add(new Hypothesis(vocab.decode(syms), c.logProb(), c.logProb() / (syms.length + 1)));
                } else {
                    int[] grown = java.util.Arrays.copyOf(syms, syms.length + 1);
                    grown[syms.length] = c.symbol();
                    next.add(new Open(grown, c.logProb(), java.util.Arrays.copyOfRange(s.state().h(), c.from() * h, (c.from() + 1) * h)));
                }
            }
            open = next;
        }
        for (Open o : open) {
            if (finished.isEmpty()) {
                finished.add(new Hypothesis(vocab.decode(o.symbols()), o.logProb(), o.logProb() / Math.max(1, o.symbols().length)));
            }
        }
        finished.sort(Comparator.comparingDouble(Hypothesis::perSymbol).reversed());
        return finished;
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

    private static int argmax(double[] v) {
        int best = Seq2SeqVocab.EOS;
        for (int i = Seq2SeqVocab.EOS; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
