package org.seqlab.app.views;

import org.seqlab.app.text.Texts;
import javafx.scene.control.Label;
import org.seqlab.app.figures.AttentionFigure;
import org.seqlab.app.figures.Figure;
import org.seqlab.app.figures.ViewId;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;

/** Every block and head of a Transformer on the inspected input; a click enlarges one map, and it stays enlarged. */
final class AttentionView extends TracedView {

    private AttentionFigure.Selection selection;

    AttentionView(ViewContext context) {
        super(ViewId.ATTENTION, context, "attentionRun");
        pane.tools(new Label(Texts.get("knob.model")), run).hint(Texts.get("attention.hint"));
        // keep an enlarged attention map enlarged when new traces arrive
        pane.canvas().figureProperty().addListener((o, a, b) -> {
            if (b instanceof AttentionFigure af) {
                selection = af.selection();
            }
        });
    }

    @Override
    protected Figure figure(RunSnapshot r) {
        return AttentionFigure.of(shown, r, selection);
    }
}
