package org.seqlab.app.lab;

import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import org.seqlab.app.text.Texts;
import org.kordamp.ikonli.javafx.FontIcon;
import org.seqlab.engine.train.TrainingSnapshot.Phase;

/** Train (or Pause), Step, Reset and Undo: always in view above the lab, whether the settings are shown or not. */
public final class Transport extends HBox {

    public Transport(LabModel lab) {
        super(6);
        setId("transport");
        setAlignment(Pos.CENTER_LEFT);
        Button train = new Button(Texts.get("transport.train"), new FontIcon("mdi2p-play"));
        train.setId("trainButton");
        train.setTooltip(new Tooltip(Texts.get("transport.train.tip")));
        train.setOnAction(e -> lab.toggleTraining());
        train.getStyleClass().add("accent");
        Button step = new Button(Texts.get("transport.step"), new FontIcon("mdi2s-step-forward"));
        step.setId("stepButton");
        step.setTooltip(new Tooltip(Texts.get("transport.step.tip")));
        step.setOnAction(e -> lab.step());
        Button reset = new Button(Texts.get("transport.reset"), new FontIcon("mdi2r-restore"));
        reset.setId("resetButton");
        reset.setTooltip(new Tooltip(Texts.get("transport.reset.tip")));
        reset.setOnAction(e -> lab.reset());
        Button undo = new Button(Texts.get("transport.undo"), new FontIcon("mdi2u-undo"));
        undo.setId("undoButton");
        undo.setTooltip(new Tooltip(Texts.get("transport.undo.tip")));
        undo.setOnAction(e -> lab.undo());
        for (Button b : List.of(train, step, reset, undo)) {
            b.setMinWidth(Region.USE_PREF_SIZE);   // never "…"
            b.setDisable(true);
        }
        getChildren().addAll(train, step, reset, undo);
        lab.snapshotProperty().addListener((o, a, s) -> {
            train.setText(Texts.get(s.phase() == Phase.RUNNING ? "transport.pause" : "transport.train"));
            ((FontIcon) train.getGraphic()).setIconLiteral(s.phase() == Phase.RUNNING ? "mdi2p-pause" : "mdi2p-play");
            boolean ready = s.phase() == Phase.PAUSED || s.phase() == Phase.RUNNING;
            train.setDisable(!ready && !(s.phase() == Phase.IDLE));
            step.setDisable(!ready);
            reset.setDisable(!ready);
            undo.setDisable(!s.canUndo());
        });
    }
}
