package org.seqlab.app.views;

import org.seqlab.app.text.Texts;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.seqlab.app.lab.LabModel;
import org.seqlab.engine.train.TrainingSnapshot;

/**
 * Training as a film that can be wound back: a slider over the checkpoints the session keeps (dense early, sparse
 * later), its right end "now". Moving it pauses training and puts every model's weights of that step into the views
 * (the attention maps, gates, gradient flow, receptive fields; decoding when it is asked again); Train goes on from now.
 */
final class Scrubber extends HBox {

    private final Slider slider = new Slider(0, 1, 1);
    private final Label where = new Label();
    private int[] steps = new int[0];
    private boolean updating;

    Scrubber(LabModel lab) {
        super(8);
        setId("scrubber");
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(2, 8, 4, 8));
        Label title = new Label(Texts.get("scrubber.title"));
        title.setMinWidth(USE_PREF_SIZE);
        slider.setId("scrubberSlider");
        slider.setMajorTickUnit(1);
        slider.setMinorTickCount(0);
        slider.setSnapToTicks(true);
        slider.setBlockIncrement(1);
        slider.setShowTickMarks(true);
        slider.setTooltip(new Tooltip(Texts.get("scrubber.tip")));
        HBox.setHgrow(slider, Priority.ALWAYS);
        where.setId("scrubberLabel");
        where.setMinWidth(USE_PREF_SIZE);
        getChildren().addAll(title, slider, where);
        slider.valueProperty().addListener((o, a, b) -> {
            int i = (int) Math.round(b.doubleValue());
            if (updating || slider.isValueChanging() || i == index(lab.snapshot())) {
                return;
            }
            lab.scrubTo(i >= steps.length ? -1 : steps[i]);
        });
        slider.valueChangingProperty().addListener((o, was, now) -> {
            if (!now) {
                int i = (int) Math.round(slider.getValue());
                lab.scrubTo(i >= steps.length ? -1 : steps[i]);
            }
        });
        lab.snapshotProperty().addListener((o, a, s) -> show(s));
        show(lab.snapshot());
    }

    /** The slider's position for a snapshot: its checkpoint's index, or the right end for now. */
    private int index(TrainingSnapshot s) {
        int viewing = s.timeline().viewing();
        for (int i = 0; i < steps.length; i++) {
            if (steps[i] == viewing) {
                return i;
            }
        }
        return steps.length;
    }

    private void show(TrainingSnapshot s) {
        updating = true;
        try {
            steps = s.timeline().steps();
            slider.setMax(Math.max(1, steps.length));
            if (!slider.isValueChanging()) {
                slider.setValue(index(s));
            }
            setDisable(steps.length < 2 && !s.timeline().scrubbed());
            where.setText(s.timeline().scrubbed() ? Texts.get("scrubber.viewing", s.timeline().viewing(), s.step())
                    : Texts.get("scrubber.now", s.step()));
        } finally {
            updating = false;
        }
    }
}
