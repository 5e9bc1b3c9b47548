package org.seqlab.app.views;

import org.seqlab.app.text.Texts;
import javafx.scene.control.Label;
import org.seqlab.app.figures.ConvStackFigure;
import org.seqlab.app.figures.Figure;
import org.seqlab.app.figures.ViewId;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;

/** A causal convolution's stack on the inspected text, and the receptive field of its last output. */
final class StackView extends TracedView {

    StackView(ViewContext context) {
        super(ViewId.STACK, context, "stackRun");
        pane.tools(new Label(Texts.get("knob.model")), run).hint(Texts.get("stack.hint"));
    }

    @Override
    protected Figure figure(RunSnapshot r) {
        return ConvStackFigure.of(shown, r);
    }
}
