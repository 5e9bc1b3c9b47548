package org.seqlab.app.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqlab.app.shell.LabFlowTest.await;
import static org.seqlab.app.shell.LabFlowTest.choose;
import static org.seqlab.app.shell.LabFlowTest.combo;
import static org.seqlab.app.shell.LabFlowTest.group;

import javafx.scene.Node;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.seqlab.app.figures.DecodingFigure;
import org.seqlab.app.lab.LabModel;
import org.seqlab.app.widgets.FigurePane;
import org.seqlab.engine.train.TrainingSnapshot.Phase;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The lessons beside the lab at 1024×768 leave a view too little height for its toolbar's rows and a figure: the
 * controls fold behind one button, open in a pop-over that works as the toolbar did, and come back when there is room.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class FoldedControlsTest {

    LabModel lab;
    MainWindow window;

    @Start
    void start(Stage stage) {
        lab = TestLab.lab();
        window = TestLab.show(stage, lab, 1024, 768);
    }

    @AfterEach
    void stop() {
        TestLab.close(window, lab);
    }

    @Test
    void theDecodingControlsFoldBesideTheReaderAndStillWork(FxRobot robot) throws Exception {
        await(() -> lab.snapshot().phase() == Phase.PAUSED && !lab.dirtyProperty().get());
        robot.interact(() -> {
            window.showSettings(false);
            window.showLessons(true);
        });
        group(robot, "Decoding");
        robot.clickOn("#decodingViewTab");
        FigurePane decoding = TestLab.find(robot, "#decodingView", FigurePane.class);
        await(() -> decoding.canvas().figure() instanceof DecodingFigure);

        // folded: one button where four rows of controls were, and the figure keeps the height they took
        await(decoding::folded);
        ToggleButton controls = TestLab.find(robot, "#decodingView-controls", ToggleButton.class);
        assertThat(inWindow(robot, "#decodeStrategy", window)).isFalse();
        double folded = decoding.canvas().getHeight();

        // the pop-over holds the same controls, and they drive the figure
        robot.clickOn(controls);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(controls.isSelected()).isTrue();
        choose(robot, combo(robot, "#decodeStrategy"), "Top-k");
        await(() -> decoding.canvas().figure().title().contains("top-k k=5"));
        robot.type(KeyCode.ESCAPE);
        await(() -> !controls.isSelected());
        robot.clickOn(controls);   // and the button opens and closes them
        await(controls::isSelected);
        robot.clickOn(controls);
        await(() -> !controls.isSelected());

        // the reader closed, the view has room again: the toolbar is back in the window, the button gone
        robot.interact(() -> window.showLessons(false));
        await(() -> !decoding.folded());
        assertThat(inWindow(robot, "#decodeStrategy", window)).isTrue();
        assertThat(controls.getScene()).isNull();
        assertThat(combo(robot, "#decodeStrategy").getValue()).isEqualTo(org.seqlab.engine.sample.Strategy.TOP_K);
        assertThat(folded).isGreaterThan(0);
    }

    /** Whether the node is laid out in the lab's own window (not in a pop-over). */
    private static boolean inWindow(FxRobot robot, String query, MainWindow window) {
        return robot.lookup(query).tryQuery().map(Node::getScene).filter(s -> s == window.getScene()).isPresent();
    }
}
