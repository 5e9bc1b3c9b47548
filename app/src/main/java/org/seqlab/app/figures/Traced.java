package org.seqlab.app.figures;

import java.util.function.BiFunction;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.model.Trace;
import org.seqlab.engine.train.TrainingSnapshot.InspectionSnapshot;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;
import org.seqlab.engine.train.TrainingSnapshot;

/**
 * The views drawn from the inspected input's traces: one model's trace, or a placeholder that says why there is none
 * (no such model, nothing inspected yet, the inspection failed). Their factories ({@code HiddenStateFigure.of} …) start
 * here, so the lab and {@code export} say the same.
 */
final class Traced {

    static String waiting() {
        return Texts.get("note.waiting");
    }

    private Traced() {
    }

    /**
     * @param none  why there is nothing to draw when {@code r} is null ("Add an LSTM to see its gates.")
     * @param build the figure from the inspection and the model's trace
     */
    static Figure of(String name, String title, TrainingSnapshot s, RunSnapshot r, String none,
            BiFunction<InspectionSnapshot, Trace, Figure> build) {
        if (r == null) {
            return Figure.empty(name, title, none);
        }
        String why = why(s);
        if (!why.isEmpty()) {
            return Figure.empty(name, title, why);
        }
        Trace t = s.inspection().traces().get(r.id());
        return t == null ? Figure.empty(name, title, waiting()) : build.apply(s.inspection(), t);
    }

    /** Why the inspection cannot be drawn from, or "" when it can. */
    static String why(TrainingSnapshot s) {
        InspectionSnapshot in = s.inspection();
        return in == null ? waiting() : in.error();
    }
}
