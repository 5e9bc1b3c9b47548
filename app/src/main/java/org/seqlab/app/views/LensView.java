package org.seqlab.app.views;

import org.seqlab.app.text.Texts;
import java.util.concurrent.CompletableFuture;
import javafx.scene.control.Label;
import org.seqlab.app.figures.LogitLensFigure;
import org.seqlab.app.figures.ViewId;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;

/** A Transformer's prediction read out before every block: the logit lens. */
final class LensView extends TakeApartView {

    LensView(ViewContext context) {
        super(ViewId.LENS, context, "lensRun", Texts.get("lens.note"), Texts.get("lens.none"));
        pane.tools(new Label(Texts.get("knob.model")), run).hint(Texts.get("lens.hint"));
        run.valueProperty().addListener((o, a, b) -> changed());
    }

    @Override
    protected CompletableFuture<LogitLensFigure> compute(RunSnapshot r, String input) {
        return lab.tasks().lens(r.id(), input).thenApply(LogitLensFigure::new);
    }
}
