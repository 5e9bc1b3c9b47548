package org.seqlab.app.views;

import org.seqlab.app.text.Texts;
import java.util.concurrent.CompletableFuture;
import javafx.scene.control.Label;
import org.seqlab.app.figures.PermutationFigure;
import org.seqlab.app.figures.ViewId;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;

/** A Transformer on the inspected input and on its symbols reversed, with and without its causal mask. */
final class PermuteView extends TakeApartView {

    PermuteView(ViewContext context) {
        super(ViewId.PERMUTE, context, "permuteRun", Texts.get("permute.none"),
                Texts.get("permute.none"));
        pane.tools(new Label(Texts.get("knob.model")), run).hint(Texts.get("permute.hint"));
        run.valueProperty().addListener((o, a, b) -> changed());
    }

    @Override
    protected CompletableFuture<PermutationFigure> compute(RunSnapshot r, String input) {
        return lab.tasks().permute(r.id(), input).thenApply(PermutationFigure::new);
    }
}
