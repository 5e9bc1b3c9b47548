package org.seqlab.app.views;

import org.seqlab.app.text.Texts;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import org.seqlab.app.figures.Figure;
import org.seqlab.app.figures.HiddenStateFigure;
import org.seqlab.app.figures.ViewId;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;

/** A recurrent model's hidden state on the inspected input, unit by unit, at the layer chosen (the top one first). */
final class HiddenView extends TracedView {

    private final ComboBox<Integer> layer = Choices.layer("hiddenLayer");

    HiddenView(ViewContext context) {
        super(ViewId.HIDDEN, context, "hiddenRun");
        pane.tools(new Label(Texts.get("knob.model")), run, new Label(Texts.get("knob.layer")), layer);
        redrawOn(layer.valueProperty());
    }

    @Override
    protected Figure figure(RunSnapshot r) {
        Choices.layers(layer, r);
        return HiddenStateFigure.of(shown, r, Choices.value(layer));
    }
}
