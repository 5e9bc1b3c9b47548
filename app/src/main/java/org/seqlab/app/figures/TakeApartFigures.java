package org.seqlab.app.figures;

import java.util.List;
import java.util.function.Predicate;
import org.seqlab.engine.inspect.Ablation;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.train.TrainingSnapshot;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;

/**
 * The "Take apart" views as they are first shown (and exported): the first model that can fill each, on the inspected
 * input, with the part or position a lesson is most likely to start from.
 */
public final class TakeApartFigures {

    /** How many symbols a replayed generation has: one line of a projected figure. */
    public static final int SAMPLE_LENGTH = 60;
    /** The temperature of a replayed generation. */
    public static final double TEMPERATURE = 0.8;

    static final Predicate<Family> PATCHABLE = f -> f.recurrent() || f == Family.TRANSFORMER;

    private TakeApartFigures() {
    }

    /** The part switched off first: an LSTM's forget gate (its memory), otherwise the first head, unit or layer. */
    public static Ablation defaultPart(ModelConfig c) {
        List<Ablation> parts = Ablation.parts(c);
        return parts.stream().filter(a -> a.part() == Ablation.Part.GATE && a.index() == 1).findFirst().orElse(parts.get(0));
    }

    /** Where the patch goes first: a few symbols after the corrupted first one. */
    public static int defaultPosition(String text) {
        return Math.max(0, Math.min(4, text.codePointCount(0, text.length()) - 3));
    }

    /** The inspected input, or the data's first example. */
    static String inspected(TrainingSnapshot s) {
        return s.inspection() != null && !s.inspection().text().isEmpty() ? s.inspection().text() : s.data().examples().get(0);
    }

    static RunSnapshot first(TrainingSnapshot s, Predicate<Family> which) {
        return s.runs().stream().filter(r -> which.test(r.config().model().family())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no model here can fill this view"));
    }

    static Figure ablate(TrainingSnapshot s, EngineTasks engine, long seed) {
        RunSnapshot r = first(s, f -> !f.image());
        return new AblationFigure(engine.ablate(r.id(), defaultPart(r.config().model()), inspected(s), SAMPLE_LENGTH, TEMPERATURE, seed).join());
    }

    static Figure patching(TrainingSnapshot s, EngineTasks engine, long seed) {
        RunSnapshot r = first(s, PATCHABLE);
        String text = inspected(s);
        return new PatchingFigure(engine.patch(r.id(), text, defaultPosition(text), false).join());
    }

    static Figure lens(TrainingSnapshot s, EngineTasks engine, long seed) {
        return new LogitLensFigure(engine.lens(first(s, f -> f == Family.TRANSFORMER).id(), inspected(s)).join());
    }

    static Figure permute(TrainingSnapshot s, EngineTasks engine, long seed) {
        return new PermutationFigure(engine.permute(first(s, f -> f == Family.TRANSFORMER).id(), inspected(s)).join());
    }

    static Figure heads(TrainingSnapshot s, EngineTasks engine, long seed) {
        return new InductionFigure(engine.induction(first(s, f -> f == Family.TRANSFORMER).id()).join());
    }
}
