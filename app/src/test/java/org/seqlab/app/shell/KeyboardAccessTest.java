package org.seqlab.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.app.figures.DecodingFigure;
import org.seqlab.app.figures.HiddenStateFigure;
import org.seqlab.app.lab.LabModel;
import org.seqlab.app.widgets.Describing;
import org.seqlab.app.widgets.FigurePane;
import org.seqlab.app.work.Speech;
import org.seqlab.engine.train.TrainingSnapshot.Phase;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A figure read by keyboard: the arrow keys move a cursor over a heatmap's cells and the decoding bars, the status line
 * and the Describe pane read the cell, and with speech on, a speech command (a stub here) says it.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class KeyboardAccessTest {

    @TempDir
    Path dir;

    LabModel lab;
    MainWindow window;

    @Start
    void start(Stage stage) {
        lab = TestLab.lab();
        window = TestLab.show(stage, lab, 1400, 900);
        window.showLessons(false, false);
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            Speech.ON.set(false);
            Describing.SHOWN.set(false);
        }).get();
        System.clearProperty("seqlab.speech");
        TestLab.close(window, lab);
    }

    private void press(FxRobot robot, KeyCode... keys) {
        robot.press(keys).release(keys);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theArrowKeysReadAHeatmapCellByCellAloudAndTheDecodingBars(FxRobot robot) throws Exception {
        LabFlowTest.await(() -> lab.snapshot().phase() == Phase.PAUSED && !lab.dirtyProperty().get());
        lab.trainUntil(20);
        LabFlowTest.await(() -> lab.snapshot().step() == 20 && lab.snapshot().phase() == Phase.PAUSED && lab.snapshot().inspection().step() == 20);

        LabFlowTest.group(robot, "Recurrent");
        robot.clickOn("#hiddenViewTab");
        FigurePane hidden = TestLab.find(robot, "#hiddenView", FigurePane.class);
        LabFlowTest.await(() -> hidden.canvas().figure() instanceof HiddenStateFigure);
        HiddenStateFigure h = (HiddenStateFigure) hidden.canvas().figure();
        robot.interact(() -> hidden.canvas().requestFocus());

        // the first arrow puts the cursor on the first cell: time 0, unit 0, with the value the figure holds
        press(robot, KeyCode.RIGHT);
        String first = String.format("t = 0 · input '%s' · unit 0 · h = %.4f", h.labels().get(0), h.data().get(0, 0));
        LabFlowTest.await(() -> lab.noticeProperty().get().equals(first));
        press(robot, KeyCode.RIGHT);
        press(robot, KeyCode.DOWN);
        String moved = String.format("t = 1 · input '%s' · unit 1 · h = %.4f", h.labels().get(1), h.data().get(1, 1));
        LabFlowTest.await(() -> lab.noticeProperty().get().equals(moved));
        assertThat(hidden.cursor().place()).containsExactly(1, 1);
        assertThat(lab.snapshot().step()).as("→ on a figure moves its cursor, not training").isEqualTo(20);
        press(robot, KeyCode.END);
        int last = h.data().rows() - 1;
        LabFlowTest.await(() -> lab.noticeProperty().get().startsWith("t = " + last + " ·"));

        // the Describe pane reads the cell under the description
        press(robot, KeyCode.F4);
        press(robot, KeyCode.HOME);
        String home = String.format("t = 0 · input '%s' · unit 1 · h = %.4f", h.labels().get(0), h.data().get(0, 1));
        LabFlowTest.await(() -> hidden.description().getText().endsWith("At the cursor: " + home));

        // speech: F6 turns it on; the cursor's cells go to the speech command (a stub that writes what it is told)
        Path said = dir.resolve("said.txt");
        Path stub = dir.resolve("say");
        Files.writeString(stub, "#!/bin/sh\nprintf '%s\\n' \"$*\" >> '" + said + "'\n");
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        System.setProperty("seqlab.speech", stub.toString());
        press(robot, KeyCode.F6);
        assertThat(Speech.ON.get()).isTrue();
        press(robot, KeyCode.RIGHT);
        String spoken = String.format("t = 1 · input '%s' · unit 1 · h = %.4f", h.labels().get(1), h.data().get(1, 1));
        LabFlowTest.await(() -> Files.exists(said) && Files.readString(said, StandardCharsets.UTF_8).contains(spoken));
        press(robot, KeyCode.F6);
        assertThat(Speech.ON.get()).isFalse();

        // the decoding view keeps → for its steps; Shift and the arrows move the cursor over its bars
        LabFlowTest.group(robot, "Decoding");
        robot.clickOn("#decodingViewTab");
        FigurePane decoding = TestLab.find(robot, "#decodingView", FigurePane.class);
        LabFlowTest.await(() -> decoding.canvas().figure() instanceof DecodingFigure);
        robot.interact(() -> decoding.canvas().requestFocus());
        int step = ((DecodingFigure) decoding.canvas().figure()).step();
        press(robot, KeyCode.RIGHT);
        LabFlowTest.await(() -> ((DecodingFigure) decoding.canvas().figure()).step() == step + 1);
        press(robot, KeyCode.SHIFT, KeyCode.RIGHT);
        LabFlowTest.await(() -> lab.noticeProperty().get().contains("': raw "));
        assertThat(((DecodingFigure) decoding.canvas().figure()).step()).isEqualTo(step + 1);
    }
}
