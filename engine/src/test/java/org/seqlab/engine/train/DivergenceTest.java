package org.seqlab.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.synthetic.SyntheticCorpus;
import org.seqlab.engine.data.synthetic.SyntheticSources;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.Positional;

/** Divergence is a loss out of range, not only NaN: the run stops on the last good weights and can go on more gently. */
class DivergenceTest {

    @BeforeAll
    static void start() {
        Engine.start();
    }

    static TrainingSession session(double lr) {
        return new TrainingSession(new SyntheticCorpus(SyntheticSources.embeddedReber()), new TrainConfig(16, 16, 13, 5, 1),
                List.of(new RunConfig(new ModelConfig(Family.TRANSFORMER, 0, 32, 2, 4, 16, Positional.SINUSOIDAL),
                        OptimizerConfig.defaults().withLearningRate(lr).withClip(false, 1))));
    }

    @Test
    void aFiniteButExplodingLossStopsTheRunOnTheLastGoodWeights() {
        TrainingSession s = session(10);
        ModelRun run = s.runs().get(0);
        double uniform = Math.log(s.data().vocabulary().size()) / Math.log(2);
        int step = 0;
        TrainingSession.StepOutcome o = null;
        while (step < 200 && run.status() == ModelRun.Status.OK) {
            o = s.trainStep();
            step++;
        }
        assertThat(run.status()).as("a learning rate of 10 without clipping diverges").isEqualTo(ModelRun.Status.DIVERGED);
        assertThat(o.divergences()).hasSize(1);
        assertThat(run.message()).contains("diverged at step " + step).containsAnyOf("exploded", "stayed above twice", "became");
        // every recorded loss was sane: the bad ones stop the run instead of entering its history
        for (float[] recorded : new float[][] {run.trainBits().values(), run.validationBits().values()}) {
            for (float b : recorded) {
                assertThat((double) b).isLessThanOrEqualTo(DivergenceRule.EXPLODED * uniform);
            }
        }
        // the weights it keeps give a sane loss again
        double bits = org.seqlab.engine.metrics.Metrics.bits(run.model().forward(
                s.data().trainBatch(16, 16, new java.util.SplittableRandom(1)), org.seqlab.engine.model.TraceLevel.NONE).loss());
        assertThat(bits).isLessThan(DivergenceRule.EXPLODED * uniform);
        assertThat(run.model().parameters().flat().isInfinite().any() || run.model().parameters().flat().isNaN().any()).isFalse();

        // roll back and go on ten times more gently
        run.resume(10);
        assertThat(run.status()).isEqualTo(ModelRun.Status.OK);
        assertThat(run.config().optimizer().learningRate()).isEqualTo(1.0);
        s.trainStep();
        assertThat(run.steps()).isGreaterThan(0);
    }

    @Test
    void aHealthyRunIsNeverStopped() {
        TrainingSession s = session(3e-3);
        for (int i = 0; i < 60; i++) {
            assertThat(s.trainStep().divergences()).isEmpty();
        }
    }
}
