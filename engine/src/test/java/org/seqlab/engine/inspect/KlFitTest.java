package org.seqlab.engine.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Forward KL covers both modes, reverse KL seeks one; the gradients are exact and the divergences never negative. */
class KlFitTest {

    @Test
    void theGradientsAreThoseOfTheDivergences() {
        KlFit.Target t = KlFit.twoModes(241, 4, 0.6);
        for (boolean reverse : new boolean[] {false, true}) {
            for (double[] at : new double[][] {{0.3, Math.log(1.7)}, {-1.1, Math.log(0.8)}}) {
                double[] g = KlFit.gradient(t, at[0], at[1], reverse);
                double h = 1e-6;
                double dMu = (kl(t, at[0] + h, at[1], reverse) - kl(t, at[0] - h, at[1], reverse)) / (2 * h);
                double dS = (kl(t, at[0], at[1] + h, reverse) - kl(t, at[0], at[1] - h, reverse)) / (2 * h);
                assertThat(g[0]).as("∂/∂μ, reverse %s", reverse).isCloseTo(dMu, within(1e-6));
                assertThat(g[1]).as("∂/∂log σ, reverse %s", reverse).isCloseTo(dS, within(1e-6));
            }
        }
    }

    @Test
    void forwardCoversTheModesAndReverseSeeksOne() {
        KlFit.Target t = KlFit.twoModes(241, 4, 0.6);
        KlFit.Fits f = KlFit.fit(t, 0.5, 0.5, 400, 0.1);
        KlFit.Frame fwd = f.forward().get(f.forward().size() - 1);
        KlFit.Frame rev = f.reverse().get(f.reverse().size() - 1);
        // maximum likelihood: the mean and spread of the mixture (mean 0.6·(−2) + 0.4·2 = −0.4; variance 0.36 + 3.84)
        assertThat(fwd.mu()).isCloseTo(-0.4, within(0.02));
        assertThat(fwd.sigma()).isCloseTo(Math.sqrt(0.36 + 4 - 0.16), within(0.06));
        // reverse: one mode, at its own width, started on the right of centre it finds the right one
        assertThat(rev.mu()).isCloseTo(2, within(0.05));
        assertThat(rev.sigma()).isCloseTo(0.6, within(0.05));
        assertThat(fwd.forwardKl()).isLessThan(rev.forwardKl());
        assertThat(rev.reverseKl()).isLessThan(fwd.reverseKl());
        for (KlFit.Frame x : f.forward()) {
            assertThat(x.forwardKl()).isGreaterThanOrEqualTo(0);
            assertThat(x.reverseKl()).isGreaterThanOrEqualTo(0);
        }
        assertThat(f.forward().get(0).forwardKl()).isGreaterThan(fwd.forwardKl());
    }

    private static double kl(KlFit.Target t, double mu, double s, boolean reverse) {
        double[] q = KlFit.q(t.x(), mu, Math.exp(s));
        return reverse ? KlFit.kl(q, t.p()) : KlFit.kl(t.p(), q);
    }
}
