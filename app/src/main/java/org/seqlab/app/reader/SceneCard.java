package org.seqlab.app.reader;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.seqlab.app.lessons.Scene;
import org.seqlab.app.work.Background;

/** A scene in a lesson: what it sets up, and the button that does it. */
final class SceneCard extends VBox {

    private final Button button;
    private final Label state = new Label();

    SceneCard(Scene scene, SceneRunner runner, Background work, String id) {
        super(6);
        getStyleClass().add("lesson-scene");
        Label what = new Label(scene.summary());
        what.getStyleClass().add("lesson-scene-summary");
        what.setWrapText(true);
        button = new Button(scene.label(), new FontIcon("mdi2f-flask-outline"));
        button.setId(id);
        button.getStyleClass().add("accent");
        button.setTooltip(new Tooltip("Sets the lab up exactly as this step says (the current models are replaced; Ctrl+Z undoes)"));
        button.setWrapText(true);
        button.setMaxWidth(Double.MAX_VALUE);
        state.getStyleClass().add("lesson-scene-state");
        state.setWrapText(true);
        state.setId(id + "-state");
        button.setOnAction(e -> {
            button.setDisable(true);
            state.setText("Setting up…");
            work.await("Setting up the lab", p -> runner.run(scene, msg -> work.ui(() -> state.setText(msg))), v -> {
                button.setDisable(false);
                state.getStyleClass().remove("lesson-wrong");
                state.setText(scene.keepsModels() ? (scene.train() > 0 ? "✓ Trained " + scene.train() + " more steps." : "✓ Done.")
                        : "✓ The lab is set up" + (scene.train() > 0 ? " and trained " + scene.train() + " steps." : "."));
            }, ex -> {
                button.setDisable(false);
                state.setText("Could not set up the lab: " + org.seqlab.app.lab.Failure.reason(ex));
                state.getStyleClass().add("lesson-wrong");
            });
        });
        getChildren().addAll(what, button, state);
    }

    Button button() {
        return button;
    }
}
