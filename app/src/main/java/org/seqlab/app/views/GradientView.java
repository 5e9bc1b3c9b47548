package org.seqlab.app.views;

import org.seqlab.app.figures.GradientFlowFigure;
import org.seqlab.app.figures.ViewId;

/** The gradient of the inspected input's loss, flowing back through time, for every text model. */
final class GradientView extends LabView {

    GradientView(ViewContext context) {
        super(ViewId.GRADIENT, context);
        pane.hint("recurrent: top layer's hₜ; Transformer: its input xₜ (embedding + position); each curve relative to its value at T");
    }

    @Override
    protected void inspected() {
        pane.setFigure(GradientFlowFigure.of(shown));
    }
}
