package org.seqlab.engine.metrics;

import java.util.Arrays;

/**
 * The area under the ROC curve of a score that should be higher for positives (anomalies) than for negatives:
 * the probability that a random positive outscores a random negative, ties counting one half
 * (the Mann–Whitney U statistic divided by n₊ n₋).
 */
public final class RocAuc {

    private RocAuc() {
    }

    public static double of(double[] negatives, double[] positives) {
        if (negatives.length == 0 || positives.length == 0) {
            throw new IllegalArgumentException("the AUC needs at least one negative and one positive");
        }
        double[] neg = negatives.clone();
        Arrays.sort(neg);
        double wins = 0;
        for (double p : positives) {
            int below = lowerBound(neg, p);          // negatives strictly below p
            int notAbove = upperBound(neg, p);       // negatives ≤ p
            wins += below + 0.5 * (notAbove - below);
        }
        return wins / ((double) negatives.length * positives.length);
    }

    /** True- and false-positive rates when everything scoring above {@code threshold} is called an anomaly. */
    public static double[] ratesAt(double[] negatives, double[] positives, double threshold) {
        double tp = Arrays.stream(positives).filter(v -> v > threshold).count();
        double fp = Arrays.stream(negatives).filter(v -> v > threshold).count();
        return new double[] {tp / positives.length, fp / negatives.length};
    }

    private static int lowerBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
