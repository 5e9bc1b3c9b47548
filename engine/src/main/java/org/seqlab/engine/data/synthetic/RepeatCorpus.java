package org.seqlab.engine.data.synthetic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.seqlab.engine.data.Batch;
import org.seqlab.engine.data.DataSource;
import org.seqlab.engine.data.ExactSource;
import org.seqlab.engine.data.Vocabulary;

/**
 * A random string r of random length L, then copies of it, each followed by a delimiter:
 * {@code r | r | r | …}, with L uniform on [minLength, maxLength] and every symbol of r uniform on an alphabet of
 * A letters. Nothing in the first copy can be predicted; everything after the first delimiter can, by finding
 * where the current letter occurred in the previous copy and copying the letter that followed it: the
 * induction pattern (Olsson et al. 2022), which attention learns and a fixed-size recurrent state struggles
 * with (it would have to hold L·log₂ A bits). Because L varies, no fixed look-back offset works.
 *
 * <p>Exact entropy of a window predicting x_1 … x_T. While no delimiter has been seen, the next symbol is the
 * delimiter with the hazard {@code q_t = P(L = t | L ≥ t)} and otherwise a uniform letter, so
 * {@code H(X_t | X_<t) = P(L ≥ t) · [h(q_t) + (1 − q_t) log₂ A]}; after the first delimiter everything is
 * determined. The entropy rate (t → ∞) is 0.
 */
public final class RepeatCorpus implements DataSource, ExactSource {

    public static final char DELIMITER = '|';
    private static final long VALIDATION_SEED = 77_001L;

    private final String letters;
    private final int minLength;
    private final int maxLength;
    private final Vocabulary vocab;

    public RepeatCorpus(String letters, int minLength, int maxLength) {
        if (minLength < 1 || maxLength < minLength) {
            throw new IllegalArgumentException("lengths must satisfy 1 ≤ min ≤ max");
        }
        if (letters.indexOf(DELIMITER) >= 0) {
            throw new IllegalArgumentException("the letters must not contain the delimiter " + DELIMITER);
        }
        this.letters = letters;
        this.minLength = minLength;
        this.maxLength = maxLength;
        this.vocab = Vocabulary.ofSymbols(letters + DELIMITER);
    }

    /** 16 letters, strings of 8 to 24. */
    public static RepeatCorpus standard() {
        return new RepeatCorpus("abcdefghijklmnop", 8, 24);
    }

    @Override
    public String name() {
        return "synthetic:repeat";
    }

    @Override
    public String description() {
        return String.format("a random string of %d–%d letters from {a…%c}, then copies of it, each ended by %c (the induction pattern)",
                minLength, maxLength, letters.charAt(letters.length() - 1), DELIMITER);
    }

    @Override
    public Vocabulary vocabulary() {
        return vocab;
    }

    /** One window of {@code length} symbols. */
    public int[] sample(int length, RandomGenerator rng) {
        int period = minLength + rng.nextInt(maxLength - minLength + 1);
        int delimiter = letters.length();           // the delimiter's id: it is last in the vocabulary
        int[] r = new int[period];
        for (int i = 0; i < period; i++) {
            r[i] = rng.nextInt(letters.length());
        }
        int[] x = new int[length];
        for (int t = 0; t < length; t++) {
            int i = t % (period + 1);
            x[t] = i == period ? delimiter : r[i];
        }
        return x;
    }

    @Override
    public Batch trainBatch(int batch, int steps, RandomGenerator rng) {
        return SampledWindows.batch(this::sample, batch, steps, rng);
    }

    @Override
    public List<Batch> validationBatches(int batch, int steps, int count) {
        return SampledWindows.validation(this::sample, batch, steps, count, VALIDATION_SEED);
    }

    /** Σ over lengths L of P(L) · A^−(letters fixed so far), for the L that fit the symbols; 0 when none does. */
    @Override
    public double probability(int[] x) {
        int delimiter = letters.length();
        int n = maxLength - minLength + 1;
        double total = 0;
        for (int period = minLength; period <= maxLength; period++) {
            int[] letter = new int[period];
            Arrays.fill(letter, -1);
            int free = 0;
            boolean fits = true;
            for (int t = 0; t < x.length && fits; t++) {
                int i = t % (period + 1);
                if (i == period) {
                    fits = x[t] == delimiter;
                } else if (x[t] == delimiter) {
                    fits = false;
                } else if (letter[i] < 0) {
                    letter[i] = x[t];
                    free++;
                } else {
                    fits = letter[i] == x[t];
                }
            }
            if (fits) {
                total += Math.pow(letters.length(), -free) / n;
            }
        }
        return total;
    }

    @Override
    public int maxSteps() {
        return 100_000;
    }

    /** H(X_t | X_<t) in bits for t = 1..T. */
    public double[] positionEntropiesBits(int steps) {
        int n = maxLength - minLength + 1;
        double log2A = Math.log(letters.length()) / Math.log(2);
        double[] h = new double[steps];
        for (int t = 1; t <= steps; t++) {
            // the delimiter first appears at index L; x_t is uncertain only while t ≤ L
            double atLeast = Math.max(0, Math.min(n, maxLength - Math.max(t, minLength) + 1)) / (double) n; // P(L ≥ t)
            if (atLeast == 0) {
                continue;
            }
            double exactly = t >= minLength && t <= maxLength ? 1.0 / n : 0;                               // P(L = t)
            double q = exactly / atLeast;
            h[t - 1] = atLeast * (binary(q) + (1 - q) * log2A);
        }
        return h;
    }

    private static double binary(double q) {
        return q <= 0 || q >= 1 ? 0 : -(q * Math.log(q) + (1 - q) * Math.log(1 - q)) / Math.log(2);
    }

    @Override
    public OptionalDouble entropyFloorBits(int steps) {
        double sum = 0;
        for (double v : positionEntropiesBits(steps)) {
            sum += v;
        }
        return OptionalDouble.of(sum / steps);
    }

    @Override
    public OptionalDouble entropyRateBits() {
        return OptionalDouble.of(0);
    }

    @Override
    public List<String> examples() {
        SplittableRandom rng = new SplittableRandom(5);
        List<String> out = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            out.add(vocab.decode(sample(48, rng)));
        }
        return out;
    }
}
