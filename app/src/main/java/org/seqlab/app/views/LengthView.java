package org.seqlab.app.views;

import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.javafx.FontIcon;
import org.seqlab.app.figures.LengthFigure;
import org.seqlab.app.figures.ViewId;
import org.seqlab.app.text.Texts;
import org.seqlab.app.work.Failure;
import org.seqlab.engine.train.TrainingSnapshot;

/** The trained models on windows longer than they were trained on: measured when opened and when training pauses. */
final class LengthView extends LabView {

    private final Button measure = new Button(Texts.get("tool.measure"), new FontIcon("mdi2r-ruler"));
    private int measuredAt = -1;

    LengthView(ViewContext context) {
        super(ViewId.LENGTH, context);
        measure.setId("measureLength");
        measure.setTooltip(new Tooltip(Texts.get("length.measure.tip")));
        measure.setOnAction(e -> measure());
        pane.tools(measure).hint(Texts.get("length.hint"));
        placeholder(Texts.get("length.empty"));
    }

    /** The models as they are now: measured again whenever training pauses at a new step while this view is showing. */
    @Override
    protected void snapshot(boolean visible) {
        if (shown.phase() == TrainingSnapshot.Phase.PAUSED && shown.step() != measuredAt && !shown.runs().isEmpty() && pane.onScreen()
                && !measure.isDisabled()) {
            measure();
        }
    }

    @Override
    protected void opened() {
        if (!measure.isDisabled()) {
            measure();
        }
    }

    /** The trained models on longer windows, on the engine thread; the figure updates when done. */
    private void measure() {
        measure.setDisable(true);
        measuredAt = lab.snapshot().step();
        // a fraction of a second on the engine thread, between training steps: no background job to queue behind others
        lab.tasks().lengths().whenComplete((list, ex) -> Platform.runLater(() -> {
            measure.setDisable(false);
            if (ex != null) {
                status(Texts.get("measure.failed", Failure.reason(ex)));
                return;
            }
            pane.setFigure(new LengthFigure(list));
            status(Texts.get("length.done"));
        }));
    }
}
