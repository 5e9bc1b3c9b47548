package org.seqlab.app.shell;

import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import org.controlsfx.control.StatusBar;
import org.seqlab.app.lab.LabModel;
import org.seqlab.app.text.EngineWords;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.train.TrainingSnapshot.Phase;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;
import org.seqlab.engine.train.TrainingSnapshot;

/** The status bar's words: one message at a time, each model's speed, and the engine; the whole story in tooltips. */
final class StatusLine {

    private final LabModel lab;
    private final StatusBar status;
    private final Label speed;
    private final Label engine;

    StatusLine(LabModel lab, StatusBar status, Label speed, Label engine) {
        this.lab = lab;
        this.status = status;
        this.speed = speed;
        this.engine = engine;
    }

    void show(TrainingSnapshot s) {
        String notice = lab.noticeProperty().get();
        String phase = switch (s.phase()) {
            case LOADING -> Texts.get("note.loading");
            case FAILED -> EngineWords.of(s.message());
            case IDLE -> Texts.get("status.ready");
            case PAUSED -> Texts.get("status.paused", s.step());
            case RUNNING -> Texts.get("status.running", s.step());
        };
        String message = EngineWords.of(s.message());
        // one message at a time, the newest that matters, so the line is never cut; the whole story in the tooltip
        String text = !notice.isEmpty() ? notice : !message.isEmpty() && s.phase() != Phase.FAILED ? message : phase;
        status.setText(text);
        status.setTooltip(new Tooltip(phase + (message.isEmpty() ? "" : "  " + message)
                + (notice.isEmpty() ? "" : "  " + notice)));
        if (s.phase() == Phase.LOADING) {
            status.setProgress(-1);
        } else if (s.stepLimit() > 0) {
            status.setProgress(Math.min(1, s.step() / (double) s.stepLimit()));
        } else if (lab.applyingProperty().get()) {
            status.setProgress(-1);
        } else {
            status.setProgress(0);
        }
        engine.setText(s.engine() == null ? "" : "ND4J");
        engine.setTooltip(s.engine() == null ? null : new Tooltip(s.engine().describe()));
        StringBuilder sp = new StringBuilder();
        for (RunSnapshot r : s.runs()) {
            if (sp.length() > 0) {
                sp.append(" · ");
            }
            sp.append(String.format(Texts.locale(), "%s %.0f", r.id(), r.stepsPerSecond()));
        }
        speed.setText(sp.length() == 0 ? "" : Texts.get("status.speed", sp.toString()));
    }
}
