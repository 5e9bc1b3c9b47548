package org.seqlab.app.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqlab.app.shell.LabFlowTest.await;

import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.seqlab.app.lab.LabModel;
import org.seqlab.app.lessons.Demos;
import org.seqlab.app.views.LabViews;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.train.TrainingSnapshot.Phase;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The first minute: the start board's demo sets the lab up, shows its view and trains at once; the board goes. */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class StartBoardTest {

    LabModel lab;
    MainWindow window;

    @Start
    void start(Stage stage) {
        lab = TestLab.lab();
        window = TestLab.show(stage, lab, 1280, 720);
        window.showStartBoard(true);
    }

    @AfterEach
    void stop() {
        TestLab.close(window, lab);
    }

    @Test
    void aDemoSetsUpTheLabShowsItsViewAndTrains(FxRobot robot) throws Exception {
        assertThat(Demos.scenes()).hasSize(Demos.DEMOS.size());   // every demo is a valid scene
        await(() -> lab.snapshot().phase() == Phase.PAUSED);
        robot.clickOn("#demo2");   // see the gradient vanish
        assertThat(window.startBoardShown()).isFalse();
        await(() -> lab.snapshot().runs().size() == 2 && lab.snapshot().runs().get(0).config().model().family() == Family.RNN
                && lab.snapshot().runs().get(1).config().model().family() == Family.LSTM && lab.snapshot().step() > 0);
        await(() -> LabViews.view(window.views().tabs().getSelectionModel().getSelectedItem()).id().equals("gradient"));
        assertThat(lab.snapshot().data().name()).isEqualTo("synthetic:recall");
    }

    /**
     * Switching demos resets what the previous one set: text picked and typed into the Inspect field on one demo's data
     * does not follow into the next demo, whose own input is inspected from its first step.
     */
    @Test
    void aDemoInspectsItsOwnInputWhateverThePreviousOneLeftInTheField(FxRobot robot) throws Exception {
        await(() -> lab.snapshot().phase() == Phase.PAUSED);
        robot.clickOn("#demo1");   // attention, on synthetic:repeat
        await(() -> lab.snapshot().data() != null && lab.snapshot().data().name().equals("synthetic:repeat") && lab.snapshot().step() > 0);
        @SuppressWarnings("unchecked")
        ComboBox<String> field = TestLab.find(robot, "#inspectInput", ComboBox.class);
        await(() -> field.getItems().size() > 1);
        robot.interact(() -> field.setValue(field.getItems().get(1)));            // picked from the list
        robot.clickOn(field.getEditor()).write("hh");                            // and typed into, not yet applied
        robot.interact(() -> window.showStartBoard(true));
        robot.clickOn("#demo2");   // the gradient, on synthetic:recall
        await(() -> lab.snapshot().data().name().equals("synthetic:recall") && lab.snapshot().step() > 0 && lab.snapshot().inspection() != null
                && lab.snapshot().inspection().text().equals("c...............?c"));
        robot.sleep(400);          // longer than the field waits after a key before it applies what was typed
        assertThat(lab.inspectTextProperty().get()).isEqualTo("c...............?c");
        assertThat(field.getEditor().getText()).isEqualTo("c...............?c");
        await(() -> lab.snapshot().inspection().text().equals("c...............?c"));
        assertThat(lab.snapshot().inspection().error()).isEmpty();
    }

    @Test
    void escapeClosesTheBoard(FxRobot robot) {
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        assertThat(window.startBoardShown()).isFalse();
    }
}
