package org.seqlab.app.shell;

import org.seqlab.app.text.Texts;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.seqlab.app.lab.LabModel;
import org.seqlab.engine.train.ModelRun;
import org.seqlab.engine.train.TrainingSnapshot;

/**
 * Shown above the figures while a model has diverged: what happened, in one sentence, and the cure a teacher wants in
 * front of a class — back to the last good weights with a learning rate ten times lower — or dismiss.
 */
final class DivergenceBar extends HBox {

    private final Label text = new Label();
    private String dismissed = "";

    DivergenceBar(LabModel lab) {
        setId("divergenceBar");
        getStyleClass().add("divergence-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(12);
        setPadding(new Insets(6, 10, 6, 10));
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        Button rollBack = new Button(Texts.get("divergence.rollBack"));
        rollBack.setId("rollBack");
        rollBack.setMinWidth(Region.USE_PREF_SIZE);
        rollBack.setOnAction(e -> lab.rollBackDiverged());
        Button dismiss = new Button(Texts.get("divergence.dismiss"));
        dismiss.setMinWidth(Region.USE_PREF_SIZE);
        dismiss.setOnAction(e -> {
            dismissed = text.getText();
            show(false);
        });
        getChildren().addAll(text, rollBack, dismiss);
        show(false);
        lab.snapshotProperty().addListener((o, a, s) -> update(s));
    }

    private void update(TrainingSnapshot s) {
        List<String> messages = s.runs().stream().filter(r -> r.status() == ModelRun.Status.DIVERGED).map(r -> r.message()).toList();
        String now = String.join(" ", messages);
        if (!now.equals(text.getText())) {
            text.setText(now);
        }
        show(!now.isEmpty() && !now.equals(dismissed));
    }

    private void show(boolean on) {
        setVisible(on);
        setManaged(on);
    }
}
