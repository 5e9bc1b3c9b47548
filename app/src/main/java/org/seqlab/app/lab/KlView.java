package org.seqlab.app.lab;

import java.util.function.Consumer;
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
import org.seqlab.app.widgets.FigurePane;
import org.seqlab.engine.inspect.KlFit;

/**
 * Forward against reverse KL, animated: both fits are computed exactly on a grid (a few milliseconds, no model
 * involved), and Play walks through their steps. The start can be chosen, since reverse KL has more than one minimum.
 */
final class KlView {

    static final String NEAR_RIGHT = "start narrow, right of centre";
    static final String WIDE = "start wide, at the centre";
    static final String NEAR_LEFT = "start narrow, left of centre";

    final FigurePane pane;
    private final Slider step = new Slider(0, KlFit.DEFAULT_STEPS, 0);
    private final ComboBox<String> start = new ComboBox<>();
    private final Button play = new Button("Play");
    private final Timeline timeline = new Timeline();
    private KlFit.Fits fits;

    KlView(LabModel lab, Consumer<String> status) {
        pane = new FigurePane("klView", () -> lab.figuresFolderProperty().get(), lab.work(), status);
        step.setId("klStep");
        step.setPrefWidth(200);
        step.setBlockIncrement(10);
        step.valueProperty().addListener((o, a, b) -> redraw());
        start.setId("klStart");
        start.getItems().setAll(NEAR_RIGHT, WIDE, NEAR_LEFT);
        start.setValue(NEAR_RIGHT);
        start.setTooltip(new Tooltip("Where both fits begin: reverse KL settles on the mode nearest a narrow start, and can stay wide from a wide one"));
        start.valueProperty().addListener((o, a, b) -> refit());
        play.setId("klPlay");
        play.setOnAction(e -> {
            if (timeline.getStatus() == Animation.Status.RUNNING) {
                timeline.stop();
                play.setText("Play");
                return;
            }
            if (step.getValue() >= step.getMax()) {
                step.setValue(0);
            }
            play.setText("Pause");
            timeline.play();
        });
        timeline.getKeyFrames().add(new KeyFrame(Duration.millis(40), e -> {
            step.setValue(Math.min(step.getMax(), step.getValue() + 4));
            if (step.getValue() >= step.getMax()) {
                timeline.stop();
                play.setText("Play");
            }
        }));
        timeline.setCycleCount(Timeline.INDEFINITE);
        Label at = new Label();
        at.textProperty().bind(step.valueProperty().asString("step %.0f"));
        pane.tools(play, new Label("step"), step, at, start);
        refit();
    }

    private void refit() {
        double[] s = switch (start.getValue()) {
            case WIDE -> new double[] {0, 2};
            case NEAR_LEFT -> new double[] {-0.5, 0.5};
            default -> new double[] {0.5, 0.5};
        };
        fits = KlFit.fit(KlFit.twoModes(241, 4, 0.6), s[0], s[1], KlFit.DEFAULT_STEPS, 0.1);
        redraw();
    }

    private void redraw() {
        pane.setFigure(new KlFitFigure(fits, (int) Math.round(step.getValue())));
    }
}
