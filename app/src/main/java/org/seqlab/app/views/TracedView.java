package org.seqlab.app.views;

import javafx.beans.value.ObservableValue;
import javafx.scene.control.ComboBox;
import org.seqlab.app.figures.Figure;
import org.seqlab.app.figures.ViewId;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;

/**
 * A view drawn from one model's traces of the inspected input (hidden state, gates, attention, the mask, one query,
 * positions, the conv stack): a choice of model, perhaps of layer or head, and a redraw whenever the inspection or a
 * choice changes. Nothing is computed: the traces came with the snapshot.
 */
abstract class TracedView extends LabView {

    protected final ComboBox<RunChoice> run;
    private boolean drawing;

    TracedView(ViewId id, ViewContext context, String runId) {
        super(id, context);
        run = Choices.run(runId);
        redrawOn(run.valueProperty());
    }

    /** The figure for model {@code r} (null: none can fill the view) with the view's other choices. */
    protected abstract Figure figure(RunSnapshot r);

    /** Draws again when any of these changes. */
    protected final void redrawOn(ObservableValue<?>... values) {
        for (ObservableValue<?> v : values) {
            v.addListener((o, a, b) -> draw());
        }
    }

    @Override
    protected void runsChanged() {
        Choices.keep(run, choices());
    }

    @Override
    protected void inspected() {
        draw();
    }

    private void draw() {
        if (drawing || shown == null) {
            return;             // a choice refilled while drawing (a layer list for another model) draws once, not again
        }
        drawing = true;
        try {
            pane.setFigure(figure(selected(run)));
        } finally {
            drawing = false;
        }
    }
}
