package org.seqlab.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.app.Main;
import org.seqlab.app.lab.LabModel;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.train.TrainingSnapshot.Phase;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Starting the lab on a saved run, as a double click on a .seqrun does through the installed menu entry
 * ({@code SeqLab RUN}): the run opens instead of the default models, and a file that will not open leaves the
 * default lab and says why.
 */
@Tag("ui")
class StartWithRunTest {

    @TempDir
    static Path dir;

    static Path run;

    @BeforeAll
    static void saveARunFromTheCommandLine() {
        run = dir.resolve("reber.seqrun");
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"train", "--data", "synthetic:reber", "--model", "rnn", "--hidden", "16", "--steps", "40",
                "--seq", "16", "--batch", "8", "--save", run.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
    }

    static void await(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, condition);   // a hang guard, not a speed test: a busy machine may take minutes
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The lab as SeqLabApp.start builds it for {@code SeqLab FILE --train 5}. (TestFX finds @Start only in the test class itself.) */
    abstract static class StartedWith {
        LabModel lab;
        MainWindow window;

        void startWith(Stage stage, Path file) {
            lab = TestLab.lab();
            lab.setStartRun(file);
            lab.setStartTraining(5);
            window = TestLab.show(stage, lab, 1400, 900);
        }

        @AfterEach
        void stop() {
            TestLab.close(window, lab);
        }
    }

    @Nested
    @ExtendWith(ApplicationExtension.class)
    class ASavedRun extends StartedWith {
        @Start
        void start(Stage stage) {
            startWith(stage, run);
        }

        @Test
        void opensInsteadOfTheDefaultModelsAndTrainsOnFromWhereItStopped() throws Exception {
            // --train 5 with a run means five more steps: 40 saved + 5
            await(() -> lab.snapshot().step() == 45 && lab.snapshot().phase() == Phase.PAUSED);
            assertThat(lab.runs).extracting(r -> r.family.get()).containsExactly(Family.RNN);
            assertThat(lab.snapshot().runs()).hasSize(1);
            assertThat(lab.snapshot().runs().get(0).train().size()).isEqualTo(45);   // the saved history, then five new steps
            assertThat(lab.data.get()).isEqualTo("synthetic:reber");
        }
    }

    @Nested
    @ExtendWith(ApplicationExtension.class)
    class AFileThatIsNoRun extends StartedWith {
        @Start
        void start(Stage stage) throws java.io.IOException {
            startWith(stage, Files.writeString(dir.resolve("notes.seqrun"), "not a run"));
        }

        @Test
        void leavesTheDefaultLabAndSaysWhy() throws Exception {
            await(() -> lab.snapshot().runs().size() == 2 && !lab.dirtyProperty().get()
                    && lab.noticeProperty().get().startsWith("Could not open the run"));
            assertThat(lab.noticeProperty().get()).contains("notes.seqrun");
            assertThat(lab.snapshot().step()).isZero();   // nothing trains on a run that did not open
        }
    }
}
