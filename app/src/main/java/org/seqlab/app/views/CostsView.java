package org.seqlab.app.views;

import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.javafx.FontIcon;
import org.seqlab.app.figures.CostsFigure;
import org.seqlab.app.figures.ViewId;
import org.seqlab.app.text.Texts;
import org.seqlab.app.work.Failure;

/** What each model costs as the sequence grows, timed on this machine when asked (and when first opened). */
final class CostsView extends LabView {

    private final Button measure = new Button(Texts.get("tool.measure"), new FontIcon("mdi2t-timer-outline"));

    CostsView(ViewContext context) {
        super(ViewId.COSTS, context);
        measure.setId("measureCosts");
        measure.setTooltip(new Tooltip(Texts.get("costs.measure.tip", CostsFigure.MAX_LENGTH)));
        measure.setOnAction(e -> measure());
        pane.tools(measure).hint(Texts.get("costs.hint"));
        pane.setFigure(new CostsFigure(List.of(), List.of()));
    }

    /** Opened with nothing measured yet: measure at once. */
    @Override
    protected void opened() {
        if (pane.canvas().figure() != null && pane.canvas().figure().placeholder() && !measure.isDisabled()) {
            measure();
        }
    }

    /** Times every run's configuration on the engine thread; the figure updates when done. */
    private void measure() {
        measure.setDisable(true);
        lab.work().await(Texts.get("job.costs"), progress -> lab.tasks().costs(), list -> {
            measure.setDisable(false);
            pane.setFigure(CostsFigure.of(list));
            status(Texts.get("costs.done"));
        }, ex -> {
            measure.setDisable(false);
            status(Texts.get("measure.failed", Failure.reason(ex)));
        });
    }
}
