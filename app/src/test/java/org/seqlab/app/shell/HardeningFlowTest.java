package org.seqlab.app.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqlab.app.shell.LabFlowTest.await;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.app.lab.LabModel;
import org.seqlab.app.lab.RunSettings;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.train.ModelRun;
import org.seqlab.engine.train.TrainingSnapshot.Phase;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The lab meets bad input and keeps the user's work: a model too large, a diverging run, a damaged saved run. */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class HardeningFlowTest {

    @TempDir
    Path dir;

    LabModel lab;
    MainWindow window;

    @Start
    void start(Stage stage) {
        lab = TestLab.lab();
        window = TestLab.show(stage, lab, 1280, 720);
    }

    @AfterEach
    void stop() {
        TestLab.close(window, lab);
    }

    void ready() throws Exception {
        await(() -> lab.snapshot().phase() == Phase.PAUSED && !lab.dirtyProperty().get() && lab.snapshot().runs().size() == 2);
    }

    @Test
    void aModelTooLargeIsRefusedWithBothNumbersAndTheModelsStay(FxRobot robot) throws Exception {
        ready();
        robot.interact(() -> {
            lab.runs.get(0).hidden.set(4096);
            lab.runs.get(0).layers.set(16);
            lab.apply();
        });
        await(() -> lab.settingsErrorProperty().get().contains("needs about"));
        assertThat(lab.settingsErrorProperty().get()).contains("Model A").contains("this machine allows");
        assertThat(lab.snapshot().runs()).extracting(r -> r.config().model().hidden()).containsExactly(64, 64);   // the old models stay
    }

    @Test
    void aDivergingModelIsRolledBackWithALowerLearningRateFromTheBar(FxRobot robot) throws Exception {
        ready();
        robot.interact(() -> {
            RunSettings t = new RunSettings(Family.TRANSFORMER);
            t.learningRate.set(10);
            t.clip.set(false);
            lab.runs.setAll(t);
            lab.apply().thenRun(() -> lab.toggleTraining());
        });
        await(() -> lab.snapshot().runs().size() == 1 && lab.snapshot().runs().get(0).status() == ModelRun.Status.DIVERGED
                && lab.snapshot().phase() == Phase.PAUSED);
        await(() -> robot.lookup("#divergenceBar").query().isVisible());
        assertThat(robot.lookup("#divergenceBar .label").queryLabeled().getText()).contains("diverged at step").contains("last good");

        robot.clickOn("#rollBack");
        await(() -> lab.snapshot().runs().get(0).status() == ModelRun.Status.OK);
        assertThat(lab.snapshot().runs().get(0).config().optimizer().learningRate()).isEqualTo(1.0);
        assertThat(lab.snapshot().message()).contains("Rolled back to the last good weights");
        await(() -> !robot.lookup("#divergenceBar").query().isVisible());
    }

    @Test
    void aDamagedRunIsRefusedWithTheReasonAndTheLabStaysAsItWas(FxRobot robot) throws Exception {
        ready();
        Path run = Files.write(dir.resolve("broken.seqrun"), "not a zip at all".getBytes());
        robot.interact(() -> lab.openRun(run));
        await(() -> lab.noticeProperty().get().startsWith("Could not open the run"));
        assertThat(lab.noticeProperty().get()).contains("broken.seqrun is not a saved SeqLab run (not a zip archive)");
        assertThat(lab.snapshot().runs()).hasSize(2);
    }
}
