package org.seqlab.app.lab;

import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;
import org.seqlab.engine.train.TrainingSnapshot.Phase;

/** Train (or Pause), Step, Reset and Undo: always in view above the lab, whether the settings are shown or not. */
public final class Transport extends HBox {

    public Transport(LabModel lab) {
        super(6);
        setId("transport");
        setAlignment(Pos.CENTER_LEFT);
        Button train = new Button("Train", new FontIcon("mdi2p-play"));
        train.setId("trainButton");
        train.setTooltip(new Tooltip("Train or pause (Space)"));
        train.setOnAction(e -> lab.toggleTraining());
        train.getStyleClass().add("accent");
        Button step = new Button("Step", new FontIcon("mdi2s-step-forward"));
        step.setId("stepButton");
        step.setTooltip(new Tooltip("Exactly one training step (S or →)"));
        step.setOnAction(e -> lab.step());
        Button reset = new Button("Reset", new FontIcon("mdi2r-restore"));
        reset.setId("resetButton");
        reset.setTooltip(new Tooltip("New weights from the seed, history cleared (Ctrl+R; undo with Ctrl+Z)"));
        reset.setOnAction(e -> lab.reset());
        Button undo = new Button("Undo", new FontIcon("mdi2u-undo"));
        undo.setId("undoButton");
        undo.setTooltip(new Tooltip("Bring back the models a Reset or Apply replaced (Ctrl+Z)"));
        undo.setOnAction(e -> lab.undo());
        for (Button b : List.of(train, step, reset, undo)) {
            b.setMinWidth(Region.USE_PREF_SIZE);   // never "…"
            b.setDisable(true);
        }
        getChildren().addAll(train, step, reset, undo);
        lab.snapshotProperty().addListener((o, a, s) -> {
            train.setText(s.phase() == Phase.RUNNING ? "Pause" : "Train");
            ((FontIcon) train.getGraphic()).setIconLiteral(s.phase() == Phase.RUNNING ? "mdi2p-pause" : "mdi2p-play");
            boolean ready = s.phase() == Phase.PAUSED || s.phase() == Phase.RUNNING;
            train.setDisable(!ready && !(s.phase() == Phase.IDLE));
            step.setDisable(!ready);
            reset.setDisable(!ready);
            undo.setDisable(!s.canUndo());
        });
    }
}
