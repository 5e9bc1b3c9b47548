package org.seqlab.engine.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seqlab.engine.Engine;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.Positional;

/** The cost panel's measurements: right sizes, attention memory exactly quadratic, recurrent state constant. */
class CostsTest {

    @BeforeAll
    static void start() {
        Engine.start();
    }

    @Test
    void attentionMemoryIsQuadraticAndRecurrentStateConstant() {
        ModelConfig t = new ModelConfig(Family.TRANSFORMER, 0, 16, 2, 2, 16, Positional.SINUSOIDAL);
        Costs.ModelCosts tc = Costs.measure("T", t, 5, 64, 20);
        assertThat(tc.lengths()).containsExactly(16, 32, 64);
        assertThat(tc.memoryBytes()).containsExactly(4.0 * 2 * 2 * 16 * 16, 4.0 * 2 * 2 * 32 * 32, 4.0 * 2 * 2 * 64 * 64);
        assertThat(java.util.Arrays.stream(tc.forwardMillis()).min().getAsDouble()).isGreaterThan(0.0);
        assertThat(tc.tokensPerSecond()).isGreaterThan(0.0);
        assertThat(tc.uncachedTokensPerSecond()).isGreaterThan(0.0);

        Costs.ModelCosts lc = Costs.measure("L", new ModelConfig(Family.LSTM, 8, 16, 2), 5, 32, 20);
        assertThat(lc.memoryBytes()).containsExactly(4.0 * 2 * 2 * 16, 4.0 * 2 * 2 * 16);
        assertThat(lc.uncachedTokensPerSecond()).isNaN();

        // every generation step is timed at its position, cached and uncached on the same model (no claim on speed here)
        assertThat(tc.positions()).hasSize(20).startsWith(1, 2).endsWith(20);
        assertThat(java.util.Arrays.stream(tc.stepMillis()).allMatch(v -> v > 0)).isTrue();
        assertThat(java.util.Arrays.stream(tc.uncachedMillis()).allMatch(v -> v > 0)).isTrue();
        assertThat(java.util.Arrays.stream(lc.stepMillis()).allMatch(v -> v > 0)).isTrue();
        assertThat(java.util.Arrays.stream(lc.uncachedMillis()).allMatch(Double::isNaN)).isTrue();
    }
}
