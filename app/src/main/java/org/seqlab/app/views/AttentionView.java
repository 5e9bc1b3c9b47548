package org.seqlab.app.views;

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
        pane.tools(new Label("model"), run).hint("click a map to enlarge it, and again to go back; hover a query to see its links");
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
