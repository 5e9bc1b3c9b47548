package org.seqlab.app.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqlab.app.shell.LabFlowTest.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.seqlab.app.figures.AlignmentFigure;
import org.seqlab.app.figures.BottleneckFigure;
import org.seqlab.app.lab.EncoderDecoderWindow;
import org.seqlab.app.lab.LabModel;
import org.seqlab.app.widgets.FigurePane;
import org.seqlab.engine.data.tasks.Task;
import org.seqlab.engine.seq2seq.ExperimentFile;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The encoder–decoder lab opened from the keyboard, set up, trained and paused by its buttons, and inspected by typing. */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class EncoderDecoderWindowTest {

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
    void trainsBothModelsAndShowsTheBottleneckAndTheAlignment(FxRobot robot) throws Exception {
        robot.clickOn(window.views().tabs());   // this lab's window has the keys, whatever windows earlier tests left behind
        robot.press(KeyCode.CONTROL).press(KeyCode.D).release(KeyCode.D).release(KeyCode.CONTROL);
        await(() -> robot.lookup("#s2sTrain").tryQuery().isPresent());
        EncoderDecoderWindow w = window.menus().encoderDecoder();
        assertThat(w).isNotNull();
        @SuppressWarnings("unchecked")
        ComboBox<Task> task = TestLab.find(robot, "#s2sTask", ComboBox.class);
        @SuppressWarnings("unchecked")
        ComboBox<Integer> width = TestLab.find(robot, "#s2sWidth", ComboBox.class);
        robot.interact(() -> {
            task.setValue(Task.COPY);
            width.setValue(32);
        });
        robot.clickOn("#s2sNew");
        await(() -> w.session().latest().spec() != null && w.session().latest().spec().task() == Task.COPY
                && w.session().latest().inspection() != null);

        robot.clickOn("#s2sTrain");
        w.session().whenMeasured(100).get(180, TimeUnit.SECONDS);
        robot.clickOn("#s2sPause");
        await(() -> !w.session().latest().running());
        FigurePane left = TestLab.find(robot, "#s2sBottleneck", FigurePane.class);
        await(() -> left.canvas().figure() instanceof BottleneckFigure b && b.title().contains("copy")
                && b.table().rows().size() > 20 && b.table().columns().size() == 7);
        Label status = TestLab.find(robot, "#s2sStatus", Label.class);
        await(() -> status.getText().contains("A: exact") && status.getText().contains("B: exact") && status.getText().contains("C: exact"));

        // a source of one's own: B's alignment for it, one row per output symbol and ⟨/s⟩
        robot.clickOn("#s2sSource").press(KeyCode.CONTROL).press(KeyCode.A).release(KeyCode.A).release(KeyCode.CONTROL).write("abcab")
                .press(KeyCode.ENTER).release(KeyCode.ENTER);
        FigurePane right = TestLab.find(robot, "#s2sAlignment", FigurePane.class);
        await(() -> right.canvas().figure() instanceof AlignmentFigure a && a.table().columns().size() == 6
                && a.title().startsWith("Where each output symbol of B looked"));
        Slider symbol = TestLab.find(robot, "#s2sSymbol", Slider.class);
        assertThat(symbol.getMax()).isEqualTo(right.canvas().figure().table().rows().size() - 1);

        // A has no alignment: its view is the encoder's states and the one vector it hands on
        @SuppressWarnings("unchecked")
        ComboBox<String> run = TestLab.find(robot, "#s2sRun", ComboBox.class);
        robot.interact(() -> run.setValue("A (no attention)"));
        await(() -> right.canvas().figure() instanceof AlignmentFigure a && a.title().startsWith("All the decoder of A gets")
                && a.table().columns().size() == 6);

        // C, the Transformer: every decoder layer's every head has its own cross-attention map
        robot.interact(() -> run.setValue("C (Transformer)"));
        @SuppressWarnings("unchecked")
        ComboBox<String> head = TestLab.find(robot, "#s2sHead", ComboBox.class);
        await(() -> head.isVisible() && head.getItems().size() == 1 + 2 * 4);
        robot.interact(() -> head.setValue("block 1 · head 2"));
        await(() -> right.canvas().figure() instanceof AlignmentFigure a && a.title().contains("C (block 1 · head 2)")
                && a.table().columns().size() == 6);

        // saved, replaced by new models on another task, and reopened where it was: the task, the step, the source
        Path file = Files.createTempDirectory("seqlab-s2s").resolve("copy" + ExperimentFile.EXTENSION);
        int step = w.session().latest().step();
        w.save(file).get(60, TimeUnit.SECONDS);
        await(() -> status.getText().contains("Saved step " + step + " to copy.seq2seqrun"));
        robot.interact(() -> task.setValue(Task.REVERSE));
        robot.clickOn("#s2sNew");
        await(() -> w.session().latest().spec().task() == Task.REVERSE && w.session().latest().step() == 0);
        w.open(file).get(60, TimeUnit.SECONDS);
        await(() -> status.getText().contains("Opened copy.seq2seqrun") && status.getText().startsWith("Step " + step));
        assertThat(task.getValue()).isEqualTo(Task.COPY);
        assertThat(w.session().latest().inspection().source()).isEqualTo("abcab");
        robot.clickOn("#s2sTrain");
        assertThat(w.session().whenMeasured(step + 100).get(180, TimeUnit.SECONDS).step()).as("it trains on").isGreaterThanOrEqualTo(step + 100);
        robot.interact(() -> w.stage().close());
    }

    /** A lesson's scene on a task runs in the encoder–decoder lab and comes back with its point measured at every measurement. */
    @Test
    void aSceneOnATaskTrainsInTheEncoderDecoderLabAndIsMeasured(FxRobot robot) throws Exception {
        String yaml = """
                label: Two small encoder-decoders on copying
                data: task:copy
                models:
                  - family: seq2seq-gru
                    hidden: 16
                  - family: seq2seq-attention
                    attention: dot
                    hidden: 16
                train: 200
                inspect: abc
                point: Both have been measured
                expect:
                  - exact(A, 4) >= 0
                  - bits(B) > 0
                """;
        java.util.List<org.seqlab.app.lessons.LessonProblem> problems = new java.util.ArrayList<>();
        org.seqlab.app.lessons.Scene scene = org.seqlab.app.lessons.LessonParser.parseScene(yaml, "scene.yaml", null, problems);
        assertThat(problems).isEmpty();
        assertThat(scene.encoderDecoders()).isNotNull();
        java.util.concurrent.CompletableFuture<org.seqlab.engine.expect.Measured> done = new java.util.concurrent.CompletableFuture<>();
        robot.interact(() -> window.runScene(scene, p -> { }).whenComplete((m, e) -> {
            if (e != null) {
                done.completeExceptionally(e);
            } else {
                done.complete(m);
            }
        }));
        org.seqlab.engine.expect.Measured m = done.get(180, TimeUnit.SECONDS);
        assertThat(m.verdict().met()).as(m.verdict().text()).isTrue();
        assertThat(m.history().steps()).containsExactly(100, 200);
        EncoderDecoderWindow w = window.menus().encoderDecoder();
        assertThat(w.session().latest().step()).isEqualTo(200);
        assertThat(w.session().latest().inspection().source()).isEqualTo("abc");
        robot.interact(() -> w.stage().close());
    }
}
