package org.seqlab.engine.train;

import org.seqlab.engine.io.BadValue;
import org.seqlab.engine.data.PixelOrder;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.Positional;

/**
 * One model in the lab: its architecture, how it is optimised, whether it trains with scheduled sampling, and, for a
 * text model on digits read as a sequence, the order it reads their pixels in (null: the data's own).
 */
public record RunConfig(ModelConfig model, OptimizerConfig optimizer, ScheduledSampling scheduled, PixelOrder order) {

    public RunConfig {
        if (model == null || optimizer == null) {
            throw BadValue.says("config.run");
        }
        if (scheduled == null) {
            scheduled = ScheduledSampling.OFF;
        }
    }

    public RunConfig(ModelConfig model, OptimizerConfig optimizer, ScheduledSampling scheduled) {
        this(model, optimizer, scheduled, null);
    }

    /**
     * The lab's starting point for a family: {@link ModelConfig#defaults}' width, depth and kernel, embeddings of 32,
     * 4 heads over a context of 64 with sinusoidal positions, Adam at 3e-3 (1e-3 for the Transformer) with the norm
     * clipped at 1, no schedule, teacher forcing. Image models carry a 28 × 28 placeholder until they meet their data.
     */
    public static RunConfig defaults(Family family) {
        ModelConfig d = ModelConfig.defaults(family);
        boolean image = family.image();
        ModelConfig m = new ModelConfig(family, 32, d.hidden(), d.layers(), 4, 64, Positional.SINUSOIDAL,
                d.kernel(), true, image ? 28 : 0, image ? 28 : 0);
        double lr = family == Family.TRANSFORMER ? 1e-3 : 3e-3;
        OptimizerConfig o = OptimizerConfig.of(lr, Schedule.CONSTANT, 100, 3000, true, 1.0, OptimizerConfig.Method.ADAM);
        return new RunConfig(m, o, new ScheduledSampling(0, 1000));
    }

    /** Teacher forcing only. */
    public RunConfig(ModelConfig model, OptimizerConfig optimizer) {
        this(model, optimizer, ScheduledSampling.OFF);
    }

    public RunConfig withOptimizer(OptimizerConfig o) {
        return new RunConfig(model, o, scheduled, order);
    }

    public RunConfig withModel(ModelConfig m) {
        return new RunConfig(m, optimizer, scheduled, order);
    }

    /** Reading the pixels of digits in this order (null: the data's own). */
    public RunConfig withOrder(PixelOrder o) {
        return new RunConfig(model, optimizer, scheduled, o);
    }

    /** "LSTM 1×64 · Adam 3e-3, clip 1" (and the scheduled-sampling rate when on). */
    public String describe() {
        String s = model.describe() + (order != null ? " · " + order.id() + " order" : "") + " · " + optimizer.describe();
        return scheduled.enabled() && !model.family().image() ? s + " · " + scheduled.describe() : s;
    }
}
