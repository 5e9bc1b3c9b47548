package org.seqlab.app.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqlab.app.shell.LabFlowTest.await;

import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.seqlab.app.figures.Style;
import org.seqlab.app.lab.LabModel;
import org.seqlab.engine.train.TrainingSnapshot.Phase;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Presentation mode from the keyboard: large type, high contrast, the shortcut overlay, and the lab driven by keys. */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class PresentationTest {

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
    void f5PresentsAndTheKeysDriveTheLab(FxRobot robot) throws Exception {
        await(() -> lab.snapshot().phase() == Phase.PAUSED && !lab.dirtyProperty().get());
        org.seqlab.app.widgets.FigureCanvas canvas = window.views().panes().get(0).canvas();
        assertThat(canvas.figureStyle()).isEqualTo(Style.NORMAL);
        robot.clickOn(window.views().tabs()).type(KeyCode.F5);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.presenting()).isTrue();
        // the type follows the screen: 1.5 times at 1280×720, more on a larger one
        Style presenting = Style.presenting(window.getScene().getWidth(), window.getScene().getHeight());
        assertThat(window.views().panes()).allSatisfy(p -> assertThat(p.canvas().figureStyle()).isEqualTo(presenting));
        assertThat(canvas.figureStyle().typeScale()).isGreaterThanOrEqualTo(1.5)
                .isEqualTo(1.5 * Math.floor(8 * Math.max(1, Math.min(window.getScene().getWidth() / 1280, window.getScene().getHeight() / 720))) / 8);
        assertThat(canvas.figureStyle().ink()).isEqualTo(java.awt.Color.BLACK).isNotEqualTo(Style.NORMAL.ink());
        assertThat(window.getScene().getStylesheets()).anySatisfy(s -> assertThat(s).endsWith("presentation.css"));
        assertThat(window.getRight()).as("the settings make room").isNull();
        assertThat(window.menuBar().isVisible()).as("the menus make room too").isFalse();
        assertThat(window.shortcutsShown()).as("no list of keys over the figure the class came to see").isFalse();
        assertThat(lab.noticeProperty().get()).as("the status line names the keys instead").contains("F1 lists the keys");

        // the keys: ] moves to the next view, S steps, Space trains and pauses
        String before = window.views().tabs().getSelectionModel().getSelectedItem().getId();
        robot.clickOn(window.views().tabs()).type(KeyCode.CLOSE_BRACKET);
        assertThat(window.views().tabs().getSelectionModel().getSelectedItem().getId()).isNotEqualTo(before);
        // the hidden menus' shortcuts still work: Ctrl+1 opens the Training group
        robot.interact(() -> window.views().selectGroup(org.seqlab.app.figures.ViewId.Group.DECODING));
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT1).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.views().group()).isEqualTo(org.seqlab.app.figures.ViewId.Group.TRAINING);
        robot.type(KeyCode.S);
        await(() -> lab.snapshot().step() == 1);
        robot.type(KeyCode.SPACE);
        await(() -> lab.snapshot().phase() == Phase.RUNNING);
        robot.type(KeyCode.SPACE);
        await(() -> lab.snapshot().phase() == Phase.PAUSED);

        robot.type(KeyCode.ESCAPE);   // Esc leaves presentation mode
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.presenting()).isFalse();
        assertThat(window.views().panes()).allSatisfy(p -> assertThat(p.canvas().figureStyle()).isEqualTo(Style.NORMAL));
        assertThat(window.getRight()).isNotNull();
        assertThat(window.menuBar().isVisible()).isTrue();
        assertThat(window.getScene().getStylesheets()).noneSatisfy(s -> assertThat(s).endsWith("presentation.css"));
    }
}
