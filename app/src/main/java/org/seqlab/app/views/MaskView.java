package org.seqlab.app.views;

import org.seqlab.app.text.Texts;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import org.seqlab.app.figures.Figure;
import org.seqlab.app.figures.MaskFigure;
import org.seqlab.app.figures.ViewId;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;

/** One head's scores, the causal mask over them, and the weights after the softmax. */
final class MaskView extends TracedView {

    private final ComboBox<Integer> layer = Choices.layer("maskLayer");
    private final ComboBox<Integer> head = Choices.layer("maskHead");

    MaskView(ViewContext context) {
        super(ViewId.MASK, context, "maskRun");
        pane.tools(new Label(Texts.get("knob.model")), run, new Label(Texts.get("knob.block")), layer, new Label(Texts.get("knob.head")), head);
        redrawOn(layer.valueProperty(), head.valueProperty());
    }

    @Override
    protected Figure figure(RunSnapshot r) {
        Choices.blocksAndHeads(layer, head, r);
        return MaskFigure.of(shown, r, Choices.value(layer), Choices.value(head));
    }
}
