package org.seqlab.engine.data;

import java.util.Arrays;

/** A source that knows the exact probability of any sequence it can emit (the synthetic sources). */
public interface ExactSource {

    /** p(x_0 … x_{n−1}) of a window starting where the source starts. */
    double probability(int[] symbols);

    /** p(continuation | prefix) = p(prefix · continuation) / p(prefix); NaN when the prefix is impossible. */
    default double conditional(int[] prefix, int[] continuation) {
        double p = probability(prefix);
        if (p <= 0) {
            return Double.NaN;
        }
        int[] all = Arrays.copyOf(prefix, prefix.length + continuation.length);
        System.arraycopy(continuation, 0, all, prefix.length, continuation.length);
        return probability(all) / p;
    }
}
