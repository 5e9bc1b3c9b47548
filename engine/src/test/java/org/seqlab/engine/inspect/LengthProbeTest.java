package org.seqlab.engine.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.catalog.DataSources;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.Positional;
import org.seqlab.engine.train.OptimizerConfig;
import org.seqlab.engine.train.RunConfig;
import org.seqlab.engine.train.TrainConfig;
import org.seqlab.engine.train.TrainingSession;

/** Longer windows than training: read by the RNN and the convolution, marked beyond a Transformer's context. */
class LengthProbeTest {

    @Test
    void eachFamilyIsMeasuredAsFarAsItCanRead() throws Exception {
        Engine.start();
        TrainingSession s = new TrainingSession(DataSources.open("names"), new TrainConfig(8, 16, 1, 10, 1), List.of(
                new RunConfig(new ModelConfig(Family.RNN, 8, 16, 1), OptimizerConfig.defaults()),
                new RunConfig(ModelConfig.conv1d(8, 3, 2, true), OptimizerConfig.defaults()),
                new RunConfig(new ModelConfig(Family.TRANSFORMER, 0, 16, 1, 2, 16, Positional.SINUSOIDAL), OptimizerConfig.defaults()),
                new RunConfig(new ModelConfig(Family.TRANSFORMER, 0, 16, 1, 2, 16, Positional.LEARNED), OptimizerConfig.defaults())));
        for (int i = 0; i < 20; i++) {
            s.trainStep();
        }
        List<LengthProbe.Curve> curves = LengthProbe.measure(s);
        assertThat(curves).extracting(LengthProbe.Curve::family).containsExactly(Family.RNN, Family.CONV1D, Family.TRANSFORMER, Family.TRANSFORMER);
        for (LengthProbe.Curve c : curves) {
            assertThat(c.lengths()).containsExactly(16, 32, 64);
            assertThat(c.bits()[0]).as(c.label()).isFinite().isPositive();
        }
        assertThat(java.util.Arrays.stream(curves.get(0).bits()).allMatch(Double::isFinite)).isTrue();
        assertThat(curves.get(0).limit()).isZero();
        assertThat(java.util.Arrays.stream(curves.get(1).bits()).allMatch(Double::isFinite)).isTrue();
        assertThat(curves.get(1).limit()).isEqualTo(8);              // kernel 2, dilations 1, 2, 4: 1 + 1 + 2 + 4
        // sinusoids go on past the context: the trained weights are measured on positions they never saw
        assertThat(curves.get(2).past()).isTrue();
        assertThat(java.util.Arrays.stream(curves.get(2).bits()).allMatch(Double::isFinite)).isTrue();
        assertThat(curves.get(2).limit()).isEqualTo(16);
        // a learned table has no row past 16
        assertThat(curves.get(3).past()).isFalse();
        assertThat(curves.get(3).bits()[1]).as("beyond the learned table's 16 rows").isNaN();
        // the measured value is the session's own validation loss at the training length
        assertThat(curves.get(0).bits()[0]).isCloseTo(
                org.seqlab.engine.metrics.Metrics.bits(s.runs().get(0).meanLoss(s.data().validationBatches(8, 16, 4))),
                org.assertj.core.data.Offset.offset(1e-12));
    }
}
