package org.seqlab.app.figures;

import java.util.List;
import org.seqlab.engine.inspect.Ablation;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.train.TrainingSnapshot;

/**
 * The "Take apart" views as they are first shown (and exported): the first model that can fill each, on the inspected
 * input, with the part or position a lesson is most likely to start from.
 */
public final class TakeApartFigures {

    /** How many symbols a replayed generation has: one line of a projected figure. */
    public static final int SAMPLE_LENGTH = 60;
    /** The temperature of a replayed generation. */
    public static final double TEMPERATURE = 0.8;

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
    public static String inspected(TrainingSnapshot s) {
        return s.inspection() != null && !s.inspection().text().isEmpty() ? s.inspection().text() : s.data().examples().get(0);
    }
}
