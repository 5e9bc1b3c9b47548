package org.seqlab.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.Batch;
import org.seqlab.engine.data.BuiltInCorpora;
import org.seqlab.engine.data.DataSource;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;

class ScheduledSamplingTest {

    @BeforeAll
    static void start() {
        Engine.start();
    }

    @Test
    void theRateRampsLinearlyToItsMaximum() {
        ScheduledSampling s = new ScheduledSampling(0.4, 100);
        assertThat(s.rate(0)).isZero();
        assertThat(s.rate(50)).isCloseTo(0.2, within(1e-15));
        assertThat(s.rate(100)).isEqualTo(0.4);
        assertThat(s.rate(10_000)).isEqualTo(0.4);
        assertThat(new ScheduledSampling(0.3, 0).rate(0)).isEqualTo(0.3);
        assertThat(ScheduledSampling.OFF.enabled()).isFalse();
        assertThatThrownBy(() -> new ScheduledSampling(1.5, 10)).hasMessageContaining("between 0 and 1");
    }

    /** ε of the inputs after the first are replaced by the model's own draws; the targets stay the truth. */
    @Test
    void replacesAboutEpsilonOfTheInputsAndNeverTheTargets() {
        DataSource names = BuiltInCorpora.names();
        Batch batch = names.trainBatch(32, 64, new SplittableRandom(2));
        int vocab = names.vocabulary().size();
        for (double rate : new double[] {0, 0.3, 1}) {
            ModelRun run = new ModelRun("A", new RunConfig(new ModelConfig(Family.LSTM, 0, 16, 1), OptimizerConfig.defaults(),
                    new ScheduledSampling(rate, 0)), vocab, 1);
            Batch mixed = run.withOwnPredictions(batch, rate);
            assertThat(mixed.targets()).isEqualTo(batch.targets());
            int changed = 0;
            for (int b = 0; b < 32; b++) {
                assertThat(mixed.input(b, 0)).isEqualTo(batch.input(b, 0));
                for (int t = 1; t < 64; t++) {
                    changed += mixed.input(b, t) != batch.input(b, t) ? 1 : 0;
                }
            }
            // an untrained model's draw equals the true token about once in `vocab` times
            double expected = rate * (1 - 1.0 / vocab);
            assertThat(changed / (32.0 * 63)).as("ε = %s", rate).isCloseTo(expected, within(0.04));
        }
    }

    @Test
    void aRunWithScheduledSamplingStillLearns() {
        DataSource names = BuiltInCorpora.names();
        RunConfig plain = new RunConfig(new ModelConfig(Family.LSTM, 0, 32, 1), OptimizerConfig.defaults().withLearningRate(1e-2));
        RunConfig scheduled = new RunConfig(plain.model(), plain.optimizer(), new ScheduledSampling(0.25, 50));
        TrainingSession session = new TrainingSession(names, new TrainConfig(16, 32, 3, 50, 2), List.of(plain, scheduled));
        session.evaluate();
        double before = session.runs().get(1).validationBits().last();
        for (int i = 0; i < 150; i++) {
            session.trainStep();
        }
        session.evaluate();
        ModelRun run = session.runs().get(1);
        assertThat(run.lastSampledRate()).isEqualTo(0.25);
        assertThat(run.validationBits().last()).isLessThan(before - 1.0);
        assertThat(run.config().describe()).contains("sched. sampling ε→0.25 over 50");
        // its first step was pure teacher forcing (ε = 0), so both runs took the same first step
        assertThat(run.trainBits().value(0)).isEqualTo(session.runs().get(0).trainBits().value(0));
    }
}
