package org.seqlab.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.app.Main;
import org.seqlab.app.lab.LabModel;
import org.seqlab.app.lessons.Lesson;
import org.seqlab.engine.expect.Expectation;
import org.seqlab.engine.expect.MeasureCall;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.train.TrainingSnapshot.Phase;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A lesson that carries its own trained model: the scene button opens the PyTorch checkpoint beside the lesson as the
 * lab's model, weights and all, and the point it states is measured on it, as check-lessons measures it.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class LessonLoadFlowTest {

    @TempDir
    static Path folder;

    LabModel lab;
    MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        Files.deleteIfExists(org.seqlab.app.lessons.Progress.defaultFile());
        lab = TestLab.lab();
        window = TestLab.show(stage, lab, 1600, 1000);
    }

    @AfterEach
    void stop() {
        TestLab.close(window, lab);
    }

    void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            WaitForAsyncUtils.waitForFxEvents();
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("not reached; the lab shows " + lab.snapshot());
    }

    @Test
    void aSceneOpensTheCheckpointItsLessonCarries(FxRobot robot) throws Exception {
        await(() -> lab.snapshot().phase() == Phase.PAUSED && !lab.dirtyProperty().get() && window.lessonsLoadedProperty().get());
        Path own = Files.createDirectories(folder.resolve("lessons/01-carried"));
        Files.copy(Path.of("../lessons/20-where-next/names-gru.safetensors"), own.resolve("names-gru.safetensors"));
        Files.writeString(own.resolve("lesson.md"), "---\ntitle: A model that travels\n---\n\n## Opened\n\n```scene\nlabel: Open it\n"
                + "data: names\nload: names-gru.safetensors\nview: samples\npoint: It reads names\nexpect:\n  - bits(A) < 3.2\n```\n");
        List<CompletableFuture<?>> opening = new ArrayList<>();
        robot.interact(() -> opening.add(window.reader().openFolder(own.getParent())));
        opening.get(0).get(120, TimeUnit.SECONDS);
        Lesson lesson = window.reader().byId("01-carried");
        assertThat(lesson).as("loaded: %s", window.reader().problems()).isNotNull();
        robot.interact(() -> window.reader().open(lesson));
        await(() -> window.reader().openLessonProperty().get() == lesson);

        Button scene = robot.lookup("#scene1").queryButton();
        robot.interact(scene::fire);
        Label state = TestLab.find(robot, "#scene1-state", Label.class);
        await(() -> state.getText().startsWith("✓"));
        assertThat(lab.snapshot().data().name()).isEqualTo("names");
        assertThat(lab.snapshot().runs()).singleElement().satisfies(r -> assertThat(r.config().model().family()).isEqualTo(Family.GRU));
        assertThat(window.views().tabs().getSelectionModel().getSelectedItem().getId()).isEqualTo("samplesViewTab");
        Label point = TestLab.find(robot, "#scene1-point", Label.class);
        await(() -> !point.getText().isEmpty());
        assertThat(point.getText()).startsWith("✓ It reads names");

        // check-lessons opens the same checkpoint by the same code, and measures exactly what the reader showed
        StringWriter out = new StringWriter();
        int code = Main.run(new String[] {"check-lessons", "--folder", own.getParent().toString(), "--json"}, new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true));
        assertThat(code).as(out.toString()).isZero();
        JsonObject checked = out.toString().lines().map(l -> JsonParser.parseString(l).getAsJsonObject()).filter(o -> o.has("values"))
                .findFirst().orElseThrow();
        double bits = checked.getAsJsonObject("values").get("bits(A)").getAsDouble();
        assertThat(bits).isLessThan(3.2);
        assertThat(point.getText()).contains(MeasureCall.of("bits(A)").spoken() + " " + Expectation.format(bits));
    }
}
