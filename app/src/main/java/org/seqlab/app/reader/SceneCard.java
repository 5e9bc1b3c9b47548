package org.seqlab.app.reader;

import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.seqlab.app.figures.PointHistoryFigure;
import org.seqlab.app.lessons.Scene;
import org.seqlab.app.text.Texts;
import org.seqlab.app.widgets.FigureCanvas;
import org.seqlab.app.work.Background;
import org.seqlab.app.work.Failure;

/** A scene in a lesson: what it sets up, and the button that does it. */
final class SceneCard extends VBox {

    private final Button button;
    private final Label state = new Label();
    /** Whether the scene's point was made, measured once it has trained. */
    private final Label point = new Label();
    /** The point's measurements over training. */
    private final FigureCanvas history = new FigureCanvas();

    /** @param ran told each time the scene has run: whether its point was made (null when it states none) */
    SceneCard(Scene scene, SceneRunner runner, Background work, String id, Consumer<Boolean> ran) {
        super(6);
        getStyleClass().add("lesson-scene");
        Label what = new Label(scene.summary());
        what.getStyleClass().add("lesson-scene-summary");
        what.setWrapText(true);
        button = new Button(scene.label(), new FontIcon("mdi2f-flask-outline"));
        button.setId(id);
        button.getStyleClass().add("accent");
        button.setTooltip(new Tooltip(Texts.get("scene.tip")));
        button.setWrapText(true);
        button.setMaxWidth(Double.MAX_VALUE);
        state.getStyleClass().add("lesson-scene-state");
        state.setWrapText(true);
        state.setId(id + "-state");
        point.getStyleClass().add("lesson-scene-state");
        point.setWrapText(true);
        point.setId(id + "-point");
        point.managedProperty().bind(point.textProperty().isNotEmpty());
        button.setOnAction(e -> {
            button.setDisable(true);
            state.setText(Texts.get("scene.settingUp"));
            point.setText("");
            history.setVisible(false);
            work.await(scene.label() != null ? scene.label() : Texts.get("scene.job"), p -> runner.run(scene, msg -> work.ui(() -> state.setText(msg))), measured -> {
                var verdict = measured == null ? null : measured.verdict();
                ran.accept(verdict == null ? null : verdict.met());
                button.setDisable(false);
                state.getStyleClass().remove("lesson-wrong");
                String done = scene.keepsModels() ? (scene.train() > 0 ? Texts.get("scene.trainedMore", scene.train()) : Texts.get("scene.done"))
                        : scene.train() > 0 ? Texts.get("scene.setUpTrained", scene.train()) : Texts.get("scene.setUp");
                // the scene's point, measured on the models it trained: made, or not yet (and what it needs)
                state.setText(done);
                point.setText(verdict == null ? "" : Verdicts.shown(verdict, verdict.says()));
                point.getStyleClass().removeAll("lesson-right", "lesson-wrong");
                if (verdict != null) {
                    point.getStyleClass().add(verdict.met() ? "lesson-right" : "lesson-wrong");
                    // when, during training, the point was made: every measurement at every checkpoint
                    history.setFigure(new PointHistoryFigure(measured.history()));
                    double tall = PointHistoryFigure.height(measured.history().values().size(), history.figureStyle());
                    history.setMinHeight(tall);
                    history.setPrefHeight(tall);
                    history.setVisible(true);
                }
            }, ex -> {
                button.setDisable(false);
                state.setText(Texts.get("scene.failed", Failure.reason(ex)));
                state.getStyleClass().add("lesson-wrong");
            });
        });
        if (scene.point() != null) {
            what.setText(scene.summary() + "\n" + Texts.get("scene.shows", scene.point().says()));
        }
        history.setId(id + "-history");
        history.setVisible(false);
        history.managedProperty().bind(history.visibleProperty());
        getChildren().addAll(what, button, state, point, history);
    }

    Button button() {
        return button;
    }
}
