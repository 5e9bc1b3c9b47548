package org.seqlab.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.Batch;
import org.seqlab.engine.model.build.Models;

/** Changing token t+1 leaves every output at positions ≤ t unchanged; and step-by-step equals the full forward. */
class CausalityTest {

    @BeforeAll
    static void start() {
        Engine.start();
    }

    static ModelConfig config(Family family, int embed, int hidden, int layers) {
        return family == Family.CONV1D ? ModelConfig.conv1d(hidden, layers + 1, 2, true) : new ModelConfig(family, embed, hidden, layers);
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"RNN", "LSTM", "GRU", "TRANSFORMER", "CONV1D"})
    void changingTheFutureLeavesThePastUnchanged(Family family) {
        int vocab = 7;
        SequenceModel model = Models.create(config(family, 0, 16, 2), vocab, 3);
        int[] tokens = {1, 4, 2, 6, 0, 3, 5, 2, 1};
        int steps = tokens.length;
        float[] base = model.forward(new Batch(1, steps, tokens, tokens), TraceLevel.NONE).logits().clone();
        for (int changed = 1; changed < steps; changed++) {
            int[] other = tokens.clone();
            other[changed] = (other[changed] + 3) % vocab;
            float[] logits = model.forward(new Batch(1, steps, other, other), TraceLevel.NONE).logits();
            for (int t = 0; t < steps; t++) {
                for (int v = 0; v < vocab; v++) {
                    float a = base[t * vocab + v];
                    float b = logits[t * vocab + v];
                    if (t < changed) {
                        assertThat(b).as("t=%d after changing %d", t, changed).isEqualTo(a);
                    }
                }
            }
            // and the change is visible from the changed position on (the test can fail)
            assertThat(logits[changed * vocab]).isNotEqualTo(base[changed * vocab]);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"RNN", "LSTM", "GRU", "TRANSFORMER", "CONV1D"})
    void stepByStepGenerationEqualsTheFullForward(Family family) {
        int vocab = 6;
        SequenceModel model = Models.create(config(family, 5, 12, 2), vocab, 8);
        int[][] seqs = {{0, 1, 2, 3, 4, 5, 0}, {5, 5, 1, 0, 2, 2, 3}};
        int steps = seqs[0].length;
        int[] flat = new int[2 * steps];
        System.arraycopy(seqs[0], 0, flat, 0, steps);
        System.arraycopy(seqs[1], 0, flat, steps, steps);
        Forward full = model.forward(new Batch(2, steps, flat, flat), TraceLevel.NONE);
        float[] logits = full.logits().clone();
        StepState state = model.start(2);
        for (int t = 0; t < steps; t++) {
            Step s = model.step(state, new int[] {seqs[0][t], seqs[1][t]});
            for (int b = 0; b < 2; b++) {
                for (int v = 0; v < vocab; v++) {
                    assertThat(s.logits()[b][v]).isCloseTo(logits[(b * steps + t) * vocab + v], within(1e-5f));
                }
            }
            state = s.state();
        }
    }
}
