package org.seqlab.engine.model.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqlab.engine.Engine;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.Positional;

/** Sizes known before anything is allocated: exact weight counts, and memory estimates that refuse the absurd. */
class ModelSizeTest {

    static final List<ModelConfig> CONFIGS = List.of(
            new ModelConfig(Family.RNN, 0, 16, 1), new ModelConfig(Family.RNN, 8, 12, 3),
            new ModelConfig(Family.LSTM, 0, 16, 2), new ModelConfig(Family.LSTM, 5, 7, 1), new ModelConfig(Family.GRU, 5, 7, 2),
            new ModelConfig(Family.TRANSFORMER, 0, 16, 2, 4, 32, Positional.SINUSOIDAL),
            new ModelConfig(Family.TRANSFORMER, 0, 24, 1, 3, 20, Positional.LEARNED),
            ModelConfig.conv1d(8, 4, 2, true), ModelConfig.conv1d(6, 3, 3, false),
            ModelConfig.pixelCnn(false, 8, 3, 5, 6, 7), ModelConfig.pixelCnn(false, 4, 1, 3, 5, 5),
            ModelConfig.pixelCnn(true, 8, 3, 3, 6, 6), ModelConfig.pixelCnn(true, 4, 2, 4, 5, 5), ModelConfig.made(16, 5, 6));

    @Test
    void theWeightCountOfEveryFamilyIsExactBeforeAnythingIsBuilt() {
        Engine.start();
        for (ModelConfig c : CONFIGS) {
            int vocab = c.family().image() ? 2 : 11;
            assertThat(ModelSize.parameters(c, vocab)).as(c.describe()).isEqualTo(Models.create(c, vocab, 1).parameters().size());
        }
    }

    @Test
    void anAbsurdModelIsRefusedWithBothNumbers() {
        ModelConfig huge = new ModelConfig(Family.LSTM, 0, 4096, 16);
        long bytes = ModelSize.trainingBytes(huge, 80, 32, 64);
        assertThat(bytes).isGreaterThan(16L << 30);   // 2.1 billion weights, four copies of each
        assertThatThrownBy(() -> ModelSize.checkFits("Model A (" + huge.describe() + ")", bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("Model A \\(LSTM 16×4096\\) needs about \\d+ GB of memory; this machine allows [0-9.]+ [GM]B\\..*");
    }

    @Test
    void theEstimateGrowsWithTheBatchAndTheLengthAndALabSizedModelFits() {
        ModelConfig lstm = new ModelConfig(Family.LSTM, 0, 128, 1);
        assertThat(ModelSize.trainingBytes(lstm, 80, 64, 64)).isGreaterThan(ModelSize.trainingBytes(lstm, 80, 32, 64));
        assertThat(ModelSize.trainingBytes(lstm, 80, 32, 128)).isGreaterThan(ModelSize.trainingBytes(lstm, 80, 32, 64));
        ModelSize.checkFits("an LSTM 1×128", ModelSize.trainingBytes(lstm, 80, 32, 64));
        ModelSize.checkFits("a gated PixelCNN 6×64 on 28×28",
                ModelSize.trainingBytes(ModelConfig.pixelCnn(true, 64, 6, 3, 28, 28), 2, 32, 784));
    }

    @Test
    void theBudgetReadsJavaCppsSettingsAsJavaCppDoes() {
        long gb = 1L << 30;
        assertThat(ModelSize.javaCppSetting("nothingSet", 7, 24 * gb)).isEqualTo(7);
        System.setProperty("org.bytedeco.javacpp.testSetting", "3g");
        assertThat(ModelSize.javaCppSetting("testSetting", 7, 24 * gb)).isEqualTo(3 * gb);
        System.setProperty("org.bytedeco.javacpp.testSetting", "50%");
        assertThat(ModelSize.javaCppSetting("testSetting", 7, 24 * gb)).isEqualTo(12 * gb);
        System.setProperty("org.bytedeco.javacpp.testSetting", "lots");
        assertThat(ModelSize.javaCppSetting("testSetting", 7, 24 * gb)).isEqualTo(7);
        System.clearProperty("org.bytedeco.javacpp.testSetting");
        // by default the whole process may hold four heaps: the models get that less the heap and the window
        assertThat(ModelSize.allowedBytes()).isLessThanOrEqualTo(3 * Runtime.getRuntime().maxMemory());
    }
}
