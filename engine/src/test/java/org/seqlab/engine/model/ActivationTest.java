package org.seqlab.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The three GELUs against values computed independently (mpmath, Python's math.erfc and PyTorch in double precision), and erfc to float precision. */
class ActivationTest {

    @Test
    void erfcIsAccurateToFloatPrecision() {
        double[][] known = {{0, 1}, {0.5, 0.4795001221869535}, {1, 0.15729920705028513}, {-1, 1.8427007929497148},
            {2, 0.004677734981047266}, {3.5, 7.430983723414128e-07}, {-2.5, 1.999593047982555}};
        for (double[] k : known) {
            assertThat(Activation.erfc(k[0])).as("erfc(%s)", k[0]).isCloseTo(k[1], within(Math.abs(k[1]) * 1.3e-7));
        }
    }

    @Test
    void eachFormAtOneAndMinusTwo() {
        // GELU(1) = Φ(1) = 0.8413447460685429; the tanh form at 1: 0.8411919906082768; a·σ(1.702a) at 1: 0.8457957659328212
        assertThat(Activation.GELU.value(1)).isCloseTo(0.8413447460685429, within(1e-7));
        assertThat(Activation.GELU_TANH.value(1)).isCloseTo(0.8411919906082768, within(1e-12));
        assertThat(Activation.GELU_SIGMOID.value(1)).isCloseTo(0.8457957659328212, within(1e-12));
        assertThat(Activation.GELU.value(-2)).isCloseTo(-0.04550026389635842, within(1e-8));
        assertThat(Activation.GELU_TANH.value(-2)).isCloseTo(-0.04540230591222494, within(1e-12));
    }

    @Test
    void derivativesAreTheSlopes() {
        for (Activation a : Activation.values()) {
            for (double x = -4; x <= 4; x += 0.37) {
                double slope = (a.value(x + 1e-5) - a.value(x - 1e-5)) / 2e-5;
                assertThat(a.derivative(x)).as("%s'(%s)", a.id(), x).isCloseTo(slope, within(2e-6));
            }
        }
    }

    @Test
    void anUnknownFormIsNamed() {
        assertThatThrownBy(() -> Activation.parse("swish")).hasMessage("unknown activation 'swish'; choose gelu_sigmoid, gelu, gelu_tanh");
        assertThat(Activation.parse("GELU")).isEqualTo(Activation.GELU);
    }
}
