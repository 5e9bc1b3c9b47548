package org.seqlab.engine.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.ExactSource;
import org.seqlab.engine.data.Vocabulary;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.SequenceModel;
import org.seqlab.engine.model.build.Models;

class DecodingTest {

    static final Vocabulary ABCDE = Vocabulary.ofSymbols("abcde");

    @BeforeAll
    static void start() {
        Engine.start();
    }

    static SequenceModel model(Family family, int vocab, long seed) {
        ModelConfig c = family == Family.CONV1D ? ModelConfig.conv1d(16, 3, 2, true) : new ModelConfig(family, 0, 16, 1);
        return Models.create(c, vocab, seed);
    }

    static double[] randomDistribution(SplittableRandom rng, int n) {
        double[] q = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            q[i] = Math.pow(rng.nextDouble(), 3);
            sum += q[i];
        }
        for (int i = 0; i < n; i++) {
            q[i] /= sum;
        }
        return q;
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"RNN", "LSTM", "TRANSFORMER", "CONV1D"})
    void topKWithKOneAndZeroTemperatureEqualGreedy(Family family) {
        SequenceModel m = model(family, 5, 11);
        int[] greedy = Decoder.generate(m, ABCDE, "ab", 12, DecodingConfig.of(Strategy.GREEDY), -1).tokens();
        for (long seed = 1; seed <= 3; seed++) {
            DecodingConfig topK1 = DecodingConfig.of(Strategy.TOP_K).withK(1).withSeed(seed);
            assertThat(Decoder.generate(m, ABCDE, "ab", 12, topK1, -1).tokens()).as("top-k k=1").isEqualTo(greedy);
            DecodingConfig cold = DecodingConfig.of(Strategy.SAMPLE).withTemperature(0).withSeed(seed);
            assertThat(Decoder.generate(m, ABCDE, "ab", 12, cold, -1).tokens()).as("T = 0").isEqualTo(greedy);
        }
        // and ordinary sampling does differ, so the comparison can fail
        boolean differs = false;
        for (long seed = 1; seed <= 5 && !differs; seed++) {
            differs = !Arrays.equals(greedy, Decoder.generate(m, ABCDE, "ab", 12, DecodingConfig.of(Strategy.SAMPLE).withSeed(seed), -1).tokens());
        }
        assertThat(differs).isTrue();
    }

    @Test
    void aLoopIsFoundWithItsSmallestPeriodAndNothingElseIsALoop() {
        int[] abc = new int[30];
        for (int i = 0; i < abc.length; i++) {
            abc[i] = i % 3;
        }
        org.assertj.core.api.Assertions.assertThat(Decoder.period(abc, 20, 10)).isEqualTo(3);   // not 6 or 9
        abc[15] = 7;                                                                          // one slip inside the tail
        org.assertj.core.api.Assertions.assertThat(Decoder.period(abc, 20, 10)).isZero();
        org.assertj.core.api.Assertions.assertThat(Decoder.period(abc, 10, 10)).isEqualTo(3);   // after the slip it loops again
        org.assertj.core.api.Assertions.assertThat(Decoder.period(new int[] {5, 5, 5, 5}, 3, 10)).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(Decoder.period(new int[] {1, 2, 3, 4}, 3, 10)).isZero();
    }

    @Test
    void temperatureTowardsZeroConcentratesOnTheArgmax() {
        float[] logits = {2.0f, 1.9f, 0.5f, -1f};
        double previous = 0;
        for (double t : new double[] {2, 1, 0.5, 0.1, 0.01, 0.001}) {
            double top = Decoder.softmax(logits, t)[0];
            assertThat(top).isGreaterThan(previous);
            previous = top;
        }
        assertThat(previous).isCloseTo(1.0, within(1e-30));
        assertThat(Decoder.softmax(logits, 1)[0]).isCloseTo(Math.exp(2) / (Math.exp(2) + Math.exp(1.9) + Math.exp(0.5) + Math.exp(-1)), within(1e-6));
    }

    @Test
    void topPKeepsTheSmallestSetWhoseMassReachesP() {
        double[] q = {0.15, 0.5, 0.05, 0.3};
        assertThat(kept(q, 0.5)).containsExactly(1);
        assertThat(kept(q, 0.8)).containsExactly(1, 3);
        assertThat(kept(q, 0.81)).containsExactly(0, 1, 3);
        assertThat(kept(q, 1.0)).containsExactly(0, 1, 2, 3);
        SplittableRandom rng = new SplittableRandom(4);
        for (int trial = 0; trial < 200; trial++) {
            double[] r = randomDistribution(rng, 2 + rng.nextInt(30));
            double p = 0.05 + 0.95 * rng.nextDouble();
            boolean[] keep = Decoder.keep(r, DecodingConfig.of(Strategy.TOP_P).withP(p));
            double mass = 0;
            double smallestKept = 1;
            double largestCut = 0;
            for (int i = 0; i < r.length; i++) {
                if (keep[i]) {
                    mass += r[i];
                    smallestKept = Math.min(smallestKept, r[i]);
                } else {
                    largestCut = Math.max(largestCut, r[i]);
                }
            }
            assertThat(mass).as("kept mass").isGreaterThanOrEqualTo(p - 1e-12);
            assertThat(mass - smallestKept).as("without its least likely token the set falls short").isLessThan(p);
            assertThat(smallestKept).as("no cut token is more likely than a kept one").isGreaterThanOrEqualTo(largestCut);
        }
    }

    private static int[] kept(double[] q, double p) {
        boolean[] k = Decoder.keep(q, DecodingConfig.of(Strategy.TOP_P).withP(p));
        return IntStream.range(0, q.length).filter(i -> k[i]).toArray();
    }

    @Test
    void topKKeepsTheKMostLikely() {
        double[] q = {0.15, 0.5, 0.05, 0.3};
        boolean[] k = Decoder.keep(q, DecodingConfig.of(Strategy.TOP_K).withK(2));
        assertThat(k).containsExactly(false, true, false, true);
        assertThat(Decoder.keep(q, DecodingConfig.of(Strategy.TOP_K).withK(9))).containsOnly(true);
    }

    @Test
    void renormalisedProbabilitiesSumToOne() {
        SplittableRandom rng = new SplittableRandom(8);
        for (Strategy s : List.of(Strategy.GREEDY, Strategy.SAMPLE, Strategy.TOP_K, Strategy.TOP_P)) {
            for (int trial = 0; trial < 50; trial++) {
                float[] logits = new float[3 + rng.nextInt(40)];
                for (int i = 0; i < logits.length; i++) {
                    logits[i] = (float) (4 * rng.nextGaussian());
                }
                DecodingConfig c = DecodingConfig.of(s).withK(1 + rng.nextInt(6)).withP(0.1 + 0.9 * rng.nextDouble())
                        .withTemperature(0.2 + 2 * rng.nextDouble());
                DecodeStep d = Decoder.step(logits, c, rng, 0);
                assertThat(Arrays.stream(d.reshaped()).sum()).as(c.describe()).isCloseTo(1.0, within(1e-12));
                assertThat(Arrays.stream(d.tempered()).sum()).isCloseTo(1.0, within(1e-12));
                assertThat(d.kept()[d.chosen()]).as("the chosen token was kept").isTrue();
                for (int i = 0; i < logits.length; i++) {
                    if (d.kept()[i]) {
                        // kept tokens keep their relative odds
                        assertThat(d.reshaped()[i] / d.reshaped()[d.chosen()]).isCloseTo(d.tempered()[i] / d.tempered()[d.chosen()], within(1e-9));
                    } else {
                        assertThat(d.reshaped()[i]).isZero();
                    }
                }
                assertThat(d.logProb()).isCloseTo(Math.log(d.raw()[d.chosen()]), within(1e-12));
            }
        }
    }

    @Test
    void aSeedMakesSamplingRepeatable() {
        SequenceModel m = model(Family.LSTM, 5, 2);
        DecodingConfig c = DecodingConfig.of(Strategy.TOP_P).withP(0.95).withSeed(42);
        assertThat(Decoder.generate(m, ABCDE, "a", 30, c, -1).text()).isEqualTo(Decoder.generate(m, ABCDE, "a", 30, c, -1).text());
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"RNN", "LSTM", "TRANSFORMER", "CONV1D"})
    void beamOfWidthOneIsGreedy(Family family) {
        SequenceModel m = model(family, 5, 21);
        Decoder.Generation greedy = Decoder.generate(m, ABCDE, "cab", 10, DecodingConfig.of(Strategy.GREEDY), -1);
        BeamSearch.Result beam = BeamSearch.run(m, ABCDE.encode("cab"), 1, 10, -1);
        assertThat(beam.ranked()).hasSize(1);
        assertThat(beam.ranked().get(0).tokens()).isEqualTo(greedy.tokens());
        assertThat(beam.ranked().get(0).logProb()).isCloseTo(greedy.logProb(), within(1e-9));
    }

    /** Vocabulary 3, length 5: all 243 continuations enumerated; a beam as wide as 3⁴ cannot miss the best. */
    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"RNN", "LSTM", "TRANSFORMER"})
    void aWideEnoughBeamFindsTheMostProbableSequence(Family family) {
        SequenceModel m = model(family, 3, 5);
        int[] prompt = {0};
        int length = 5;
        double best = Double.NEGATIVE_INFINITY;
        int[] argmax = null;
        for (int code = 0; code < 243; code++) {
            int[] x = new int[length];
            for (int t = 0, r = code; t < length; t++, r /= 3) {
                x[t] = r % 3;
            }
            double lp = StrategyComparison.modelLogProb(m, prompt, x);
            if (lp > best) {
                best = lp;
                argmax = x;
            }
        }
        BeamSearch.Result wide = BeamSearch.run(m, prompt, 27, length, -1);
        assertThat(wide.ranked().get(0).tokens()).isEqualTo(argmax);
        assertThat(wide.ranked().get(0).logProb()).isCloseTo(best, within(1e-9));
        // the ranked list is sorted and every kept hypothesis is in the tree
        for (int i = 1; i < wide.ranked().size(); i++) {
            assertThat(wide.ranked().get(i).normalized()).isLessThanOrEqualTo(wide.ranked().get(i - 1).normalized());
        }
        assertThat(wide.tree()).filteredOn(h -> h.depth() == length && !h.pruned()).hasSize(27);
        // greedy can only be as good; with these seeds it is strictly worse for the RNN and the LSTM, so the
        // beam's answer is not simply the greedy one
        double greedy = Decoder.generate(m, Vocabulary.ofSymbols("xyz"), "x", length, DecodingConfig.of(Strategy.GREEDY), -1).logProb();
        if (family == Family.TRANSFORMER) {
            assertThat(greedy).isLessThanOrEqualTo(best + 1e-12);
        } else {
            assertThat(greedy).isLessThan(best - 1e-9);
        }
    }

    @Test
    void aStopTokenEndsHypotheses() {
        SequenceModel m = model(Family.RNN, 3, 5);
        BeamSearch.Result r = BeamSearch.run(m, new int[] {0}, 3, 6, 2);
        for (BeamSearch.Hypothesis h : r.ranked()) {
            boolean stopped = h.tokens()[h.tokens().length - 1] == 2;
            assertThat(stopped || h.depth() == 6).isTrue();
            assertThat(h.finished()).isEqualTo(stopped);
        }
        // pruned hypotheses have a parent that was kept at the previous depth
        for (BeamSearch.Hypothesis h : r.tree()) {
            if (h.parent() >= 0) {
                BeamSearch.Hypothesis parent = r.tree().stream().filter(p -> p.id() == h.parent()).findFirst().orElseThrow();
                assertThat(parent.pruned()).isFalse();
                assertThat(parent.depth()).isEqualTo(h.depth() - 1);
            }
        }
    }

    @Test
    void distinctAndRepetitionHaveTheirDefinitions() {
        List<int[]> outs = List.of(new int[] {1, 2, 1, 2, 1, 2});
        assertThat(StrategyComparison.distinct(outs, 1)).isEqualTo(2 / 6.0);
        assertThat(StrategyComparison.distinct(outs, 2)).isEqualTo(2 / 5.0);
        // 4-grams 1212, 2121, 1212: one of three repeats an earlier one
        assertThat(StrategyComparison.repetition(outs, 4)).isEqualTo(1 / 3.0);
        List<int[]> two = List.of(new int[] {1, 2, 3, 4}, new int[] {1, 2, 3, 5});
        assertThat(StrategyComparison.distinct(two, 2)).isEqualTo(4 / 6.0);
        assertThat(StrategyComparison.repetition(two, 4)).isZero();
        assertThat(StrategyComparison.unique(List.of(new int[] {1, 2}, new int[] {1, 2}, new int[] {2, 1}, new int[] {1, 2}))).isEqualTo(0.5);
    }

    /** A fair coin: every head of n tokens has probability 2^−n. */
    @Test
    void totalVariationToAFairCoin() {
        ExactSource coin = x -> Math.pow(0.5, x.length);
        int[] prompt = {0};
        // all 16 heads once each: exactly the coin
        List<int[]> all = IntStream.range(0, 16).mapToObj(c -> new int[] {c & 1, (c >> 1) & 1, (c >> 2) & 1, (c >> 3) & 1, 0}).toList();
        assertThat(StrategyComparison.totalVariation(all, prompt, coin)).isCloseTo(0, within(1e-12));
        // always the same head: ½ (|1 − 1/16| + 15/16)
        List<int[]> same = java.util.Collections.nCopies(10, new int[] {1, 1, 1, 1});
        assertThat(StrategyComparison.totalVariation(same, prompt, coin)).isCloseTo(15 / 16.0, within(1e-12));
    }
}
