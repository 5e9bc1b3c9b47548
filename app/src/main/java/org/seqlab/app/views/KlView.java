package org.seqlab.app.views;

import org.seqlab.app.text.Texts;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;
import org.seqlab.app.figures.KlFitFigure;
import org.seqlab.app.figures.ViewId;
import org.seqlab.engine.inspect.KlFit;

/**
 * Forward against reverse KL, animated: both fits are computed exactly on a grid (a few milliseconds, no model
 * involved), and Play walks through their steps. The start can be chosen, since reverse KL has more than one minimum.
 */
final class KlView extends LabView {

    private final Slider step = new Slider(0, KlFit.DEFAULT_STEPS, 0);
    private final ComboBox<KlFitFigure.Start> start = new ComboBox<>();
    private final Button play = new Button(Texts.get("kl.play"));
    private final Timeline timeline = new Timeline();
    private KlFitFigure fits;

    KlView(ViewContext context) {
        super(ViewId.KL, context);
        step.setId("klStep");
        step.setPrefWidth(200);
        step.setBlockIncrement(10);
        step.valueProperty().addListener((o, a, b) -> redraw());
        start.setId("klStart");
        start.getItems().setAll(KlFitFigure.Start.values());
        start.setValue(KlFitFigure.Start.NEAR_RIGHT);
        start.setTooltip(new Tooltip(Texts.get("kl.start.tip")));
        start.valueProperty().addListener((o, a, b) -> refit());
        play.setId("klPlay");
        play.setOnAction(e -> {
            if (timeline.getStatus() == Animation.Status.RUNNING) {
                timeline.stop();
                play.setText(Texts.get("kl.play"));
                return;
            }
            if (step.getValue() >= step.getMax()) {
                step.setValue(0);
            }
            play.setText(Texts.get("kl.pause"));
            timeline.play();
        });
        timeline.getKeyFrames().add(new KeyFrame(Duration.millis(40), e -> {
            step.setValue(Math.min(step.getMax(), step.getValue() + 4));
            if (step.getValue() >= step.getMax()) {
                timeline.stop();
                play.setText(Texts.get("kl.play"));
            }
        }));
        timeline.setCycleCount(Timeline.INDEFINITE);
        Label at = new Label();
        at.textProperty().bind(step.valueProperty().asString(Texts.get("loss.at.step.f")));
        pane.tools(play, new Label(Texts.get("knob.step")), step, at, start);
        refit();
    }

    private void refit() {
        fits = KlFitFigure.of(start.getValue(), 0);
        redraw();
    }

    private void redraw() {
        pane.setFigure(fits.at((int) Math.round(step.getValue())));
    }
}
