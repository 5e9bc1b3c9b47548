package org.seqlab.app.views;

import org.seqlab.app.text.Texts;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import org.seqlab.app.figures.Figure;
import org.seqlab.app.figures.GatesFigure;
import org.seqlab.app.figures.ViewId;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;

/** An LSTM's input, forget and output gates on the inspected input, for as many units as chosen. */
final class GatesView extends TracedView {

    private final ComboBox<Integer> layer = Choices.layer("gatesLayer");
    private final ComboBox<String> units = new ComboBox<>();

    GatesView(ViewContext context) {
        super(ViewId.GATES, context, "gatesRun");
        units.getItems().addAll("16", "32", "64", Texts.get("gates.all"));
        units.setValue("32");
        units.setId("gatesUnits");
        pane.tools(new Label(Texts.get("knob.model")), run, new Label(Texts.get("knob.layer")), layer, new Label(Texts.get("knob.units")), units);
        redrawOn(layer.valueProperty(), units.valueProperty());
    }

    @Override
    protected Figure figure(RunSnapshot r) {
        Choices.layers(layer, r);
        int shownUnits = Texts.get("gates.all").equals(units.getValue()) ? Integer.MAX_VALUE : Integer.parseInt(units.getValue());
        return GatesFigure.of(shown, r, Choices.value(layer), shownUnits);
    }
}
