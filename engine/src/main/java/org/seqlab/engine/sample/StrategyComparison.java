package org.seqlab.engine.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleConsumer;
import org.seqlab.engine.data.ExactSource;
import org.seqlab.engine.data.Vocabulary;
import org.seqlab.engine.metrics.Metrics;
import org.seqlab.engine.model.SequenceModel;

/**
 * N continuations of the same prompt per strategy, and what they are like: their log-probability under the model,
 * their variety (distinct-n: distinct n-grams over all n-grams, Li et al. 2016), their repetitiveness (the share of
 * 4-grams within a continuation that repeat an earlier one, as Welleck et al.'s seq-rep-4) and, on a synthetic
 * source, how far the distribution of their first {@link #HEAD} tokens is from the true one: the total-variation
 * distance ½ Σ |q̂(x) − p(x)|, exact in p and estimated in q̂ from the N samples (outside the samples q̂ is 0, so
 * the sum needs only the observed continuations).
 */
public final class StrategyComparison {

    /** Tokens compared with the true distribution: few enough that N samples cover their support. */
    public static final int HEAD = 4;

    /**
     * @param bitsPerToken mean −log₂ p(x_t | x_&lt;t) of the continuations under the model
     * @param unique       distinct whole continuations over N (1/N for a deterministic strategy): variety that does not
     *                     saturate with a small vocabulary, where distinct-n does
     * @param tv           total variation to the source's distribution of the first {@link #HEAD} tokens (NaN without a source)
     * @param impossible   share of continuations the source cannot emit (NaN without a source)
     */
    public record Row(String strategy, int samples, double bitsPerToken, double distinct1, double distinct2, double repetition,
            double unique, double tv, double impossible, List<String> examples) {
    }

    private StrategyComparison() {
    }

    public static List<Row> compare(SequenceModel model, Vocabulary vocab, String prompt, List<DecodingConfig> strategies, int samples,
            int length, ExactSource source) {
        return compare(model, vocab, prompt, strategies, samples, length, source, done -> { });
    }

    /** @param progress told the share done, from 0 to 1, after every continuation */
    public static List<Row> compare(SequenceModel model, Vocabulary vocab, String prompt, List<DecodingConfig> strategies, int samples,
            int length, ExactSource source, DoubleConsumer progress) {
        List<Row> rows = new ArrayList<>();
        int total = 0;
        for (DecodingConfig c : strategies) {
            total += deterministic(c) ? 1 : samples;
        }
        int done = 0;
        prompt = prompt.isEmpty() ? vocab.decode(0) : prompt;
        int[] promptIds = vocab.encode(prompt);
        for (DecodingConfig c : strategies) {
            List<int[]> outs = new ArrayList<>();
            double bits = 0;
            int tokens = 0;
            // deterministic strategies give the same continuation however often they run: decode it once
            int n = deterministic(c) ? 1 : samples;
            for (int i = 0; i < n; i++) {
                Decoder.Generation g = Decoder.generate(model, vocab, prompt, length, c.withSeed(c.seed() * 1_000_003L + i), -1);
                outs.add(g.tokens());
                double lp = g.steps().isEmpty() ? modelLogProb(model, promptIds, g.tokens()) : g.logProb();
                bits += -Metrics.bits(lp);
                tokens += g.tokens().length;
                progress.accept(++done / (double) total);
            }
            // a deterministic strategy's N continuations are N copies of one: diversity is measured across them too
            while (outs.size() < samples) {
                outs.add(outs.get(0));
            }
            double tv = Double.NaN;
            double impossible = Double.NaN;
            if (source != null) {
                tv = totalVariation(outs, promptIds, source);
                int bad = 0;
                for (int[] o : outs) {
                    bad += source.conditional(promptIds, o) > 0 ? 0 : 1;
                }
                impossible = bad / (double) outs.size();
            }
            List<String> examples = new ArrayList<>();
            for (int i = 0; i < Math.min(3, n); i++) {
                examples.add(vocab.decode(outs.get(i)));
            }
            rows.add(new Row(c.describe(), outs.size(), bits / Math.max(1, tokens), distinct(outs, 1), distinct(outs, 2), repetition(outs, 4),
                    unique(outs), tv, impossible, examples));
        }
        return rows;
    }

    /**
     * ½ Σ_h |q̂(h) − p(h | prompt)| over the heads h (first {@link #HEAD} tokens) of the continuations: q̂ is their
     * share among the samples, p the source's exact conditional. Heads never sampled contribute p(h) each, which
     * is 1 − Σ over sampled heads of p(h), so the sum needs only what was sampled. With few samples the estimate
     * is biased upwards (an unsampled head of a perfect sampler still counts), so compare strategies at equal N.
     */
    public static double totalVariation(List<int[]> outs, int[] prompt, ExactSource source) {
        Map<String, Integer> counts = new HashMap<>();
        Map<String, int[]> heads = new HashMap<>();
        for (int[] o : outs) {
            int[] head = Arrays.copyOf(o, Math.min(HEAD, o.length));
            String key = Arrays.toString(head);
            counts.merge(key, 1, Integer::sum);
            heads.put(key, head);
        }
        double covered = 0;
        double diff = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            double p = source.conditional(prompt, heads.get(e.getKey()));
            p = Double.isNaN(p) ? 0 : p;
            covered += p;
            diff += Math.abs(e.getValue() / (double) outs.size() - p);
        }
        return 0.5 * (diff + Math.max(0, 1 - covered));
    }

    private static boolean deterministic(DecodingConfig c) {
        return c.strategy() == Strategy.GREEDY || c.strategy() == Strategy.BEAM;
    }

    /** Log-probability in nats of a continuation under the model (for beam results, which carry no steps). */
    static double modelLogProb(SequenceModel model, int[] prompt, int[] continuation) {
        Primed p = Primed.of(model, prompt);
        double lp = 0;
        for (int t : continuation) {
            lp += Math.log(Math.max(Sampler.softmax(p.logits(), 1.0)[t], Double.MIN_VALUE));
            p = p.feed(model, t);
        }
        return lp;
    }

    /** Distinct continuations over all continuations. */
    public static double unique(List<int[]> outs) {
        Set<String> seen = new HashSet<>();
        for (int[] o : outs) {
            seen.add(Arrays.toString(o));
        }
        return outs.isEmpty() ? Double.NaN : seen.size() / (double) outs.size();
    }

    /** Distinct n-grams over all n-grams, pooled across the continuations. */
    public static double distinct(List<int[]> outs, int n) {
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (int[] o : outs) {
            for (int i = 0; i + n <= o.length; i++) {
                seen.add(Arrays.toString(Arrays.copyOfRange(o, i, i + n)));
                total++;
            }
        }
        return total == 0 ? Double.NaN : seen.size() / (double) total;
    }

    /** The share of n-grams within a continuation that repeat an earlier n-gram of the same continuation, averaged. */
    public static double repetition(List<int[]> outs, int n) {
        double sum = 0;
        int count = 0;
        for (int[] o : outs) {
            if (o.length < n) {
                continue;
            }
            Set<String> seen = new HashSet<>();
            int repeats = 0;
            int grams = 0;
            for (int i = 0; i + n <= o.length; i++) {
                if (!seen.add(Arrays.toString(Arrays.copyOfRange(o, i, i + n)))) {
                    repeats++;
                }
                grams++;
            }
            sum += repeats / (double) grams;
            count++;
        }
        return count == 0 ? Double.NaN : sum / count;
    }
}
