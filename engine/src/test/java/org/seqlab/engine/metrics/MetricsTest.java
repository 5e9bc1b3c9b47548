package org.seqlab.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricsTest {

    /**
     * Worked by hand: negatives {1, 2, 3}, positives {2, 4}. Positive 2 beats 1, ties 2, loses to 3: 1.5 wins;
     * positive 4 beats all three: 3 wins. AUC = 4.5 / (3·2) = 0.75.
     */
    @Test
    void aucOfAWorkedExample() {
        assertThat(RocAuc.of(new double[] {1, 2, 3}, new double[] {2, 4})).isEqualTo(0.75);
        assertThat(RocAuc.of(new double[] {1, 2}, new double[] {3, 4})).isEqualTo(1.0);
        assertThat(RocAuc.of(new double[] {3, 4}, new double[] {1, 2})).isEqualTo(0.0);
        assertThat(RocAuc.of(new double[] {5, 5}, new double[] {5})).isEqualTo(0.5);
        assertThat(RocAuc.ratesAt(new double[] {1, 2, 3}, new double[] {2, 4}, 2.5)).containsExactly(0.5, 1.0 / 3);
    }

    @Test
    void unitsOfTheLoss() {
        assertThat(Metrics.bits(Math.log(2))).isCloseTo(1.0, within(1e-15));
        assertThat(Metrics.perplexity(Math.log(5))).isCloseTo(5.0, within(1e-12));
        assertThat(Metrics.klBits(1.25, 1.0)).isEqualTo(0.25);
    }
}
