package org.seqlab.engine.seq2seq;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.seqlab.engine.data.tasks.Pair;
import org.seqlab.engine.data.tasks.PairBatch;
import org.seqlab.engine.data.tasks.Seq2SeqVocab;
import org.seqlab.engine.data.tasks.Task;
import org.seqlab.engine.model.seq2seq.Seq2SeqModel.DecoderState;
import org.seqlab.engine.model.seq2seq.Seq2SeqModel.Encoded;
import org.seqlab.engine.model.seq2seq.Seq2SeqModel.StepOut;
import org.seqlab.engine.model.seq2seq.Seq2SeqModel;
import org.seqlab.engine.model.seq2seq.TransformerSeq2Seq;

/**
 * A trained encoder–decoder put to use: greedy and beam decoding, and the score of a given output. Sources of one
 * length are decoded together (no padding), so an output never depends on which other sources were asked for.
 */
public final class Translator {

    /** How many sources decode together, at most (grouped by length). */
    public static final int BATCH = 64;

    private final Seq2SeqModel model;
    private final Task task;
    private final Seq2SeqVocab vocab;

    /** A decoded output and, with attention, where each of its symbols (⟨/s⟩ last) looked: [symbol][source position]. */
    public record Decoded(String text, double[][] weights) {
    }

    /** A finished beam hypothesis. */
    public record Hypothesis(String text, double logProb, double perSymbol) {
    }

    public Translator(Seq2SeqModel model, Task task) {
        this.model = model;
        this.task = task;
        this.vocab = Seq2SeqVocab.of(task);
    }

    public Task task() {
        return task;
    }

    public Seq2SeqVocab vocab() {
        return vocab;
    }

    /**
     * Every cross-attention map of a Transformer encoder–decoder for this source and output, teacher-forced: per
     * decoder layer, per head, [output step (⟨/s⟩ last)][source position], named "block 0 · head 1" (counting from 0, as the lab's attention views do). Empty for the GRU models.
     */
    public LinkedHashMap<String, double[][]> crossAttentionMaps(String source, String output) {
        LinkedHashMap<String, double[][]> maps = new LinkedHashMap<>();
        if (!(model instanceof TransformerSeq2Seq t)) {
            return maps;
        }
        PairBatch b = PairBatch.of(List.of(new Pair(source, output)), vocab);
        t.forward(b.source(), b.sourceLengths(), b.sourceSteps(), b.targetIn(), b.targets(), b.targetSteps(), 1);
        int rows = b.targetSteps();
        int cols = b.sourceSteps();
        for (int layer = 0; layer < TransformerSeq2Seq.LAYERS; layer++) {
            for (int head = 0; head < TransformerSeq2Seq.HEADS; head++) {
                double[] w = t.crossWeights(layer, head);
                double[][] map = new double[rows][];
                for (int r = 0; r < rows; r++) {
                    map[r] = Arrays.copyOfRange(w, r * cols, (r + 1) * cols);
                }
                maps.put("block " + layer + " · head " + head, map);
            }
        }
        return maps;
    }

    /** The encoder's states e_1 … e_n [n][H] for one source, and the last of them: all a decoder without attention gets. */
    public record EncoderView(double[][] states, double[] context) {
    }

    public EncoderView encoderView(String source) {
        PairBatch b = PairBatch.sources(List.of(source), vocab);
        Encoded enc = model.encode(b.source(), b.sourceLengths(), b.sourceSteps(), 1);
        int h = model.config().hidden();
        double[][] states = new double[b.sourceSteps()][];
        for (int j = 0; j < states.length; j++) {
            states[j] = Arrays.copyOfRange(enc.states(), j * h, (j + 1) * h);
        }
        return new EncoderView(states, enc.context());
    }

    /**
     * log₂ p(y_t | y_{<t}, x) of every symbol of {@code target} and of the closing ⟨/s⟩, under teacher forcing.
     */
    public double[] score(String source, String target) {
        PairBatch b = PairBatch.of(List.of(new Pair(source, target)), vocab);
        model.forward(b.source(), b.sourceLengths(), b.sourceSteps(), b.targetIn(), b.targets(), b.targetSteps(), 1);
        double[] nats = model.lastRowLosses();
        double[] bits = new double[target.length() + 1];
        for (int t = 0; t < bits.length; t++) {
            bits[t] = -nats[t] / Math.log(2);
        }
        return bits;
    }

    /** Greedy decoding: the most likely symbol at every step, until ⟨/s⟩. Sources of any lengths, in order. */
    public List<Decoded> greedy(List<String> sources) {
        for (String s : sources) {
            if (s.isEmpty()) {
                throw new IllegalArgumentException("an empty source has nothing to translate");
            }
            vocab.encode(s);
        }
        Decoded[] out = new Decoded[sources.size()];
        Map<Integer, List<Integer>> byLength = new TreeMap<>();
        for (int i = 0; i < sources.size(); i++) {
            byLength.computeIfAbsent(sources.get(i).length(), k -> new ArrayList<>()).add(i);
        }
        for (List<Integer> all : byLength.values()) {
            for (int from = 0; from < all.size(); from += BATCH) {
                List<Integer> idx = all.subList(from, Math.min(all.size(), from + BATCH));
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
        DecoderState state = enc.start();
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
     * Beam search of the given width, ranked by log-probability per symbol (⟨/s⟩ included), which offsets the bias
     * to short outputs. See {@link #search} for the rules; greedy's output is always among the candidates, so the
     * first hypothesis never ranks below greedy by this ranking.
     */
    public List<Hypothesis> beam(String source, int width) {
        if (source.isEmpty()) {
            throw new IllegalArgumentException("an empty source has nothing to translate");
        }
        if (width < 1 || width > 64) {
            throw new IllegalArgumentException("beam width must be between 1 and 64, not " + width);
        }
        PairBatch b = PairBatch.sources(List.of(source), vocab);
        Encoded enc = model.encode(b.source(), b.sourceLengths(), b.sourceSteps(), 1);
        DecoderState[] states = {enc.start()};            // one row per open hypothesis
        Expander decoder = (from, previous) -> {
            StepOut s = model.step(enc, new int[from.length], previous, states[0].select(from));
            states[0] = s.state();
            return s.logProbs();
        };
        String greedyText = greedy(List.of(source)).get(0).text();
        double greedyLogProb = Arrays.stream(score(source, greedyText)).sum() * Math.log(2);
        Scored greedy = new Scored(vocab.encode(greedyText), greedyLogProb, greedyLogProb / (greedyText.length() + 1));
        List<Scored> found = search(decoder, vocab.size(), task.maxOutput(source.length()), width, greedy);
        return found.stream().map(h -> new Hypothesis(vocab.decode(h.symbols()), h.logProb(), h.perSymbol())).toList();
    }

    /** The next-symbol log-probabilities [k][V] of k hypotheses, each extending row {@code from[i]} of the previous call by {@code previous[i]}. */
    @FunctionalInterface
    public interface Expander {
        double[][] next(int[] from, int[] previous);
    }

    /** A hypothesis of {@link #search}: its symbols (⟨/s⟩ not included), log p, and log p per symbol (⟨/s⟩ counted). */
    public record Scored(int[] symbols, double logProb, double perSymbol) {
    }

    /**
     * Beam search over any decoder, ranked by log p per symbol with ⟨/s⟩ counted.
     *
     * <ul>
     *   <li>Every step keeps the {@code width} most probable <em>open</em> prefixes, and every open prefix also ends
     *       with ⟨/s⟩ as a finished hypothesis: a finished one never takes an open one's slot. A beam of width 1
     *       therefore holds greedy's output and can only rank something above it.</li>
     *   <li>It stops once no open prefix can still beat the best finished hypothesis: a prefix of log p = L (≤ 0)
     *       ends, at best, with L / maxOutput per symbol (no further loss, spread over the longest output allowed).</li>
     *   <li>{@code greedy}, if given, joins the answer unless found, so the answer never ranks below greedy's.</li>
     *   <li>Prefixes cut off at {@code maxOutput} symbols count only when nothing finished.</li>
     * </ul>
     *
     * @param decoder   the model, asked one step for all open prefixes at once (its first call: from {0}, ⟨s⟩)
     * @param vocab     V; symbols {@link Seq2SeqModel#FIRST_OUTPUT} on may be output, ⟨/s⟩ ends a hypothesis
     * @return the finished hypotheses, best first, at most {@code width} (plus greedy's)
     */
    public static List<Scored> search(Expander decoder, int vocab, int maxOutput, int width, Scored greedy) {
        record Open(int[] symbols, double logProb) {
        }
        record Candidate(int from, int symbol, double logProb) {
        }
        List<Open> open = List.of(new Open(new int[0], 0));
        int[] from = {0};
        List<Scored> finished = new ArrayList<>();
        double best = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < maxOutput && !open.isEmpty(); t++) {
            double bestReachable = open.stream().mapToDouble(o -> o.logProb() / maxOutput).max().orElseThrow();
            if (bestReachable <= best) {
                break;
            }
            int k = open.size();
            int[] prev = new int[k];
            for (int i = 0; i < k; i++) {
                int[] syms = open.get(i).symbols();
                prev[i] = syms.length == 0 ? Seq2SeqVocab.BOS : syms[syms.length - 1];
            }
            double[][] logProbs = decoder.next(from, prev);
            List<Candidate> candidates = new ArrayList<>(k * vocab);
            for (int i = 0; i < k; i++) {
                for (int v = Seq2SeqVocab.EOS; v < vocab; v++) {
                    candidates.add(new Candidate(i, v, open.get(i).logProb() + logProbs[i][v]));
                }
            }
            candidates.sort(Comparator.comparingDouble(Candidate::logProb).reversed());
            List<Open> next = new ArrayList<>(width);
            List<Integer> kept = new ArrayList<>(width);
            for (Candidate c : candidates) {
                int[] syms = open.get(c.from()).symbols();
                if (c.symbol() == Seq2SeqVocab.EOS) {
                    Scored h = new Scored(syms, c.logProb(), c.logProb() / (syms.length + 1));
                    finished.add(h);
                    best = Math.max(best, h.perSymbol());
                } else if (next.size() < width) {
                    int[] grown = Arrays.copyOf(syms, syms.length + 1);
                    grown[syms.length] = c.symbol();
                    next.add(new Open(grown, c.logProb()));
                    kept.add(c.from());
                }
            }
            open = next;
            from = kept.stream().mapToInt(Integer::intValue).toArray();
        }
        if (finished.isEmpty()) {
            for (Open o : open) {
                finished.add(new Scored(o.symbols(), o.logProb(), o.logProb() / Math.max(1, o.symbols().length)));
            }
        }
        finished.sort(Comparator.comparingDouble(Scored::perSymbol).reversed());
        List<Scored> out = new ArrayList<>(finished.subList(0, Math.min(width, finished.size())));
        if (greedy != null && out.stream().noneMatch(h -> Arrays.equals(h.symbols(), greedy.symbols()))) {
            out.add(greedy);
            out.sort(Comparator.comparingDouble(Scored::perSymbol).reversed());
        }
        return out;
    }

    private static int argmax(double[] v) {
        return Seq2SeqModel.bestOutput(v, 0, v.length);
    }
}
