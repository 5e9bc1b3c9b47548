package org.seqlab.engine.train;
import org.seqlab.engine.io.BadValue;

/**
 * What all runs of a session share: the batches they see and how often they are evaluated.
 *
 * @param batch        sequences per batch, B
 * @param steps        tokens per sequence, T (the truncated back-propagation length)
 * @param seed         seeds weight initialisation and batch order
 * @param evalEvery    validate every this many steps
 * @param evalBatches  how many validation batches
 */
public record TrainConfig(int batch, int steps, long seed, int evalEvery, int evalBatches) {

    public static final int MAX_BATCH = 1024;
    public static final int MAX_STEPS = 2048;

    public TrainConfig {
        if (batch < 1 || batch > MAX_BATCH) {
            throw BadValue.says("config.batch", MAX_BATCH, batch);
        }
        if (steps < 2 || steps > MAX_STEPS) {
            throw BadValue.says("config.seq", MAX_STEPS, steps);
        }
        if (evalEvery < 1) {
            throw BadValue.says("config.evalEvery");
        }
        if (evalBatches < 1 || evalBatches > 1000) {
            throw BadValue.says("config.validationBatches");
        }
    }

    /** Batch 32 of length 64, seed 1, validation on 4 batches every 25 steps. */
    public static TrainConfig defaults() {
        return new TrainConfig(32, 64, 1, 25, 4);
    }

    public TrainConfig withBatch(int b) {
        return new TrainConfig(b, steps, seed, evalEvery, evalBatches);
    }

    public TrainConfig withSteps(int t) {
        return new TrainConfig(batch, t, seed, evalEvery, evalBatches);
    }

    public TrainConfig withSeed(long s) {
        return new TrainConfig(batch, steps, s, evalEvery, evalBatches);
    }
}
