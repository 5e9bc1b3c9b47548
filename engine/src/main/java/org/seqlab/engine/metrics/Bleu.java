package org.seqlab.engine.metrics;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Corpus BLEU-4 (Papineni et al. 2002): modified n-gram precisions p_1 … p_4 summed over the whole corpus (each
 * hypothesis n-gram counted at most as often as it occurs in any one reference), their geometric mean, and the
 * brevity penalty {@code BP = exp(1 − r/c)} when the hypotheses' total length c falls short of the references' r
 * (for each sentence, the reference length closest to the hypothesis's; the shorter on a tie).
 *
 * @param score      BP · exp(¼ Σ log p_n), 0 when some p_n is 0
 * @param precisions p_1 … p_4
 * @param brevity    BP
 * @param hypothesisLength c
 * @param referenceLength  r
 */
public record Bleu(double score, double[] precisions, double brevity, long hypothesisLength, long referenceLength) {

    public static final int N = 4;

    /** One reference per hypothesis. */
    public static Bleu ofSingle(List<String[]> hypotheses, List<String[]> references) {
        return of(hypotheses, references.stream().map(r -> List.<String[]>of(r)).toList());
    }

    public static Bleu of(List<String[]> hypotheses, List<List<String[]>> references) {
        if (hypotheses.size() != references.size()) {
            throw new IllegalArgumentException(hypotheses.size() + " hypotheses but " + references.size() + " reference sets");
        }
        long[] matched = new long[N];
        long[] total = new long[N];
        long c = 0;
        long r = 0;
        for (int i = 0; i < hypotheses.size(); i++) {
            String[] hyp = hypotheses.get(i);
            List<String[]> refs = references.get(i);
            c += hyp.length;
            r += closestLength(hyp.length, refs);
            for (int n = 1; n <= N; n++) {
                Map<String, Integer> counts = ngrams(hyp, n);
                Map<String, Integer> maxRef = new HashMap<>();
                for (String[] ref : refs) {
                    ngrams(ref, n).forEach((g, k) -> maxRef.merge(g, k, Math::max));
                }
                for (Map.Entry<String, Integer> e : counts.entrySet()) {
                    matched[n - 1] += Math.min(e.getValue(), maxRef.getOrDefault(e.getKey(), 0)); // clipped count
                    total[n - 1] += e.getValue();
                }
            }
        }
        double[] p = new double[N];
        double logSum = 0;
        boolean zero = false;
        for (int n = 0; n < N; n++) {
            p[n] = total[n] == 0 ? 0 : (double) matched[n] / total[n];
            zero |= p[n] == 0;
            logSum += p[n] > 0 ? Math.log(p[n]) / N : 0;
        }
        double bp = c == 0 ? 0 : c >= r ? 1 : Math.exp(1 - (double) r / c);
        return new Bleu(zero ? 0 : bp * Math.exp(logSum), p, bp, c, r);
    }

    private static long closestLength(int length, List<String[]> refs) {
        int best = -1;
        for (String[] ref : refs) {
            int d = Math.abs(ref.length - length);
            int bd = best < 0 ? Integer.MAX_VALUE : Math.abs(best - length);
            if (d < bd || d == bd && ref.length < best) {
                best = ref.length;
            }
        }
        return Math.max(best, 0);
    }

    private static Map<String, Integer> ngrams(String[] tokens, int n) {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i + n <= tokens.length; i++) {
            out.merge(String.join("\u0000", Arrays.copyOfRange(tokens, i, i + n)), 1, Integer::sum);
        }
        return out;
    }
}
