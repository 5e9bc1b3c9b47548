package org.seqlab.app.views;

import org.seqlab.app.figures.MetricsFigure;
import org.seqlab.app.figures.ViewId;
import org.seqlab.engine.train.TrainingSnapshot;

/** Every model's numbers in one table: drawn again while in view, or when training stops. */
final class MetricsView extends LabView {

    MetricsView(ViewContext context) {
        super(ViewId.METRICS, context);
    }

    @Override
    protected void snapshot(boolean visible) {
        if (visible || pane.canvas().figure() == null || shown.phase() != TrainingSnapshot.Phase.RUNNING) {
            pane.setFigure(new MetricsFigure(shown));
        }
    }

    @Override
    protected void opened() {
        pane.setFigure(new MetricsFigure(shown));
    }
}
