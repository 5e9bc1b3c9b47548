package org.seqlab.app.views;

import org.seqlab.app.text.EngineNames;
import org.seqlab.app.text.Texts;
import java.util.Arrays;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.seqlab.app.figures.Figure;
import org.seqlab.app.figures.ImagePainter;
import org.seqlab.app.figures.PixelDrawingFigure;
import org.seqlab.app.figures.ViewId;
import org.seqlab.app.work.Failure;
import org.seqlab.engine.data.ImageShape;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;

/** A PixelCNN drawing a digit pixel by pixel (or completing the inspected one's lower half), played back at a chosen speed. */
final class DrawingView extends LabView {

    private final ComboBox<RunChoice> run = Choices.run("drawRun");
    private final Slider speed = new Slider(10, 400, 120);
    private final Timeline animation = new Timeline();

    DrawingView(ViewContext context) {
        super(ViewId.DRAWING, context);
        Button sample = new Button(Texts.get("drawing.sample"), new FontIcon("mdi2d-draw"));
        sample.setId("drawSample");
        sample.setTooltip(new Tooltip(Texts.get("drawing.sample.tip")));
        sample.setOnAction(e -> draw(false));
        Button complete = new Button(Texts.get("drawing.complete"), new FontIcon("mdi2i-image-filter-center-focus"));
        complete.setId("drawComplete");
        complete.setTooltip(new Tooltip(Texts.get("drawing.complete.tip")));
        complete.setOnAction(e -> draw(true));
        speed.setPrefWidth(140);
        pane.tools(new Label(Texts.get("knob.model")), run, sample, complete, new Label(Texts.get("drawing.speed")), speed);
        pane.setFigure(Figure.empty("pixel-sampling", Texts.get("title.drawing"), Texts.get("drawing.empty")));
        animation.setCycleCount(Animation.INDEFINITE);
    }

    @Override
    protected void runsChanged() {
        Choices.keep(run, choices());
    }

    /** Opened with nothing drawn yet: draw a digit at once. */
    @Override
    protected void opened() {
        if (pane.canvas().figure() != null && pane.canvas().figure().placeholder() && shown.data() != null && shown.data().image() != null) {
            draw(false);
        }
    }

    /** Draws on the engine thread, then plays the drawing back at the chosen speed. */
    private void draw(boolean complete) {
        RunSnapshot r = selected(run);
        if (r == null || shown.data() == null || shown.data().image() == null) {
            status(Texts.get("drawing.needs"));
            return;
        }
        ImageShape shape = shown.data().image();
        String text = shown.inspection() == null ? "" : shown.inspection().text();
        int[] original = complete && text.length() == shape.pixels() ? ImagePainter.pixels(text) : null;
        if (complete && original == null) {
            status(Texts.get("drawing.pick"));
            return;
        }
        int[] prefix = complete ? Arrays.copyOf(original, shape.pixels() / 2) : new int[0];
        long seed = System.nanoTime();
        status(Texts.get("drawing.busy"));
        lab.work().await(Texts.get("job.drawing"), progress -> lab.tasks().draw(r.id(), prefix, 1.0, seed), d -> {
            status("");
            play(new PixelDrawingFigure(EngineNames.model(r.label()), d, original, d.given()));
        }, ex -> status(Texts.get("drawing.failed", Failure.reason(ex))));
    }

    private void play(PixelDrawingFigure start) {
        animation.stop();
        pane.setFigure(start);
        animation.getKeyFrames().setAll(new KeyFrame(Duration.millis(1000.0 / 60), e -> {
            if (!(pane.canvas().figure() instanceof PixelDrawingFigure f)) {
                animation.stop();
                return;
            }
            int next = Math.min(f.drawing().pixels().length, f.shown() + Math.max(1, (int) Math.round(speed.getValue() / 60)));
            pane.setFigure(f.at(next));
            if (next >= f.drawing().pixels().length) {
                animation.stop();
            }
        }));
        animation.play();
    }
}
