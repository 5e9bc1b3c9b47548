package org.seqlab.engine.expect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.catalog.DataSources;
import org.seqlab.engine.data.synthetic.FiniteStateSource;
import org.seqlab.engine.data.synthetic.SyntheticSources;
import org.seqlab.engine.inspect.Inspection;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.Probe;
import org.seqlab.engine.train.OptimizerConfig;
import org.seqlab.engine.train.RunConfig;
import org.seqlab.engine.train.TrainConfig;
import org.seqlab.engine.train.TrainingSession;

/** The measurements scenes are checked by, on real models: each agrees with what it stands for. */
class SessionMeasuresTest {

    @BeforeAll
    static void engine() {
        Engine.start();
    }

    private static double measure(TrainingSession s, String input, String statement) {
        return Expectation.parse(statement + " > -1e9").evaluate(new SessionMeasures(s, input)).left();
    }

    @Test
    void theRecallTaskIsCueDotsMarkCueAndItsEntropyRateIsTheRenewalRatio() {
        FiniteStateSource recall = SyntheticSources.recall("abcd", 10, 20);
        String text = recall.alphabet();
        int[] x = recall.sample(4000, new SplittableRandom(3));
        StringBuilder sb = new StringBuilder();
        for (int v : x) {
            sb.append(text.charAt(v));
        }
        // every episode: a cue, 10 to 20 dots, the mark, the same cue
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([abcd])(\\.*)\\?([abcd])").matcher(sb);
        int episodes = 0;
        while (m.find()) {
            assertThat(m.group(3)).isEqualTo(m.group(1));
            assertThat(m.group(2).length()).isBetween(10, 20);
            episodes++;
        }
        assertThat(episodes).isGreaterThan(150);
        // per episode 2 bits of cue and log2(11) of delay, over a mean length of 1 + 15 + 1 + 1 symbols
        assertThat(recall.entropyRateBits()).isCloseTo((2 + Math.log(11) / Math.log(2)) / 18, within(1e-9));
    }

    @Test
    void bitsAndFloorAreTheSessionsOwnAndGradRatioIsReadFromTheBackwardPass() throws Exception {
        TrainingSession s = new TrainingSession(DataSources.open("synthetic:recall"), new TrainConfig(8, 32, 1, 25, 2),
                List.of(new RunConfig(new ModelConfig(Family.RNN, 8, 16, 1), OptimizerConfig.defaults())));
        s.trainStep();
        s.trainStep();
        String input = "b............?b";
        assertThat(measure(s, input, "floor()")).isEqualTo(s.entropyFloorBits().getAsDouble());
        double bits = measure(s, input, "bits(A)");
        assertThat(bits).isEqualTo(s.runs().get(0).validationBits().last());
        int[] tokens = s.data().vocabulary().encode(input);
        var g = Inspection.of(s.runs().get(0).model(), tokens).get(new Probe.GradientNorm(Probe.GradientOf.HIDDEN, 0));
        int last = g.data().length - 1;
        assertThat(measure(s, input, "grad_ratio(A, 5)")).isEqualTo(g.get(last - 5) / g.get(last), within(1e-6));
        double recall = measure(s, input, "recall(A)");
        assertThat(recall).isBetween(0.0, 1.0);
        assertThatThrownBy(() -> measure(s, input, "induction(A)")).hasMessageContaining("needs a Transformer");
        assertThatThrownBy(() -> measure(s, input, "bits(B)")).hasMessageContaining("there is no model B");
    }

    @Test
    void aPointIsMeasuredAtEveryCheckpointAndTheLiveModelsComeBack() throws Exception {
        TrainingSession s = new TrainingSession(DataSources.open("synthetic:recall"), new TrainConfig(8, 32, 1, 25, 2),
                List.of(new RunConfig(new ModelConfig(Family.LSTM, 8, 16, 1), OptimizerConfig.defaults())));
        for (int i = 0; i < 12; i++) {
            s.trainStep();
        }
        float[] live = s.runs().get(0).model().parameters().flat().toFloatVector();
        double bitsNow = s.validationBitsNow(s.runs().get(0));
        PointHistory h = PointHistory.of(new Point("learns", List.of(Expectation.parse("bits(A) < 5"))), s, "b............?b");
        assertThat(h.steps()).containsExactly(0, 5, 10);
        double[] bits = h.values().get("bits(A)");
        // at step 0 the untrained model, at step 10 what it was then; nothing recorded in the live curve
        s.view(0);
        assertThat(bits[0]).isEqualTo(s.validationBitsNow(s.runs().get(0)));
        s.live();
        assertThat(bits[2]).isNotEqualTo(bits[0]);
        assertThat(h.met()).containsOnly(true);
        assertThat(h.madeFrom()).isZero();
        assertThat(s.runs().get(0).model().parameters().flat().toFloatVector()).isEqualTo(live);
        assertThat(s.validationBitsNow(s.runs().get(0))).isEqualTo(bitsNow);
    }

    @Test
    void aPointIsMadeFromTheStepItHeldForGoodNotTheFirstTimeItHeld() {
        assertThat(new PointHistory(new int[] {0, 5, 10, 15}, java.util.Map.of(), new boolean[] {false, true, false, true}).madeFrom())
                .isEqualTo(15);
        assertThat(new PointHistory(new int[] {0, 5, 10}, java.util.Map.of(), new boolean[] {false, true, true}).madeFrom()).isEqualTo(5);
        assertThat(new PointHistory(new int[] {0, 5, 10}, java.util.Map.of(), new boolean[] {true, true, false}).madeFrom()).isEqualTo(-1);
    }

    @Test
    void aPlainPixelCnnHasABlindSpotAndAGatedOneHasNone() throws Exception {
        var data = DataSources.open("digits-14");
        TrainingSession s = new TrainingSession(data, new TrainConfig(4, 14 * 14, 1, 25, 1), List.of(
                new RunConfig(ModelConfig.pixelCnn(false, 8, 3, 5, 14, 14), OptimizerConfig.defaults()),
                new RunConfig(ModelConfig.pixelCnn(true, 8, 3, 3, 14, 14), OptimizerConfig.defaults())));
        String digit = data.examples().get(0);
        assertThat(measure(s, digit, "blind_spot(A)")).isGreaterThan(0);
        assertThat(measure(s, digit, "blind_spot(B)")).isZero();
    }

    @Test
    void theContextFreeYardsticksAreExactFrequencies() throws Exception {
        // digits: each pixel's own ink rate beats one ink rate for all (the border is almost never inked)
        var digits = DataSources.open("digits-14");
        TrainingSession d = new TrainingSession(digits, new TrainConfig(4, 14 * 14, 1, 25, 1), List.of(
                new RunConfig(ModelConfig.pixelCnn(true, 8, 3, 3, 14, 14), OptimizerConfig.defaults())));
        String digit = digits.examples().get(0);
        double unigram = measure(d, digit, "unigram(A)");
        double perPixel = measure(d, digit, "per_position(A)");
        assertThat(unigram).isBetween(0.3, 1.0);
        assertThat(perPixel).isLessThan(unigram - 0.1);
        // a synthetic source of one symbol repeated: the frequencies put almost all mass on it, costing almost nothing
        var repeat = new org.seqlab.engine.data.Batch(1, 4, new int[] {0, 0, 0, 0}, new int[] {0, 0, 0, 0});
        var names = DataSources.open("names");
        double nothing = org.seqlab.engine.metrics.Baselines.unigramBits(new FixedSource(names.vocabulary(), repeat), List.of(repeat));
        // 100 × 32 × 4 = 12,800 zeros counted from ½, 27 other symbols at ½: q(0) = 12,800.5 / 12,814
        assertThat(nothing).isCloseTo(-Math.log(12_800.5 / 12_814) / Math.log(2), org.assertj.core.data.Offset.offset(1e-12));
    }

    /** Always the same batch: a source whose frequencies are known exactly. */
    private record FixedSource(org.seqlab.engine.data.Vocabulary vocabulary, org.seqlab.engine.data.Batch batch)
            implements org.seqlab.engine.data.DataSource {
        public String name() {
            return "fixed";
        }

        public String description() {
            return "fixed";
        }

        public org.seqlab.engine.data.Batch trainBatch(int b, int steps, java.util.random.RandomGenerator rng) {
            int[] zeros = new int[b * steps];
            return new org.seqlab.engine.data.Batch(b, steps, zeros, zeros);
        }

        public List<org.seqlab.engine.data.Batch> validationBatches(int b, int steps, int count) {
            return List.of(batch);
        }

        public int maxSteps() {
            return 4;
        }

        public java.util.OptionalDouble entropyFloorBits(int steps) {
            return java.util.OptionalDouble.empty();
        }

        public java.util.OptionalDouble entropyRateBits() {
            return java.util.OptionalDouble.empty();
        }

        public List<String> examples() {
            return List.of();
        }
    }
}
