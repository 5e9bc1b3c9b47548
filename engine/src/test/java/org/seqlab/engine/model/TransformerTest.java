package org.seqlab.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.Batch;
import org.seqlab.engine.model.build.ModelSize;
import org.seqlab.engine.model.build.Models;

class TransformerTest {

    @BeforeAll
    static void start() {
        Engine.start();
    }

    @Test
    void everyAttentionRowSumsToOneAndIsExactlyZeroAboveTheDiagonal() {
        SequenceModel m = Models.create(new ModelConfig(Family.TRANSFORMER, 0, 16, 2, 4, 32, Positional.SINUSOIDAL), 9, 5);
        int[] tokens = new Random(2).ints(20, 0, 9).toArray();
        Trace trace = m.forward(Batch.ofSequence(tokens), TraceLevel.FULL).trace();
        int steps = tokens.length - 1;
        for (int l = 0; l < 2; l++) {
            for (int h = 0; h < 4; h++) {
                Trace.Array a = trace.get(Probe.weights(l, h));
                assertThat(a.shape()).containsExactly(steps, steps);
                for (int t = 0; t < steps; t++) {
                    double sum = 0;
                    for (int j = 0; j < steps; j++) {
                        if (j > t) {
                            assertThat(a.get(t, j)).isEqualTo(0f);
                        } else {
                            assertThat(a.get(t, j)).isGreaterThan(0f);
                        }
                        sum += a.get(t, j);
                    }
                    assertThat(sum).isCloseTo(1.0, within(1e-5));
                }
                // the stages of one query agree with each other
                Trace.Array raw = trace.get(new Probe.Attention(Probe.Stage.RAW_SCORES, l, h));
                Trace.Array scaled = trace.get(new Probe.Attention(Probe.Stage.SCALED_SCORES, l, h));
                Trace.Array masked = trace.get(new Probe.Attention(Probe.Stage.MASKED_SCORES, l, h));
                assertThat(scaled.get(5, 3)).isCloseTo(raw.get(5, 3) / 2f, within(1e-5f)); // head size 4: √4 = 2
                assertThat(masked.get(5, 6)).isEqualTo(Float.NEGATIVE_INFINITY);
                assertThat(masked.get(5, 5)).isEqualTo(scaled.get(5, 5));
            }
        }
    }

    @Test
    void cachedGenerationMatchesTheFullForwardEvenPastTheContext() {
        int context = 8;
        java.util.List<ModelConfig> configs = new java.util.ArrayList<>();
        for (Positional p : Positional.values()) {
            configs.add(new ModelConfig(Family.TRANSFORMER, 0, 12, 2, 3, context, p));
        }
        ModelConfig four = new ModelConfig(Family.TRANSFORMER, 0, 16, 2, 4, context, Positional.ROPE);
        configs.add(four.withKvHeads(1));                                    // multi-query
        configs.add(four.withKvHeads(2).withNorm(Norm.POST));                // grouped, post-LN
        configs.add(new ModelConfig(Family.TRANSFORMER, 0, 16, 2, 4, context, Positional.ALIBI).withKvHeads(2));
        for (ModelConfig c : configs) {
            Positional p = c.positional();
            SequenceModel m = Models.create(c, 6, 9);
            int[] seq = new Random(4).ints(20, 0, 6).toArray();
            StepState state = m.start(1);
            for (int t = 0; t < seq.length; t++) {
                Step s = m.step(state, new int[] {seq[t]});
                state = s.state();
                // uncached: the last (at most context) tokens ending at t, through the full forward
                int[] window = Arrays.copyOfRange(seq, Math.max(0, t - context + 1), t + 1);
                Forward f = m.forward(new Batch(1, window.length, window, window), TraceLevel.NONE);
                for (int v = 0; v < 6; v++) {
                    assertThat(s.logits()[0][v]).as("%s %s t=%d v=%d", c.describe(), p, t, v)
                            .isCloseTo(f.logit(0, window.length - 1, v), within(1e-4f));
                }
            }
        }
    }

    @Test
    void aStateSteppedTwiceForksItsCacheAndBothBranchesStayExact() {
        SequenceModel m = Models.create(new ModelConfig(Family.TRANSFORMER, 0, 12, 2, 3, 16, Positional.SINUSOIDAL), 6, 9);
        int[] prefix = {1, 4, 2, 5};
        StepState state = m.start(1);
        for (int token : prefix) {
            state = m.step(state, new int[] {token}).state();
        }
        // two continuations of one state, stepped in turn, then each carried on: the cache is appended in place,
        // and a state stepped again copies its prefix first
        StepState a = m.step(state, new int[] {0}).state();
        StepState b = m.step(state, new int[] {3}).state();
        Step a2 = m.step(a, new int[] {2});
        Step b2 = m.step(b, new int[] {1});
        int[][] full = {{1, 4, 2, 5, 0, 2}, {1, 4, 2, 5, 3, 1}};
        Step[] steps = {a2, b2};
        for (int k = 0; k < 2; k++) {
            Forward f = m.forward(new Batch(1, 6, full[k], full[k]), TraceLevel.NONE);
            for (int v = 0; v < 6; v++) {
                assertThat(steps[k].logits()[0][v]).as("branch %d v=%d", k, v).isCloseTo(f.logit(0, 5, v), within(1e-4f));
            }
        }
    }

    @Test
    void longerThanTheContextIsRefused() {
        SequenceModel m = Models.create(new ModelConfig(Family.TRANSFORMER, 0, 8, 1, 2, 4, Positional.LEARNED), 3, 1);
        int[] tokens = {0, 1, 2, 0, 1, 2};
        assertThatThrownBy(() -> m.forward(Batch.ofSequence(tokens), TraceLevel.NONE)).hasMessageContaining("context of 4");
        assertThatThrownBy(() -> new ModelConfig(Family.TRANSFORMER, 0, 10, 1, 3, 8, Positional.LEARNED))
                .hasMessageContaining("multiple of the number of heads");
    }

    @Test
    void sinusoidalTableIsTheFormula() {
        double[] p = org.seqlab.engine.model.transformer.PositionalEncoding.sinusoids(50, 16);
        assertThat(p[0]).isEqualTo(0.0);                  // sin(0)
        assertThat(p[1]).isEqualTo(1.0);                  // cos(0)
        assertThat(p[7 * 16 + 4]).isCloseTo(Math.sin(7 / Math.pow(10000, 4.0 / 16)), within(1e-15));
        assertThat(p[7 * 16 + 5]).isCloseTo(Math.cos(7 / Math.pow(10000, 4.0 / 16)), within(1e-15));
    }

    /**
     * Attention is blind to order: without positions, one block's prediction at the last position is the same however
     * the tokens before it are permuted (up to the order of floating-point sums); with positions it is not, and with
     * two blocks the causal mask lets order in even without them.
     */
    @org.junit.jupiter.api.Test
    void withoutPositionsTheLastPredictionIgnoresTheOrderOfWhatCameBefore() {
        int[] a = {1, 2, 3, 4, 5, 6, 2, 8};
        int[] b = {4, 6, 2, 1, 5, 3, 2, 8};   // the first seven permuted, the last the same
        for (int layers : new int[] {1, 2}) {
        for (Positional p : Positional.values()) {
            SequenceModel m = Models.create(new ModelConfig(Family.TRANSFORMER, 0, 16, layers, 4, 16, p), 9,
                    org.nd4j.linalg.api.buffer.DataType.DOUBLE, 5);
            double largest = 0;
            double[] lastOnly = new double[a.length];
            lastOnly[a.length - 1] = 1;   // the loss of the last position alone, in double precision
            for (int target = 0; target < 9; target++) {
                int[] ta = a.clone();
                int[] tb = b.clone();
                ta[a.length - 1] = target;
                tb[b.length - 1] = target;
                double la = m.forward(new org.seqlab.engine.data.Batch(1, a.length, a, ta, lastOnly), TraceLevel.NONE).loss();
                double lb = m.forward(new org.seqlab.engine.data.Batch(1, b.length, b, tb, lastOnly), TraceLevel.NONE).loss();
                largest = Math.max(largest, Math.abs(la - lb));
            }
            if (p == Positional.NONE && layers == 1) {
                org.assertj.core.api.Assertions.assertThat(largest).as("no positions, one block: order-blind").isLessThan(1e-12);
            } else {
                org.assertj.core.api.Assertions.assertThat(largest).as(p + " positions, " + layers + " blocks, see the order").isGreaterThan(1e-9);
            }
        }
        }
    }

    /**
     * On a constant input every position's q and k are the same vectors before the positions act: what differs between
     * scores is then exactly what ALiBi and RoPE add, and both depend on the distance t − j alone.
     */
    @Test
    void aLiBiAndRoPeSeeOnlyTheDistanceBetweenPositions() {
        int[] same = new int[12];
        int steps = same.length - 1;
        Trace alibi = Models.create(new ModelConfig(Family.TRANSFORMER, 0, 16, 1, 4, 32, Positional.ALIBI), 5,
                org.nd4j.linalg.api.buffer.DataType.DOUBLE, 3).forward(Batch.ofSequence(same), TraceLevel.FULL).trace();
        double[] slopes = {1 / 4.0, 1 / 16.0, 1 / 64.0, 1 / 256.0};   // 2^(−8(h+1)/4)
        for (int h = 0; h < 4; h++) {
            Trace.Array raw = alibi.get(new Probe.Attention(Probe.Stage.RAW_SCORES, 0, h));
            Trace.Array scaled = alibi.get(new Probe.Attention(Probe.Stage.SCALED_SCORES, 0, h));
            for (int t = 0; t < steps; t++) {
                for (int j = 0; j <= t; j++) {
                    assertThat((double) scaled.get(t, j)).as("head %d, %d→%d", h, t, j)
                            .isCloseTo(raw.get(t, j) / 2.0 - slopes[h] * (t - j), within(1e-5));   // head width 4: √4 = 2
                }
            }
            // the nearer key always wins on equal content: the weights fall with the distance
            Trace.Array w = alibi.get(Probe.weights(0, h));
            assertThat(w.get(steps - 1, steps - 1)).isGreaterThan(w.get(steps - 1, 0));
        }
        Trace rope = Models.create(new ModelConfig(Family.TRANSFORMER, 0, 16, 1, 4, 32, Positional.ROPE), 5,
                org.nd4j.linalg.api.buffer.DataType.DOUBLE, 3).forward(Batch.ofSequence(same), TraceLevel.FULL).trace();
        for (int h = 0; h < 4; h++) {
            Trace.Array raw = rope.get(new Probe.Attention(Probe.Stage.RAW_SCORES, 0, h));
            for (int t = 1; t < steps; t++) {
                for (int j = 1; j <= t; j++) {
                    // q_t · k_j = q_{t−1} · k_{j−1}: the rotation by t and by j leaves only t − j
                    assertThat((double) raw.get(t, j)).as("head %d, %d→%d", h, t, j).isCloseTo(raw.get(t - 1, j - 1), within(1e-6));
                }
            }
            assertThat((double) raw.get(steps - 1, steps - 1)).isNotCloseTo(raw.get(steps - 1, 0), within(1e-9));
        }
        assertThatThrownBy(() -> new ModelConfig(Family.TRANSFORMER, 0, 12, 1, 4, 32, Positional.ROPE)).hasMessageContaining("must be even");
    }

    /** Shared keys and values: the cache shrinks by n_h / n_kv, and the weights by the key and value heads not computed. */
    @Test
    void multiQueryAndGroupedAttentionShrinkTheCacheByTheShare() {
        ModelConfig mha = new ModelConfig(Family.TRANSFORMER, 0, 16, 2, 4, 32, Positional.SINUSOIDAL);
        for (int kv : new int[] {4, 2, 1}) {
            ModelConfig c = mha.withKvHeads(kv);
            var m = (org.seqlab.engine.model.transformer.TransformerModel) Models.create(c, 5, 1);
            assertThat(m.cachePerToken()).as("%d key/value heads", kv).isEqualTo(2L * 2 * kv * 4).isEqualTo(c.cachePerToken());
            assertThat(m.parameters().size()).isEqualTo(ModelSize.parameters(c, 5));
        }
        assertThat(Models.create(mha, 5, 1).parameters().size() - Models.create(mha.withKvHeads(1), 5, 1).parameters().size())
                .as("per block, 3 of 4 key heads and 3 of 4 value heads of width 4 from 16 inputs, with biases").isEqualTo(2L * 2 * 3 * 4 * 17);
        assertThatThrownBy(() -> mha.withKvHeads(3)).hasMessageContaining("must divide");
        assertThat(mha.withKvHeads(1).describe()).contains("MQA");
        assertThat(mha.withNorm(Norm.POST).describe()).contains("post-LN");
    }
}
