package org.seqlab.engine.seq2seq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seqlab.engine.data.tasks.Seq2SeqVocab;
import org.seqlab.engine.seq2seq.Translator.Expander;
import org.seqlab.engine.seq2seq.Translator.Scored;

/**
 * The encoder–decoder beam against an exhaustive search: on decoders whose next-symbol distribution depends on the
 * whole prefix (random, seeded), with three output symbols and outputs of at most four symbols before ⟨/s⟩, every
 * finished output can be enumerated and ranked exactly as the beam ranks (log p per symbol, ⟨/s⟩ counted).
 */
class BeamSearchTest {

    private static final int V = 6;          // ⟨pad⟩, ⟨s⟩, ⟨/s⟩ and three symbols
    private static final int MAX_OUTPUT = 5;

    /** A decoder with a fixed random distribution for every prefix, stepped like a model (rows of the previous call). */
    private static class RandomDecoder implements Expander {
        private final long seed;
        private List<int[]> rows = List.of(new int[0]);
        int calls;

        RandomDecoder(long seed) {
            this.seed = seed;
        }

        /** log p(· | prefix): softmax of logits drawn from a generator seeded by the prefix, sharp enough to matter. */
        double[] logProbs(int[] prefix) {
            SplittableRandom rng = new SplittableRandom(seed * 1_000_003 + Arrays.hashCode(prefix));
            double[] logits = new double[V];
            double max = Double.NEGATIVE_INFINITY;
            for (int v = Seq2SeqVocab.EOS; v < V; v++) {
                logits[v] = 3 * rng.nextGaussian();
                max = Math.max(max, logits[v]);
            }
            double z = 0;
            for (int v = Seq2SeqVocab.EOS; v < V; v++) {
                z += Math.exp(logits[v] - max);
            }
            double[] out = new double[V];
            Arrays.fill(out, Double.NEGATIVE_INFINITY);
            for (int v = Seq2SeqVocab.EOS; v < V; v++) {
                out[v] = logits[v] - max - Math.log(z);
            }
            return out;
        }

        @Override
        public double[][] next(int[] from, int[] previous) {
            calls++;
            List<int[]> grown = new ArrayList<>();
            double[][] out = new double[from.length][];
            for (int i = 0; i < from.length; i++) {
                int[] prefix = rows.get(from[i]);
                if (previous[i] != Seq2SeqVocab.BOS) {
                    prefix = Arrays.copyOf(prefix, prefix.length + 1);
                    prefix[prefix.length - 1] = previous[i];
                }
                grown.add(prefix);
                out[i] = logProbs(prefix);
            }
            rows = grown;
            return out;
        }

        Scored score(int[] symbols) {
            double lp = 0;
            for (int t = 0; t <= symbols.length; t++) {
                int y = t < symbols.length ? symbols[t] : Seq2SeqVocab.EOS;
                lp += logProbs(Arrays.copyOf(symbols, t))[y];
            }
            return new Scored(symbols, lp, lp / (symbols.length + 1));
        }

        Scored greedy() {
            int[] out = new int[0];
            while (out.length < MAX_OUTPUT) {
                double[] p = logProbs(out);
                int best = Seq2SeqVocab.EOS;
                for (int v = best + 1; v < V; v++) {
                    best = p[v] > p[best] ? v : best;
                }
                if (best == Seq2SeqVocab.EOS) {
                    return score(out);
                }
                out = Arrays.copyOf(out, out.length + 1);
                out[out.length - 1] = best;
            }
            return null;   // greedy ran to the limit without ⟨/s⟩: an output cut off, ranked apart
        }

        /** Every output of at most MAX_OUTPUT − 1 symbols followed by ⟨/s⟩, the best by log p per symbol. */
        Scored exhaustive() {
            Scored best = null;
            List<int[]> level = List.of(new int[0]);
            for (int len = 0; len < MAX_OUTPUT; len++) {
                List<int[]> longer = new ArrayList<>();
                for (int[] prefix : level) {
                    Scored s = score(prefix);
                    best = best == null || s.perSymbol() > best.perSymbol() ? s : best;
                    for (int v = Seq2SeqVocab.EOS + 1; v < V; v++) {
                        int[] g = Arrays.copyOf(prefix, prefix.length + 1);
                        g[prefix.length] = v;
                        longer.add(g);
                    }
                }
                level = longer;
            }
            return best;
        }
    }

    @Test
    void aBeamAsWideAsEveryPrefixFindsTheExhaustiveBest() {
        int everyPrefix = (int) Math.pow(V - 3, MAX_OUTPUT - 1);
        for (long seed = 0; seed < 200; seed++) {
            RandomDecoder d = new RandomDecoder(seed);
            Scored exact = d.exhaustive();
            List<Scored> beam = Translator.search(d, V, MAX_OUTPUT, everyPrefix, null);
            assertThat(beam.get(0).symbols()).as("seed " + seed).isEqualTo(exact.symbols());
            assertThat(beam.get(0).perSymbol()).isCloseTo(exact.perSymbol(), within(1e-12));
        }
    }

    /** The defect this replaces stopped once `width` outputs had finished and returned worse than greedy (6 in 100). */
    @Test
    void everyWidthRanksItsBestAtLeastAsHighAsGreedyAndItsScoresAreTheOutputsOwn() {
        int wins = 0;
        for (long seed = 0; seed < 300; seed++) {
            for (int width = 1; width <= 6; width++) {
                RandomDecoder d = new RandomDecoder(seed);
                Scored greedy = d.greedy();
                if (greedy == null) {
                    continue;
                }
                List<Scored> beam = Translator.search(d, V, MAX_OUTPUT, width, null);   // greedy not handed in: found by the search itself
                Scored best = beam.get(0);
                assertThat(best.perSymbol()).as("seed %d, width %d", seed, width).isGreaterThanOrEqualTo(greedy.perSymbol() - 1e-12);
                assertThat(beam).isSortedAccordingTo((x, y) -> Double.compare(y.perSymbol(), x.perSymbol()));
                for (Scored h : beam) {
                    assertThat(h.logProb()).isCloseTo(d.score(h.symbols()).logProb(), within(1e-9));
                }
                wins += best.perSymbol() > greedy.perSymbol() + 1e-9 ? 1 : 0;
            }
        }
        assertThat(wins).as("the beam finds better than greedy somewhere, or this test shows nothing").isGreaterThan(50);
    }

    /** Stopping early is safe: once no open prefix can reach the best finished one, the search ends before the limit. */
    @Test
    void itStopsWhenNoOpenPrefixCanWin() {
        RandomDecoder sure = new RandomDecoder(0) {
            @Override
            double[] logProbs(int[] prefix) {
                double[] p = new double[V];
                Arrays.fill(p, Math.log(0.01 / (V - 3)));
                p[Seq2SeqVocab.EOS] = Math.log(0.99);
                p[0] = Double.NEGATIVE_INFINITY;
                p[1] = Double.NEGATIVE_INFINITY;
                return p;
            }
        };
        List<Scored> beam = Translator.search(sure, V, 40, 4, null);
        assertThat(beam.get(0).symbols()).isEmpty();
        assertThat(sure.calls).as("decoder steps").isLessThan(40);
    }
}
