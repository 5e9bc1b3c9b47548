package org.seqlab.app.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqlab.app.shell.LabFlowTest.await;

import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.seqlab.app.figures.HiddenStateFigure;
import org.seqlab.app.lab.LabModel;
import org.seqlab.engine.train.TrainingSnapshot.Phase;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Training wound back and forward with the slider under the loss chart, the views following the checkpoint's models. */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class ScrubberTest {

    LabModel lab;
    MainWindow window;

    @Start
    void start(Stage stage) {
        lab = TestLab.lab();
        window = TestLab.show(stage, lab, 1400, 900);
    }

    @AfterEach
    void stop() {
        TestLab.close(window, lab);
    }

    @Test
    void theSliderTakesTheViewsBackToACheckpointAndTrainingGoesOnFromNow(FxRobot robot) throws Exception {
        await(() -> lab.snapshot().phase() == Phase.PAUSED && !lab.dirtyProperty().get() && lab.snapshot().inspection() != null);
        robot.interact(() -> lab.trainUntil(30));
        await(() -> lab.snapshot().step() == 30 && lab.snapshot().phase() == Phase.PAUSED);
        assertThat(lab.snapshot().timeline().steps()).containsExactly(0, 5, 10, 15, 20, 25, 30);
        Slider slider = TestLab.find(robot, "#scrubberSlider", Slider.class);
        Label where = TestLab.find(robot, "#scrubberLabel", Label.class);
        await(() -> slider.getMax() == 7 && slider.getValue() == 7);   // the right end: now
        assertThat(where.getText()).isEqualTo("now · step 30");
        robot.interact(() -> window.showView("hidden"));
        var before = lab.snapshot().inspection().traces().get("A");

        // back to step 10, as the keyboard moves it: the views show the models of step 10
        robot.interact(() -> {
            slider.requestFocus();
            slider.setValue(2);
        });
        await(() -> lab.snapshot().timeline().viewing() == 10 && lab.snapshot().inspection() != null);
        await(() -> where.getText().equals("step 10 of 30 · Train goes on from 30"));
        var back = lab.snapshot().inspection().traces().get("A");
        var hidden = new org.seqlab.engine.model.Probe.Hidden(0);
        assertThat(back.get(hidden).data()).isNotEqualTo(before.get(hidden).data());
        // the view says which step it shows
        await(() -> window.views().selectedPane().canvas().figure() instanceof HiddenStateFigure h && h.title().endsWith("step 10"));
        assertThat(lab.snapshot().step()).isEqualTo(30);

        // training goes on from now, not from the checkpoint
        robot.interact(lab::toggleTraining);
        await(() -> lab.snapshot().step() > 31);
        robot.interact(lab::toggleTraining);
        await(() -> lab.snapshot().phase() == Phase.PAUSED);
        assertThat(lab.snapshot().timeline().scrubbed()).isFalse();
        await(() -> slider.getValue() == slider.getMax());
    }
}
