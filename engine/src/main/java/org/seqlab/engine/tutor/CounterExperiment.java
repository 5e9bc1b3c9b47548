package org.seqlab.engine.tutor;

import java.util.List;
import java.util.function.DoubleConsumer;
import org.seqlab.engine.data.DataSource;
import org.seqlab.engine.expect.Expectation;
import org.seqlab.engine.expect.Point;
import org.seqlab.engine.expect.SessionMeasures;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.Positional;
import org.seqlab.engine.train.ModelRun;
import org.seqlab.engine.train.OptimizerConfig;
import org.seqlab.engine.train.RunConfig;
import org.seqlab.engine.train.TrainConfig;
import org.seqlab.engine.train.TrainingSession;
import org.seqlab.engine.tutor.vocabulary.Cause;

/**
 * The experiment that tests a diagnosis: the original model (A) and the fix (B) trained side by side from the same
 * seed on the same batches for as many steps as the original had, then judged by a scene's point on them — the
 * diagnosis is confirmed when the fix repairs what was measured.
 *
 * @param fix   model B
 * @param point what B must show against A, in the lessons' expectation language
 */
public record CounterExperiment(Cause cause, RunConfig fix, Point point) {

    /** The outcome: whether the point was made, and its sentence with the numbers. */
    public record Verdict(Cause cause, boolean confirmed, String says) {
    }

    /** The counter-experiment for {@code cause} on a model trained as {@code original}. */
    public static CounterExperiment of(Cause cause, RunConfig original) {
        ModelConfig m = original.model();
        OptimizerConfig o = original.optimizer();
        return switch (cause) {
            case DIVERGED -> new CounterExperiment(cause, original.withOptimizer(o.withLearningRate(o.learningRate() / 10).withClip(true, 1)),
                    point("With a tenth of the rate and clipping the model trains without diverging", "diverged(B) < 0.5"));
            case LR_TOO_HIGH -> new CounterExperiment(cause, original.withOptimizer(o.withLearningRate(o.learningRate() / 10)),
                    point("With a tenth of the rate the model ends lower", "bits(B) < bits(A) - 0.05"));
            case EXPLODING_GRADIENT -> o.clip()
                    ? new CounterExperiment(cause, original.withOptimizer(o.withLearningRate(o.learningRate() / 10)),
                            point("With a tenth of the rate clipping is rarely needed and the model ends lower", "clipped(B) < 0.5", "bits(B) < bits(A)"))
                    : new CounterExperiment(cause, original.withOptimizer(o.withClip(true, 1)),
                            point("Clipped at 1 the model ends lower", "bits(B) < bits(A) - 0.05"));
            case DEAD_UNITS -> new CounterExperiment(cause, original.withOptimizer(o.withLearningRate(o.learningRate() / 10)),
                    point("With a tenth of the rate far fewer units are pinned", "pinned(B) < pinned(A) - 0.2"));
            case SATURATED_GATES -> new CounterExperiment(cause, original.withOptimizer(o.withLearningRate(o.learningRate() / 10)),
                    point("With a tenth of the rate far fewer gate values are saturated", "saturated(B) < saturated(A) - 0.2"));
            case LR_TOO_LOW -> new CounterExperiment(cause, original.withOptimizer(o.withLearningRate(RunConfig.defaults(m.family()).optimizer().learningRate())),
                    point("At the family's default rate the loss falls far more", "bits(B) < bits(A) - 0.1"));
            case VANISHING_GRADIENT, LONG_RANGE_MISSED -> m.family() == Family.LSTM
                    ? new CounterExperiment(cause, original.withModel(resized(m, m.hidden() * 2)),
                            point("An LSTM twice as wide reaches closer to the floor", "bits(B) < bits(A) - 0.05"))
                    : new CounterExperiment(cause, original.withModel(new ModelConfig(Family.LSTM, m.embed(), m.hidden(), m.layers())),
                            point("An LSTM of the same width reaches closer to the floor", "bits(B) < bits(A) - 0.05"));
            case OVERFITTING -> new CounterExperiment(cause, original.withModel(resized(m, Math.max(8, m.hidden() / 4))),
                    point("A model a quarter as wide ends lower on the validation text", "bits(B) < bits(A) - 0.05"));
            case UNDERFITTING -> new CounterExperiment(cause, original.withModel(resized(m, m.hidden() * 4)),
                    point("A model four times as wide ends well below", "bits(B) < bits(A) - 0.1"));
            case NO_POSITIONS -> new CounterExperiment(cause, original.withModel(m.withPositional(Positional.SINUSOIDAL)),
                    point("With sinusoidal positions the Transformer ends well below", "bits(B) < bits(A) - 0.2"));
            case CONTEXT_TOO_SHORT -> new CounterExperiment(cause, original.withModel(m.family() == Family.CONV1D
                    ? ModelConfig.conv1d(m.hidden(), 5, 2, true) : m.withContext(m.context() * 4)),
                    point("With a wider reach the model ends well below", "bits(B) < bits(A) - 0.1"));
        };
    }

    /** Trains A and B side by side for {@code steps} steps on {@code data} and judges the point on them. */
    public Verdict run(DataSource data, TrainConfig config, RunConfig original, int steps) {
        return run(data, config, original, steps, done -> { });
    }

    /** The same, telling {@code progress} the share of the steps done. */
    public Verdict run(DataSource data, TrainConfig config, RunConfig original, int steps, DoubleConsumer progress) {
        TrainingSession both = new TrainingSession(data, config, List.of(original, fix));
        for (int s = 0; s < steps && both.runs().stream().anyMatch(r -> r.status() == ModelRun.Status.OK); s++) {
            both.trainStep();
            progress.accept((s + 1.0) / steps);
        }
        both.evaluate();
        Point.Verdict v = point.evaluate(new SessionMeasures(both, Tutor.input(both)));
        return new Verdict(cause, v.met(), v.text());
    }

    private static ModelConfig resized(ModelConfig m, int hidden) {
        return new ModelConfig(m.family(), m.embed(), hidden, m.layers(), m.heads(), m.context(), m.positional(), m.kernel(), m.dilated(),
                m.height(), m.width(), m.kvHeads() == m.heads() ? 0 : m.kvHeads(), m.norm(), m.activation(), m.bias());
    }

    private static Point point(String says, String... checks) {
        return new Point(says, java.util.Arrays.stream(checks).map(Expectation::parse).toList());
    }
}
