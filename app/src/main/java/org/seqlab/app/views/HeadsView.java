package org.seqlab.app.views;

import org.seqlab.app.text.Texts;
import java.util.concurrent.CompletableFuture;
import javafx.scene.control.Label;
import org.seqlab.app.figures.InductionFigure;
import org.seqlab.app.figures.ViewId;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;

/** Every head of a Transformer scored for induction, on a random string repeated twice. */
final class HeadsView extends TakeApartView {

    HeadsView(ViewContext context) {
        super(ViewId.HEADS, context, "headsRun", Texts.get("heads.note"), Texts.get("heads.none"));
        pane.tools(new Label(Texts.get("knob.model")), run).hint(Texts.get("heads.hint"));
        run.valueProperty().addListener((o, a, b) -> changed());
    }

    @Override
    protected CompletableFuture<InductionFigure> compute(RunSnapshot r, String input) {
        return lab.tasks().induction(r.id()).thenApply(InductionFigure::new);
    }
}
