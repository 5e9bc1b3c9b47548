package org.seqlab.app.views;

import org.seqlab.app.figures.GradientFlowFigure;
import org.seqlab.app.figures.ViewId;
import org.seqlab.app.text.Texts;

/** The gradient of the inspected input's loss, flowing back through time, for every text model. */
final class GradientView extends LabView {

    GradientView(ViewContext context) {
        super(ViewId.GRADIENT, context);
        pane.hint(Texts.get("gradient.hint"));
    }

    @Override
    protected void inspected() {
        pane.setFigure(GradientFlowFigure.of(shown));
    }
}
