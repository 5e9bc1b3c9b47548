package org.seqlab.engine.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.seqlab.engine.data.Batch;
import org.seqlab.engine.data.DataSource;

/**
 * What a model earns that reads no context at all, the yardsticks a trained model must beat: symbol frequencies
 * counted on training windows and scored, in bits per symbol, on the same validation batches the model is scored on.
 * <ul>
 * <li>unigram: one distribution for every position, q(x) = count(x) / N (for binarised images a constant ink rate);</li>
 * <li>per position: one distribution per position t of the window, q_t(x) = count_t(x) / N_t (for images, each
 * pixel its own ink rate: the best model that draws every pixel independently).</li>
 * </ul>
 * Counts start at ½ (the Krichevsky–Trofimov estimate), so a symbol never seen in training costs finite bits.
 */
public final class Baselines {

    /** Training windows counted: 100 batches of 32, drawn from a fixed seed. */
    static final int BATCHES = 100;
    static final int BATCH = 32;

    private Baselines() {
    }

    /** Validation bits per symbol of the training windows' symbol frequencies. */
    public static double unigramBits(DataSource data, List<Batch> validation) {
        return bits(data, validation.get(0).steps(), validation, false);
    }

    /** Validation bits per symbol of each position's own symbol frequencies. */
    public static double perPositionBits(DataSource data, List<Batch> validation) {
        return bits(data, validation.get(0).steps(), validation, true);
    }

    private static double bits(DataSource data, int steps, List<Batch> validation, boolean perPosition) {
        int v = data.vocabulary().size();
        int positions = perPosition ? steps : 1;
        double[][] count = new double[positions][v];
        for (double[] row : count) {
            Arrays.fill(row, 0.5);
        }
        SplittableRandom rng = new SplittableRandom(20261206L);
        for (int i = 0; i < BATCHES; i++) {
            Batch b = data.trainBatch(BATCH, steps, rng);
            for (int s = 0; s < b.batch(); s++) {
                for (int t = 0; t < b.steps(); t++) {
                    count[perPosition ? t : 0][b.target(s, t)]++;
                }
            }
        }
        double[] total = new double[positions];
        for (int p = 0; p < positions; p++) {
            for (double c : count[p]) {
                total[p] += c;
            }
        }
        double nats = 0;
        double weight = 0;
        for (Batch b : validation) {
            if (b.steps() != steps) {
                throw new IllegalArgumentException("validation windows of " + b.steps() + " against training windows of " + steps);
            }
            for (int s = 0; s < b.batch(); s++) {
                for (int t = 0; t < b.steps(); t++) {
                    double w = b.weights() == null ? 1 : b.weights()[s * b.steps() + t];
                    int p = perPosition ? t : 0;
                    nats -= w * Math.log(count[p][b.target(s, t)] / total[p]);
                    weight += w;
                }
            }
        }
        return Metrics.bits(nats / weight);
    }
}
