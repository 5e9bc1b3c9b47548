package org.seqlab.engine.data.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.seqlab.engine.data.Batch;

/** Batches of windows drawn afresh from a source that samples sequences (the synthetic corpora). */
final class SampledWindows {

    /** Draws a sequence of this many symbols from where the source starts. */
    interface Sampler {
        int[] sample(int length, RandomGenerator rng);
    }

    private SampledWindows() {
    }

    /** {@code batch} windows of steps + 1 symbols (inputs and their next-symbol targets). */
    static Batch batch(Sampler source, int batch, int steps, RandomGenerator rng) {
        int[][] w = new int[batch][];
        for (int b = 0; b < batch; b++) {
            w[b] = source.sample(steps + 1, rng);
        }
        return Batch.ofWindows(w);
    }

    /** The same {@code count} batches every time: drawn from a generator seeded with {@code seed}. */
    static List<Batch> validation(Sampler source, int batch, int steps, int count, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Batch> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            out.add(batch(source, batch, steps, rng));
        }
        return out;
    }
}
