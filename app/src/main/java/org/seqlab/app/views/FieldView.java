package org.seqlab.app.views;

import org.seqlab.app.figures.PixelFieldFigure;
import org.seqlab.app.figures.ViewId;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.data.ImageShape;

/** Every PixelCNN's receptive field of the inspected pixel, layer by layer; a click on a map picks the pixel. */
final class FieldView extends LabView {

    FieldView(ViewContext context) {
        super(ViewId.FIELD, context);
        pane.hint(Texts.get("field.hint"));
        pane.canvas().setOnMouseClicked(e -> {
            if (pane.canvas().figure() instanceof PixelFieldFigure f) {
                int p = f.pixelAt(e.getX(), e.getY(), pane.canvas().viewWidth(), pane.canvas().viewHeight(), pane.canvas().figureStyle());
                if (p >= 0) {
                    lab.tasks().inspectAt(p);
                }
            }
        });
    }

    /** An image starts inspected at its centre pixel (the last one, the default for text, sees the whole image). */
    @Override
    protected void runsChanged() {
        ImageShape shape = shown.data() == null ? null : shown.data().image();
        if (shape != null && (shown.inspection() == null || shown.inspection().position() < 0)) {
            lab.tasks().inspectAt((shape.height() / 2) * shape.width() + shape.width() / 2);
        }
    }

    @Override
    protected void inspected() {
        pane.setFigure(PixelFieldFigure.of(shown));
    }
}
