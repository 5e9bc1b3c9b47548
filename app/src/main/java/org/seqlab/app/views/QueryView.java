package org.seqlab.app.views;

import org.seqlab.app.text.Texts;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.Region;
import org.seqlab.app.figures.Figure;
import org.seqlab.app.figures.QueryFigure;
import org.seqlab.app.figures.ViewId;
import org.seqlab.engine.train.TrainingSnapshot.InspectionSnapshot;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;

/** One query of one head, step by step: its scores, the mask, the softmax, and the values it mixes. */
final class QueryView extends TracedView {

    private final ComboBox<Integer> layer = Choices.layer("queryLayer");
    private final ComboBox<Integer> head = Choices.layer("queryHead");
    private final Spinner<Integer> position = new Spinner<>(0, 4096, 0);
    private String text;

    QueryView(ViewContext context) {
        super(ViewId.QUERY, context, "queryRun");
        position.setId("queryPosition");
        position.setPrefWidth(90);
        position.setMinWidth(Region.USE_PREF_SIZE);
        position.setEditable(true);
        pane.tools(new Label(Texts.get("knob.model")), run, new Label(Texts.get("knob.block")), layer, new Label(Texts.get("knob.head")), head, new Label(Texts.get("knob.queryT")), position);
        redrawOn(layer.valueProperty(), head.valueProperty(), position.valueProperty());
    }

    @Override
    protected Figure figure(RunSnapshot r) {
        Choices.blocksAndHeads(layer, head, r);
        InspectionSnapshot in = shown.inspection();
        if (r != null && in != null && in.error().isEmpty()) {
            int steps = in.labels().size() - 1;
            // a new text starts at its last query, the one that has read everything before it
            if (!in.text().equals(text) || position.getValue() == null || position.getValue() >= steps) {
                text = in.text();
                position.getValueFactory().setValue(steps - 1);
            }
        }
        return QueryFigure.of(shown, r, Choices.value(layer), Choices.value(head), position.getValue());
    }
}
