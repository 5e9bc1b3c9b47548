package org.seqlab.engine.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.DigitsCorpus;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.train.OptimizerConfig;
import org.seqlab.engine.train.RunConfig;
import org.seqlab.engine.train.TrainConfig;
import org.seqlab.engine.train.TrainingSession;

/** A PixelCNN trained for a few seconds on 14×14 digits already tells noisy and inverted digits from real ones. */
class AnomalyDetectionTest {

    @BeforeAll
    static void start() {
        Engine.start();
    }

    @Test
    void damagedDigitsScoreMoreBitsPerDimension() {
        DigitsCorpus digits = DigitsCorpus.tiny();
        TrainingSession s = new TrainingSession(digits, new TrainConfig(32, 196, 1, 50, 4),
                List.of(new RunConfig(ModelConfig.pixelCnn(false, 16, 4, 5, 14, 14), OptimizerConfig.defaults())));
        for (int i = 0; i < 150; i++) {
            s.trainStep();
        }
        AnomalyDetection.Result r = AnomalyDetection.compute(s.runs().get(0).model(), digits, 100, 150, 1);
        assertThat(r.heldOut()).hasSize(100);
        assertThat(r.auc().get("noise")).isGreaterThan(0.95);
        assertThat(r.auc().get("inverted")).isGreaterThan(0.95);
        assertThat(r.auc().get("shifted")).isBetween(0.0, 1.0);
        // the held-out score is the model's own validation loss, digit by digit
        double mean = java.util.Arrays.stream(r.heldOut()).average().orElseThrow();
        assertThat(mean).isBetween(0.15, 0.45);
    }

    @Test
    void drawingKeepsTheGivenHalfAndRecordsEveryProbability() {
        DigitsCorpus digits = DigitsCorpus.tiny();
        var model = org.seqlab.engine.model.build.Models.create(ModelConfig.pixelCnn(true, 8, 2, 3, 14, 14), 2, 3);
        int[] real = digits.image(9001);
        int[] top = java.util.Arrays.copyOf(real, 98);
        PixelSampling.Drawing d = PixelSampling.draw(model, 14, 14, top, 1.0, 5);
        assertThat(java.util.Arrays.copyOf(d.pixels(), 98)).containsExactly(top);
        assertThat(d.given()).isEqualTo(98);
        assertThat(java.util.Arrays.stream(d.probabilities()).allMatch(p -> p >= 0 && p <= 1)).isTrue();
        // the same seed draws the same image
        assertThat(PixelSampling.draw(model, 14, 14, top, 1.0, 5).pixels()).containsExactly(d.pixels());
    }
}
