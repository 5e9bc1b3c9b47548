package org.seqlab.engine.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.seqlab.engine.data.Vocabulary;
import org.seqlab.engine.model.SequenceModel;

/**
 * Decoding one token at a time with greedy, sampling, top-k or top-p, keeping every distribution of every step
 * so that the choice can be shown: raw → tempered → cut and renormalised → chosen.
 */
public final class Decoder {

    /** A continuation and how it was chosen, step by step. */
    public record Generation(String prompt, int[] tokens, String text, List<DecodeStep> steps) {
        public double logProb() {
            return steps.isEmpty() ? 0 : steps.get(steps.size() - 1).totalLogProb();
        }
    }

    private Decoder() {
    }

    /** softmax(logits / T); T = 0 puts all mass on the largest logit. */
    public static double[] softmax(float[] logits, double temperature) {
        return Sampler.softmax(logits, temperature);
    }

    /** Which tokens the strategy keeps from distribution {@code q}. */
    public static boolean[] keep(double[] q, DecodingConfig c) {
        boolean[] kept = new boolean[q.length];
        Integer[] order = IntStream.range(0, q.length).boxed().sorted(Comparator.comparingDouble(i -> -q[i])).toArray(Integer[]::new);
        switch (c.strategy()) {
            case GREEDY, BEAM -> kept[order[0]] = true;
            case SAMPLE -> Arrays.fill(kept, true);
            case TOP_K -> {
                for (int i = 0; i < Math.min(c.k(), q.length); i++) {
                    kept[order[i]] = true;
                }
            }
            case TOP_P -> {
                // the smallest set, most likely first, whose mass reaches p
                double mass = 0;
                for (Integer i : order) {
                    kept[i] = true;
                    mass += q[i];
                    if (mass >= c.p() - 1e-12) {
                        break;
                    }
                }
            }
        }
        return kept;
    }

    /** q restricted to {@code kept} and renormalised to sum to 1. */
    public static double[] renormalise(double[] q, boolean[] kept) {
        double mass = 0;
        for (int i = 0; i < q.length; i++) {
            mass += kept[i] ? q[i] : 0;
        }
        double[] out = new double[q.length];
        for (int i = 0; i < q.length; i++) {
            out[i] = kept[i] ? (mass > 0 ? q[i] / mass : 1.0 / count(kept)) : 0;
        }
        return out;
    }

    private static int count(boolean[] b) {
        int n = 0;
        for (boolean x : b) {
            n += x ? 1 : 0;
        }
        return n;
    }

    /** One decision from the model's logits. */
    public static DecodeStep step(float[] logits, DecodingConfig c, SplittableRandom rng, double totalSoFar) {
        double[] raw = softmax(logits, 1.0);
        double t = c.strategy() == Strategy.GREEDY || c.strategy() == Strategy.BEAM ? 1.0 : c.temperature();
        double[] tempered = softmax(logits, t);
        boolean[] kept = keep(tempered, c);
        double[] reshaped = renormalise(tempered, kept);
        int chosen = c.strategy() == Strategy.GREEDY || c.strategy() == Strategy.BEAM ? Sampler.argmax(logits) : Sampler.draw(reshaped, rng);
        double lp = Math.log(Math.max(raw[chosen], Double.MIN_VALUE));
        return new DecodeStep(raw, tempered, kept, reshaped, chosen, lp, totalSoFar + lp);
    }

    /**
     * The smallest period p ≤ {@code maxPeriod} with which the last {@code tail} tokens repeat exactly (tokens[i] =
     * tokens[i − p] for every i among them), or 0 when they do not: a decoder that has fallen into a loop.
     */
    public static int period(int[] tokens, int tail, int maxPeriod) {
        int n = tokens.length;
        for (int p = 1; p <= maxPeriod; p++) {
            if (tail + p > n) {
                break;
            }
            boolean repeats = true;
            for (int i = n - tail; i < n && repeats; i++) {
                repeats = tokens[i] == tokens[i - p];
            }
            if (repeats) {
                return p;
            }
        }
        return 0;
    }

    /**
     * Feeds the prompt, then decodes {@code length} tokens (beam search: the best beam).
     *
     * @param stop a token that ends the continuation early, or −1
     */
    public static Generation generate(SequenceModel model, Vocabulary vocab, String prompt, int length, DecodingConfig c, int stop) {
        if (c.strategy() == Strategy.BEAM) {
            BeamSearch.Result r = BeamSearch.run(model, vocab.encode(prompt.isEmpty() ? vocab.decode(0) : prompt), c.beam(), length, stop);
            BeamSearch.Hypothesis best = r.ranked().get(0);
            return new Generation(prompt, best.tokens(), vocab.decode(best.tokens()), List.of());
        }
        Primed primed = Primed.of(model, vocab.encode(prompt.isEmpty() ? vocab.decode(0) : prompt));
        SplittableRandom rng = new SplittableRandom(c.seed());
        List<DecodeStep> steps = new ArrayList<>();
        List<Integer> out = new ArrayList<>();
        double total = 0;
        for (int i = 0; i < length; i++) {
            DecodeStep d = step(primed.logits(), c, rng, total);
            total = d.totalLogProb();
            steps.add(d);
            out.add(d.chosen());
            if (d.chosen() == stop) {
                break;
            }
            primed = primed.feed(model, d.chosen());
        }
        int[] tokens = out.stream().mapToInt(Integer::intValue).toArray();
        return new Generation(prompt, tokens, vocab.decode(tokens), steps);
    }
}
