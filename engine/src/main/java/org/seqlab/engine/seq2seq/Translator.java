package org.seqlab.engine.seq2seq;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.seqlab.engine.model.seq2seq.Seq2SeqModel;
import org.seqlab.engine.model.seq2seq.Seq2SeqModel.DecoderState;
import org.seqlab.engine.model.seq2seq.Seq2SeqModel.Encoded;
import org.seqlab.engine.model.seq2seq.Seq2SeqModel.StepOut;

/**
 * A trained encoder–decoder put to use: greedy and beam decoding, and the score of a given output. Sources of one
 * length are decoded together (no padding), so an output never depends on which other sources were asked for.
 */
public final class Translator {

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
     * decoder layer, per head, [output step (⟨/s⟩ last)][source position], named "layer 1 · head 2". Empty for the GRU models.
     */
    public java.util.LinkedHashMap<String, double[][]> crossAttentionMaps(String source, String output) {
        java.util.LinkedHashMap<String, double[][]> maps = new java.util.LinkedHashMap<>();
        if (!(model instanceof org.seqlab.engine.model.seq2seq.TransformerSeq2Seq t)) {
            return maps;
        }
        PairBatch b = PairBatch.of(List.of(new Pair(source, output)), vocab);
        t.forward(b.source(), b.sourceLengths(), b.sourceSteps(), b.targetIn(), b.targets(), b.targetSteps(), 1);
        int rows = b.targetSteps();
        int cols = b.sourceSteps();
        for (int layer = 0; layer < org.seqlab.engine.model.seq2seq.TransformerSeq2Seq.LAYERS; layer++) {
            for (int head = 0; head < org.seqlab.engine.model.seq2seq.TransformerSeq2Seq.HEADS; head++) {
                double[] w = t.crossWeights(layer, head);
                double[][] map = new double[rows][];
                for (int r = 0; r < rows; r++) {
                    map[r] = java.util.Arrays.copyOfRange(w, r * cols, (r + 1) * cols);
                }
                maps.put("layer " + (layer + 1) + " · head " + (head + 1), map);
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
            states[j] = java.util.Arrays.copyOfRange(enc.states(), j * h, (j + 1) * h);
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
            for (int from = 0; from < all.size(); from += Seq2SeqRun.EVAL_BATCH) {
                List<Integer> idx = all.subList(from, Math.min(all.size(), from + Seq2SeqRun.EVAL_BATCH));
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
     * Beam search of the given width: the {@code width} most probable prefixes are kept at every step; finished
     * hypotheses are ranked by log-probability per symbol (⟨/s⟩ included), which offsets the bias to short outputs.
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
        record Open(int[] symbols, double logProb) {
        }
        List<Open> open = List.of(new Open(new int[0], 0));
        DecoderState states = enc.start();                // one row per open hypothesis
        List<Hypothesis> finished = new ArrayList<>();
        for (int t = 0; t < task.maxOutput(source.length()) && !open.isEmpty() && finished.size() < width; t++) {
            int k = open.size();
            int[] prev = new int[k];
            for (int i = 0; i < k; i++) {
                int[] syms = open.get(i).symbols();
                prev[i] = syms.length == 0 ? Seq2SeqVocab.BOS : syms[syms.length - 1];
            }
            StepOut s = model.step(enc, new int[k], prev, states);
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
            List<Integer> from = new ArrayList<>();
            for (Candidate c : candidates.subList(0, Math.min(width, candidates.size()))) {
                int[] syms = open.get(c.from()).symbols();
                if (c.symbol() == Seq2SeqVocab.EOS) {
                    finished.add(new Hypothesis(vocab.decode(syms), c.logProb(), c.logProb() / (syms.length + 1)));
                } else {
                    int[] grown = java.util.Arrays.copyOf(syms, syms.length + 1);
                    grown[syms.length] = c.symbol();
                    next.add(new Open(grown, c.logProb()));
                    from.add(c.from());
                }
            }
            open = next;
            states = s.state().select(from.stream().mapToInt(Integer::intValue).toArray());
        }
        for (Open o : open) {
            if (finished.isEmpty()) {
                finished.add(new Hypothesis(vocab.decode(o.symbols()), o.logProb(), o.logProb() / Math.max(1, o.symbols().length)));
            }
        }
        finished.sort(Comparator.comparingDouble(Hypothesis::perSymbol).reversed());
        return finished;
    }

    private static int argmax(double[] v) {
        return Seq2SeqModel.bestOutput(v, 0, v.length);
    }
}
