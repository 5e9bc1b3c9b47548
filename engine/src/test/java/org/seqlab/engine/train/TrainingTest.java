package org.seqlab.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.Batch;
import org.seqlab.engine.data.BuiltInCorpora;
import org.seqlab.engine.data.DataSource;
import org.seqlab.engine.data.synthetic.SyntheticCorpus;
import org.seqlab.engine.data.synthetic.SyntheticSources;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.Parameters;
import org.seqlab.engine.model.Positional;

@Tag("slow")
class TrainingTest {

    @BeforeAll
    static void start() {
        Engine.start();
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"RNN", "LSTM", "GRU", "TRANSFORMER", "CONV1D"})
    void overfitsOneBatchOfText(Family family) {
        DataSource names = BuiltInCorpora.names();
        Batch batch = names.trainBatch(4, 16, new SplittableRandom(5));
        ModelConfig model = switch (family) {
            case CONV1D -> ModelConfig.conv1d(64, 5, 2, true);   // receptive field 32: the whole window
            case TRANSFORMER -> new ModelConfig(family, 0, 64, 2, 4, 16, Positional.SINUSOIDAL);
            default -> new ModelConfig(family, 0, 64, 1);
        };
        RunConfig config = new RunConfig(model, OptimizerConfig.defaults().withLearningRate(1e-2));
        ModelRun run = new ModelRun("A", config, names.vocabulary().size(), 1);
        double first = run.step(batch, 1).lossNats();
        double last = first;
        for (int i = 2; i <= 300; i++) {
            last = run.step(batch, i).lossNats();
        }
        assertThat(first).isGreaterThan(2.5); // about ln 28 at the start
        assertThat(last).as("loss after 300 steps on one batch").isLessThan(0.05);
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"PIXELCNN", "GATED_PIXELCNN"})
    void overfitsOneBatchOfDigits(Family family) {
        org.seqlab.engine.data.DigitsCorpus digits = org.seqlab.engine.data.DigitsCorpus.tiny();
        Batch batch = digits.trainBatch(4, 196, new SplittableRandom(6));
        RunConfig config = new RunConfig(ModelConfig.pixelCnn(family == Family.GATED_PIXELCNN, 32, 4, family == Family.PIXELCNN ? 5 : 3,
                14, 14), OptimizerConfig.defaults().withLearningRate(1e-2));
        ModelRun run = new ModelRun("A", config, 2, 1);
        double first = run.step(batch, 1).lossNats();
        double last = first;
        for (int i = 2; i <= 300; i++) {
            last = run.step(batch, i).lossNats();
        }
        assertThat(first).isGreaterThan(0.4); // a coin per pixel is ln 2 = 0.69
        assertThat(last).as("nats per pixel after 300 steps on four digits").isLessThan(0.05);
    }

    @Test
    void adamFirstStepMovesEveryWeightByTheLearningRate() {
        Parameters p = new Parameters(DataType.DOUBLE);
        Parameters.Tensor w = p.add("w", 4);
        p.allocate();
        p.flatGradient().assign(Nd4j.create(new double[] {3, -0.5, 2e-3, -40}));
        AdamOptimizer adam = new AdamOptimizer(p, OptimizerConfig.defaults().withLearningRate(0.1).withClip(false, 1));
        adam.apply(0, adam.gradientNorm());
        // Kingma & Ba, Algorithm 1 in its efficient form (end of section 2), which ND4J implements:
        // α_t = α·√(1−β₂ᵗ)/(1−β₁ᵗ), θ ← θ − α_t·m/(√v + ε), with m = (1−β₁)g and v = (1−β₂)g² after one step:
        // about α·sign(g), a little less where |g| is small next to ε
        double[] g = {3, -0.5, 2e-3, -40};
        double[] expected = new double[4];
        for (int i = 0; i < 4; i++) {
            double m = 0.1 * g[i];
            double v = 0.001 * g[i] * g[i];
            expected[i] = -0.1 * Math.sqrt(0.001) / 0.1 * m / (Math.sqrt(v) + 1e-8);
        }
        assertThat(w.value().toDoubleVector()).containsExactly(expected, within(1e-12));
        assertThat(expected[0]).isCloseTo(-0.1, within(1e-6));
    }

    @Test
    void clippingRescalesTheGradientToTheThreshold() {
        Parameters p = new Parameters(DataType.DOUBLE);
        p.add("w", 2);
        p.allocate();
        p.flatGradient().assign(Nd4j.create(new double[] {3, 4})); // ‖g‖ = 5
        AdamOptimizer adam = new AdamOptimizer(p, OptimizerConfig.defaults().withClip(true, 1.0));
        AdamOptimizer.Update u = adam.apply(0, adam.gradientNorm());
        assertThat(u.gradNorm()).isCloseTo(5, within(1e-12));
        assertThat(u.scale()).isCloseTo(0.2, within(1e-12));
        assertThat(u.clipped()).isTrue();
    }

    @Test
    void warmupCosineSchedule() {
        OptimizerConfig c = OptimizerConfig.defaults().withLearningRate(1.0).withSchedule(Schedule.WARMUP_COSINE, 10, 110);
        assertThat(c.learningRateAt(0)).isCloseTo(0.1, within(1e-12));
        assertThat(c.learningRateAt(9)).isCloseTo(1.0, within(1e-12));
        assertThat(c.learningRateAt(60)).isCloseTo(0.55, within(1e-12)); // half-way down the cosine to 0.1
        assertThat(c.learningRateAt(110)).isCloseTo(0.1, within(1e-12));
        assertThat(c.learningRateAt(500)).isCloseTo(0.1, within(1e-12));
        assertThat(OptimizerConfig.defaults().learningRateAt(1234)).isEqualTo(3e-3);
    }

    @Test
    void absurdSettingsAreRefusedWithAReason() {
        assertThatThrownBy(() -> OptimizerConfig.defaults().withLearningRate(-1)).hasMessageContaining("learning rate");
        assertThatThrownBy(() -> OptimizerConfig.defaults().withLearningRate(1e6)).hasMessageContaining("at most 10");
        assertThatThrownBy(() -> OptimizerConfig.defaults().withClip(true, 0)).hasMessageContaining("clipping threshold");
        assertThatThrownBy(() -> TrainConfig.defaults().withBatch(0)).hasMessageContaining("batch size");
        assertThatThrownBy(() -> TrainConfig.defaults().withSteps(100_000)).hasMessageContaining("sequence length");
        assertThatThrownBy(() -> new ModelConfig(Family.LSTM, 0, 0, 1)).hasMessageContaining("hidden size");
        DataSource shortText = org.seqlab.engine.data.TextCorpus.split("short.txt", "", "abcdefghij".repeat(30), 0.1, List.of());
        assertThatThrownBy(() -> new TrainingSession(shortText, TrainConfig.defaults().withSteps(100),
                List.of(new RunConfig(ModelConfig.defaults(Family.RNN), OptimizerConfig.defaults()))))
                .hasMessageContaining("longer than short.txt allows (29)");
    }

    @Test
    void sameSeedSameLossesAndRunsShareBatches() {
        DataSource reber = new SyntheticCorpus(SyntheticSources.embeddedReber());
        List<RunConfig> runs = List.of(new RunConfig(new ModelConfig(Family.RNN, 0, 16, 1), OptimizerConfig.defaults()),
                new RunConfig(new ModelConfig(Family.RNN, 0, 16, 1), OptimizerConfig.defaults()));
        TrainConfig cfg = TrainConfig.defaults().withBatch(8).withSteps(20);
        TrainingSession a = new TrainingSession(reber, cfg, runs);
        TrainingSession b = new TrainingSession(reber, cfg, runs);
        for (int i = 0; i < 10; i++) {
            TrainingSession.StepOutcome oa = a.trainStep();
            TrainingSession.StepOutcome ob = b.trainStep();
            assertThat(oa.results().get(0).lossNats()).isEqualTo(ob.results().get(0).lossNats());
            // two identical configurations on the same batches stay identical: they saw the same data
            assertThat(oa.results().get(1).lossNats()).isEqualTo(oa.results().get(0).lossNats());
        }
        TrainingSession other = new TrainingSession(reber, cfg.withSeed(2), runs);
        assertThat(other.trainStep().results().get(0).lossNats()).isNotEqualTo(a.runs().get(0).trainBits().value(0));
    }

    @Test
    void lstmLearnsTheEmbeddedReberGrammarTowardsItsFloor() {
        DataSource reber = new SyntheticCorpus(SyntheticSources.embeddedReber());
        TrainConfig cfg = TrainConfig.defaults().withBatch(32).withSteps(32);
        TrainingSession s = new TrainingSession(reber, cfg,
                List.of(new RunConfig(new ModelConfig(Family.LSTM, 0, 32, 1), OptimizerConfig.defaults().withLearningRate(1e-2))));
        for (int i = 0; i < 300; i++) {
            s.trainStep();
        }
        s.evaluate();
        double floor = s.entropyFloorBits().orElseThrow();
        double val = s.runs().get(0).validationBits().last();
        assertThat(val).as("validation bits vs floor %.3f", floor).isGreaterThan(floor - 0.02).isLessThan(floor + 0.15);
    }
}
