package org.seqlab.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.Batch;
import org.seqlab.engine.model.build.Models;

/** Each family's traced forward and backward hold exactly the probes it declares, each with its declared shape. */
class ProbesTest {

    @BeforeAll
    static void start() {
        Engine.start();
    }

    static ModelConfig config(Family family) {
        return switch (family) {
            case RNN, LSTM, GRU -> new ModelConfig(family, 5, 6, 2);
            case TRANSFORMER -> new ModelConfig(family, 0, 8, 2, 2, 12, Positional.LEARNED);
            case CONV1D -> ModelConfig.conv1d(6, 3, 2, true);
            case PIXELCNN -> ModelConfig.pixelCnn(false, 4, 3, 3, 5, 4);
            case GATED_PIXELCNN -> ModelConfig.pixelCnn(true, 4, 2, 3, 5, 4);
            case MADE -> ModelConfig.made(8, 5, 4);
        };
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void aTraceHoldsExactlyTheDeclaredProbesWithTheirShapes(Family family) {
        ModelConfig config = config(family);
        boolean image = family.image();
        int vocab = image ? 2 : 7;
        SequenceModel model = Models.create(config, vocab, 4);
        int steps = image ? config.height() * config.width() : 9;
        int batch = 2;
        int[] tokens = new int[batch * steps];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = (i * 5 + i / 3) % vocab;
        }
        Trace forward = model.forward(new Batch(batch, steps, tokens, tokens), TraceLevel.FULL).trace();
        Trace trace = forward.with(model.backward());

        Set<Probe> declared = new LinkedHashSet<>(model.probes());
        assertThat(declared).as("no probe declared twice").hasSize(model.probes().size());
        assertThat(trace.probes()).containsExactlyInAnyOrderElementsOf(declared);
        for (Probe p : declared) {
            assertThat(trace.get(p).shape()).as("%s of %s", p, family).containsExactly(p.shape(model.spec(), steps));
        }
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void anUntracedPassFillsNothing(Family family) {
        ModelConfig config = config(family);
        int vocab = family.image() ? 2 : 7;
        SequenceModel model = Models.create(config, vocab, 4);
        int steps = family.image() ? config.height() * config.width() : 6;
        int[] tokens = new int[steps];
        assertThat(model.forward(new Batch(1, steps, tokens, tokens), TraceLevel.NONE).trace().isEmpty()).isTrue();
        assertThat(model.backward().isEmpty()).isTrue();
    }
}
