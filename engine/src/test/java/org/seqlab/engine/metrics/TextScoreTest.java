package org.seqlab.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seqlab.engine.Engine;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.Positional;
import org.seqlab.engine.model.SequenceModel;
import org.seqlab.engine.model.build.Models;

/** Any text is scored: past a Transformer's context with a sliding window, past a convolution's field exactly. */
class TextScoreTest {

    @BeforeAll
    static void start() {
        Engine.start();
    }

    static int[] text(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = r.nextInt(7);
        }
        return ids;
    }

    @Test
    void aTextThatFitsIsReadInOnePass() {
        SequenceModel m = Models.create(new ModelConfig(Family.LSTM, 0, 8, 1), 7, 3);
        TextScore s = TextScore.of(m, text(30, 1));
        assertThat(s.bits()).hasSize(29);
        assertThat(java.util.Arrays.stream(s.bits()).allMatch(b -> Double.isFinite(b) && b <= 0)).isTrue();
        assertThat(s.stride()).isZero();
    }

    @Test
    void aTransformerScoresPastItsContextWithASlidingWindow() {
        int context = 16;
        SequenceModel m = Models.create(new ModelConfig(Family.TRANSFORMER, 0, 16, 1, 2, context, Positional.SINUSOIDAL), 7, 3);
        int[] ids = text(4 * context + 5, 2);
        TextScore s = TextScore.of(m, ids);
        assertThat(s.bits()).hasSize(ids.length - 1);
        assertThat(java.util.Arrays.stream(s.bits()).allMatch(b -> Double.isFinite(b) && b <= 0)).isTrue();
        assertThat(s.window()).isEqualTo(context);
        assertThat(s.stride()).isEqualTo(context / 2);
        // the first window is an ordinary pass over the first C + 1 tokens
        double[] first = TextScore.of(m, java.util.Arrays.copyOf(ids, context + 1)).bits();
        for (int t = 0; t < context; t++) {
            assertThat(s.bits()[t]).isEqualTo(first[t]);
        }
        // a later token is predicted from a window: a token more than C before it does not matter, a recent one does
        int t = 3 * context;
        int[] farChanged = ids.clone();
        farChanged[t - context - 2] = (farChanged[t - context - 2] + 1) % 7;
        assertThat(TextScore.of(m, farChanged).bits()[t]).isEqualTo(s.bits()[t]);
        int[] nearChanged = ids.clone();
        nearChanged[t - 1] = (nearChanged[t - 1] + 1) % 7;
        assertThat(TextScore.of(m, nearChanged).bits()[t]).isNotEqualTo(s.bits()[t]);
    }

    @Test
    void aConvolutionsWindowsGiveExactlyTheOnePassScore() {
        SequenceModel m = Models.create(ModelConfig.conv1d(8, 3, 2, true), 7, 5);   // receptive field 8
        int[] ids = text(700, 3);
        TextScore windowed = TextScore.of(m, ids);
        assertThat(windowed.stride()).isPositive();
        float[] logits = m.forward(org.seqlab.engine.data.Batch.ofSequence(ids), org.seqlab.engine.model.TraceLevel.NONE).logits();
        for (int t = 0; t < ids.length - 1; t++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < 7; k++) {
                max = Math.max(max, logits[t * 7 + k]);
            }
            double sum = 0;
            for (int k = 0; k < 7; k++) {
                sum += Math.exp(logits[t * 7 + k] - max);
            }
            double bits = (logits[t * 7 + ids[t + 1]] - max - Math.log(sum)) / Math.log(2);
            assertThat(windowed.bits()[t]).as("position %d", t).isCloseTo(bits, org.assertj.core.data.Offset.offset(1e-5));
        }
    }
}
