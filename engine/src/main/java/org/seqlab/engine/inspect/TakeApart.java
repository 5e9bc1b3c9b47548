package org.seqlab.engine.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.seqlab.engine.data.Batch;
import org.seqlab.engine.data.Vocabulary;
import org.seqlab.engine.metrics.Metrics;
import org.seqlab.engine.metrics.TextScore;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.Probe;
import org.seqlab.engine.model.SequenceModel;
import org.seqlab.engine.model.Step;
import org.seqlab.engine.model.StepState;
import org.seqlab.engine.model.Trace;
import org.seqlab.engine.model.TraceLevel;
import org.seqlab.engine.model.transformer.TransformerModel;
import org.seqlab.engine.sample.Sampler;
import org.seqlab.engine.train.ModelRun;

/**
 * Taking a trained model apart, each answer computed from the model's own forward passes: a part switched off
 * ({@link Ablation}) against the intact model, activation patching, the logit lens, and every head's induction score.
 * Runs on the engine thread; the weights are always put back.
 */
public final class TakeApart {

    private TakeApart() {
    }

    /**
     * The intact model against the same model with one part switched off.
     *
     * @param text         the inspected input, as symbols
     * @param intactBits   bits the intact model pays for each next symbol of the input (length n − 1)
     * @param ablatedBits  the same with the part switched off
     * @param intactValidation  mean validation bits, intact
     * @param ablatedValidation mean validation bits, switched off
     * @param intactSample  text generated from {@code prompt}, intact
     * @param ablatedSample the same draws (one seed) with the part switched off
     */
    public record Comparison(String model, Ablation ablation, List<String> text, double[] intactBits, double[] ablatedBits,
            double intactValidation, double ablatedValidation, String prompt, String intactSample, String ablatedSample,
            double temperature) {

        /** Mean extra bits per symbol on the validation windows. */
        public double validationCost() {
            return ablatedValidation - intactValidation;
        }
    }

    /** Switches {@code part} off, measures, and switches it on again (also when a measurement fails). */
    public static Comparison compare(String model, SequenceModel m, Vocabulary vocab, int[] tokens, List<Batch> validation, Ablation part,
            String prompt, int length, double temperature, long seed) {
        double[] intact = bitsPerPosition(m, tokens);
        double intactVal = meanBits(m, validation);
        String intactSample = Sampler.generate(m, vocab, prompt, length, temperature, new SplittableRandom(seed));
        double[] saved = part.apply(m);
        try {
            double[] ablated = bitsPerPosition(m, tokens);
            double ablatedVal = meanBits(m, validation);
            String ablatedSample = Sampler.generate(m, vocab, prompt, length, temperature, new SplittableRandom(seed));
            List<String> text = new ArrayList<>();
            for (int t : tokens) {
                text.add(vocab.decode(t));
            }
            return new Comparison(model, part, text, intact, ablated, intactVal, ablatedVal, prompt, intactSample, ablatedSample, temperature);
        } finally {
            Ablation.restore(m, saved);
        }
    }

    /** Mean validation bits with {@code part} switched off, minus intact. */
    public static double validationCost(SequenceModel m, List<Batch> validation, Ablation part) {
        double intact = meanBits(m, validation);
        double[] saved = part.apply(m);
        try {
            return meanBits(m, validation) - intact;
        } finally {
            Ablation.restore(m, saved);
        }
    }

    /** −log₂ p(x_{t+1} | x_≤t) for every t of the input (the command line's {@code score}, negated). */
    public static double[] bitsPerPosition(SequenceModel m, int[] tokens) {
        double[] bits = TextScore.of(m, tokens).bits();
        for (int t = 0; t < bits.length; t++) {
            bits[t] = -bits[t];
        }
        return bits;
    }

    static double meanBits(SequenceModel m, List<Batch> batches) {
        return Metrics.bits(ModelRun.meanLoss(m, batches));
    }

    /** −log₂ softmax(row)[target]: the bits a model pays for one symbol. */
    private static double bits(float[] logits, int offset, int v, int target) {
        return -Metrics.bits(Metrics.logProb(logits, offset, v, target));
    }

    // ---- activation patching ----

    /**
     * A clean input, a corrupted copy (its first symbol changed), and the corrupted run with the state at one position
     * patched in from the clean run: for a recurrent model, everything it carries past that position (h and, for an
     * LSTM, c, of every layer); for a Transformer, that position's keys and values in every block.
     *
     * @param gap per position after the patch, the total variation distance between the patched run's and the clean
     *            run's next-symbol distributions (0: the patch restored the clean prediction exactly); NaN up to the patch
     * @param continued what each run generates after the input, from the same random draws (empty texts when none asked)
     */
    public record Patching(String model, List<String> clean, List<String> corrupt, int position, double[] cleanBits, double[] corruptBits,
            double[] patchedBits, double[] gap, Continuations continued) {

        /** The mean distance after the patch: 0 when it restores the clean run completely. */
        public double meanGap() {
            double s = 0;
            int n = 0;
            for (double g : gap) {
                if (!Double.isNaN(g)) {
                    s += g;
                    n++;
                }
            }
            return n == 0 ? Double.NaN : s / n;
        }
    }

    /** Generations after the clean, the corrupted and the patched run, from one seed at one temperature. */
    public record Continuations(String clean, String corrupt, String patched, double temperature) {
    }

    /** The input with its first symbol replaced by the next one in the vocabulary: the smallest corruption. */
    public static int[] corrupted(int[] clean, int vocab) {
        int[] c = clean.clone();
        c[0] = (c[0] + 1) % vocab;
        return c;
    }

    /**
     * Patches the state after position {@code position} of the corrupted run from the clean run and scores both inputs'
     * next symbols (the clean input's, which the patch tries to restore).
     */
    public static Patching patch(String model, SequenceModel m, Vocabulary vocab, int[] clean, int position, boolean whole) {
        return patch(model, m, vocab, clean, position, whole, 0, 1, 0);
    }

    /**
     * The same, and each run continued by {@code length} symbols from the same draws. {@code whole}: for a Transformer,
     * patch its whole state — the keys and values of every position up to {@code position}, its cache — instead of that
     * one position's (a recurrent model's state is always whole).
     */
    public static Patching patch(String model, SequenceModel m, Vocabulary vocab, int[] clean, int position, boolean whole, int length,
            double temperature, long seed) {
        if (m.spec().family().image() || m.spec().family() == Family.CONV1D) {
            throw new IllegalArgumentException("patching needs a recurrent model or a Transformer");
        }
        int n = clean.length;
        if (position < 0 || position >= n - 2) {
            throw new IllegalArgumentException("patch a position from 0 to " + (n - 3) + " (something must follow it)");
        }
        int[] corrupt = corrupted(clean, vocab.size());
        int v = vocab.size();
        Ran cleanRun = run(m, clean, -1, false, null);   // its state after every position is what the patch takes
        Ran corruptRun = run(m, corrupt, -1, false, null);
        Ran patchedRun = run(m, corrupt, position, whole, cleanRun.states());
        double[] cb = new double[n - 1];
        double[] xb = new double[n - 1];
        double[] pb = new double[n - 1];
        double[] gap = new double[n - 1];
        for (int t = 0; t < n - 1; t++) {
            cb[t] = bits(cleanRun.logits()[t], 0, v, clean[t + 1]);
            xb[t] = bits(corruptRun.logits()[t], 0, v, clean[t + 1]);
            pb[t] = bits(patchedRun.logits()[t], 0, v, clean[t + 1]);
            gap[t] = t <= position ? Double.NaN : totalVariation(cleanRun.logits()[t], patchedRun.logits()[t]);
        }
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            a.add(vocab.decode(clean[t]));
            b.add(vocab.decode(corrupt[t]));
        }
        Continuations c = new Continuations(continued(m, vocab, cleanRun, length, temperature, seed),
                continued(m, vocab, corruptRun, length, temperature, seed), continued(m, vocab, patchedRun, length, temperature, seed), temperature);
        return new Patching(model, a, b, position, cb, xb, pb, gap, c);
    }

    /** One run through an input: the logits for each next symbol, those after the last, and the state after every position. */
    private record Ran(float[][] logits, float[] next, List<StepState> states) {
    }

    /** Steps through all of {@code tokens}; after {@code patchAt} the state (or, not {@code whole}, one cache slot) is patched from {@code from}. */
    private static Ran run(SequenceModel m, int[] tokens, int patchAt, boolean whole, List<StepState> from) {
        float[][] logits = new float[tokens.length - 1][];
        float[] next = null;
        List<StepState> states = new ArrayList<>();
        StepState s = m.start(1);
        for (int t = 0; t < tokens.length; t++) {
            if (t == patchAt + 1 && from != null) {
                s = m instanceof TransformerModel tm && !whole ? tm.patched(s, from.get(patchAt), patchAt) : from.get(patchAt);
            }
            Step st = m.step(s, new int[] {tokens[t]});
            s = st.state();
            states.add(s);
            if (t < tokens.length - 1) {
                logits[t] = st.logits()[0];
            } else {
                next = st.logits()[0];
            }
        }
        return new Ran(logits, next, states);
    }

    /** {@code length} symbols drawn after a run, at {@code temperature}, from {@code seed}. */
    private static String continued(SequenceModel m, Vocabulary vocab, Ran r, int length, double temperature, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        StringBuilder out = new StringBuilder();
        float[] logits = r.next();
        StepState s = r.states().get(r.states().size() - 1);
        for (int i = 0; i < length; i++) {
            int token = Sampler.draw(Sampler.softmax(logits, temperature), rng);
            out.append(vocab.decode(token));
            Step st = m.step(s, new int[] {token});
            s = st.state();
            logits = st.logits()[0];
        }
        return out.toString();
    }

    static double totalVariation(float[] a, float[] b) {
        double[] p = Sampler.softmax(a, 1);
        double[] q = Sampler.softmax(b, 1);
        double d = 0;
        for (int i = 0; i < p.length; i++) {
            d += Math.abs(p[i] - q[i]);
        }
        return d / 2;
    }

    // ---- the logit lens ----

    /**
     * What a Transformer would predict if it stopped before block l: bits[l][t] for the input's next symbols, l = 0
     * (the embeddings alone) to L (the model's own output); top[l][t] the most likely symbol there.
     */
    public record Lens(String model, List<String> text, double[][] bits, String[][] top) {
    }

    public static Lens lens(String model, TransformerModel m, Vocabulary vocab, int[] tokens) {
        Batch one = Batch.ofSequence(tokens);
        List<float[]> stages = m.lens(one);
        int v = vocab.size();
        double[][] bits = new double[stages.size()][one.steps()];
        String[][] top = new String[stages.size()][one.steps()];
        for (int l = 0; l < stages.size(); l++) {
            float[] lg = stages.get(l);
            for (int t = 0; t < one.steps(); t++) {
                bits[l][t] = bits(lg, t * v, v, one.target(0, t));
                int best = 0;
                for (int j = 1; j < v; j++) {
                    best = lg[t * v + j] > lg[t * v + best] ? j : best;
                }
                top[l][t] = vocab.decode(best);
            }
        }
        List<String> text = new ArrayList<>();
        for (int t : tokens) {
            text.add(vocab.decode(t));
        }
        return new Lens(model, text, bits, top);
    }

    /** Mean validation bits read out before block l (l = L: the model's own). */
    public static double lensBits(TransformerModel m, List<Batch> validation, int l) {
        int layers = m.spec().config().layers();
        if (l < 0 || l > layers) {
            throw new IllegalArgumentException("the logit lens reads stages 0 (the embeddings) to " + layers + " (the output)");
        }
        int v = m.spec().vocabSize();
        double sum = 0;
        long n = 0;
        for (Batch b : validation) {
            float[] lg = m.lens(b).get(l);
            for (int i = 0; i < b.batch() * b.steps(); i++) {
                sum += bits(lg, i * v, v, b.targets()[i]);
                n++;
            }
        }
        return sum / n;
    }

    // ---- induction heads ----

    /**
     * Every head's induction score, [block][head]: on a random string of n symbols followed by the same again, the
     * mean attention a symbol in the repeat pays to the symbol after its first occurrence (Olsson et al. 2022). A head
     * that attends uniformly scores about 1/t; an induction head approaches 1.
     */
    public static double[][] inductionScores(SequenceModel m) {
        List<Probe.Attention> heads = m.probes().stream().filter(p -> p instanceof Probe.Attention a && a.stage() == Probe.Stage.WEIGHTS)
                .map(Probe.Attention.class::cast).toList();
        if (heads.isEmpty()) {
            throw new IllegalArgumentException("an induction score needs a Transformer (it reads attention heads)");
        }
        int n = Math.max(4, Math.min(24, m.spec().context() / 2));
        int vocab = m.spec().vocabSize();
        SplittableRandom rng = new SplittableRandom(7);
        int[] tokens = new int[2 * n];
        for (int i = 0; i < n; i++) {
            tokens[i] = rng.nextInt(vocab);
            tokens[n + i] = tokens[i];
        }
        Trace t = m.forward(Batch.ofSequence(tokens), TraceLevel.FULL).trace();
        int layers = m.spec().config().layers();
        double[][] scores = new double[layers][m.spec().config().heads()];
        for (Probe.Attention h : heads) {
            Trace.Array w = t.get(h);
            double sum = 0;
            int count = 0;
            // the inputs are tokens[0 .. 2n−2]: position q of the repeat reads tokens[q], first seen at q − n
            for (int q = n; q < w.rows(); q++) {
                sum += w.get(q, q - n + 1);
                count++;
            }
            scores[h.layer()][h.head()] = sum / Math.max(1, count);
        }
        return scores;
    }

    /** The head with the highest induction score, as {block, head}. */
    public static int[] bestInductionHead(double[][] scores) {
        int[] best = {0, 0};
        for (int l = 0; l < scores.length; l++) {
            for (int h = 0; h < scores[l].length; h++) {
                if (scores[l][h] > scores[best[0]][best[1]]) {
                    best = new int[] {l, h};
                }
            }
        }
        return best;
    }
}
