package org.seqlab.app.views;

import org.seqlab.app.text.Texts;
import javafx.scene.control.Label;
import org.seqlab.app.figures.Figure;
import org.seqlab.app.figures.PositionalFigure;
import org.seqlab.app.figures.ViewId;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;

/** A Transformer's table of positions (or why it adds none: no positions, ALiBi, RoPE). */
final class PositionsView extends TracedView {

    PositionsView(ViewContext context) {
        super(ViewId.POSITIONS, context, "positionsRun");
        pane.tools(new Label(Texts.get("knob.model")), run);
    }

    @Override
    protected Figure figure(RunSnapshot r) {
        return PositionalFigure.of(shown, r);
    }
}
