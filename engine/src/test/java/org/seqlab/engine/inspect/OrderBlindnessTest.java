package org.seqlab.engine.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.Batch;
import org.seqlab.engine.data.Vocabulary;
import org.seqlab.engine.data.catalog.DataSources;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.Positional;
import org.seqlab.engine.model.TraceLevel;
import org.seqlab.engine.model.build.Models;
import org.seqlab.engine.model.transformer.TransformerModel;

/** Attention without positions is permutation-equivariant without the mask, and its last causal output order-blind. */
class OrderBlindnessTest {

    static final Vocabulary VOCAB = Vocabulary.ofSymbols("abcdefgh");
    static final int[] TOKENS = {1, 4, 2, 7, 0, 3, 6, 5, 2, 1};

    @BeforeAll
    static void engine() {
        Engine.start();
    }

    static TransformerModel model(int blocks, Positional p) {
        // in double precision, so that "exactly the same" is told apart from float rounding (a fresh model's outputs are
        // nearly uniform and differ little)
        return (TransformerModel) Models.create(new ModelConfig(Family.TRANSFORMER, 0, 16, blocks, 4, 32, p), VOCAB.size(),
                org.nd4j.linalg.api.buffer.DataType.DOUBLE, 5);
    }

    @Test
    void withoutPositionsOrMaskTheOutputsPermuteWithTheInputs() {
        OrderBlindness none = OrderBlindness.of("A", model(2, Positional.NONE), VOCAB, TOKENS);
        assertThat(none.permuted().get(0)).isEqualTo(none.original().get(TOKENS.length - 2));
        assertThat(none.maxUnmaskedGap()).isLessThan(1e-12);
        // with the mask, order leaks in: position 0 read only itself, its new place reads almost everything
        assertThat(none.causalGap()[0]).isGreaterThan(1e-9);
        OrderBlindness sinusoidal = OrderBlindness.of("B", model(2, Positional.SINUSOIDAL), VOCAB, TOKENS);
        assertThat(sinusoidal.maxUnmaskedGap()).isGreaterThan(1e-9);
    }

    @Test
    void oneBlockWithoutPositionsCannotTellTheOrderOfWhatItRead() {
        assertThat(OrderBlindness.of("A", model(1, Positional.NONE), VOCAB, TOKENS).lastCausalGap()).isLessThan(1e-12);
        assertThat(OrderBlindness.of("B", model(1, Positional.LEARNED), VOCAB, TOKENS).lastCausalGap()).isGreaterThan(1e-9);
        assertThat(OrderBlindness.of("C", model(2, Positional.NONE), VOCAB, TOKENS).lastCausalGap()).isGreaterThan(1e-9);
    }

    @Test
    void theMaskIsBackAfterwards() {
        TransformerModel m = model(2, Positional.SINUSOIDAL);
        Batch b = Batch.ofSequence(TOKENS);
        float[] before = m.forward(b, TraceLevel.NONE).logits().clone();
        m.unmaskedLogits(b);
        assertThat(m.forward(b, TraceLevel.NONE).logits()).isEqualTo(before);
    }

    @Test
    void theOrderTaskCostsOneBitPerSymbolAtBest() throws Exception {
        var order = DataSources.open("synthetic:order");
        assertThat(order.vocabulary().size()).isEqualTo(5);
        assertThat(order.entropyRateBits().getAsDouble()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }
}
