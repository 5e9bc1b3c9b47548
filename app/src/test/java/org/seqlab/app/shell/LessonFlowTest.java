package org.seqlab.app.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqlab.app.shell.LabFlowTest.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.app.lab.LabModel;
import org.seqlab.app.lessons.Lesson;
import org.seqlab.app.lessons.Scene;
import org.seqlab.app.reader.MathView;
import org.seqlab.engine.expect.Expectation;
import org.seqlab.engine.expect.MeasureCall;
import org.seqlab.engine.train.TrainingSnapshot.Phase;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A learner walks a lesson from its first step to its last, pressing every scene button and answering the quizzes. */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class LessonFlowTest {

    @TempDir
    static Path folder;

    LabModel lab;
    MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        // every run starts as a new learner
        Files.deleteIfExists(org.seqlab.app.lessons.Progress.defaultFile());
        lab = TestLab.lab();
        window = TestLab.show(stage, lab, 1600, 1000);
    }

    @AfterEach
    void stop() {
        TestLab.close(window, lab);
    }

    /** The lab matches the scene: data, models and their sizes, trained steps, the view on screen. */
    void assertSetUpAs(Scene scene) {
        var s = lab.snapshot();
        assertThat(s.data().name()).isEqualTo(scene.data());
        assertThat(s.runs()).extracting(r -> r.config().model().family())
                .containsExactlyElementsOf(scene.models().stream().map(Scene.Model::family).toList());
        for (int i = 0; i < scene.models().size(); i++) {
            RunSnapshot r = s.runs().get(i);
            assertThat(r.config()).isEqualTo(scene.models().get(i).toConfig());
        }
        // a scene whose model diverges (the clipping scene's unclipped RNN may) ends where the lab paused for it
        boolean diverged = s.runs().stream().anyMatch(r -> r.status() == org.seqlab.engine.train.ModelRun.Status.DIVERGED);
        String state = s.phase() + ", " + s.runs().stream().map(r -> r.id() + " " + r.status() + " " + r.message()).toList();
        if (diverged) {
            assertThat(s.step()).as("stopped where a model diverged (%s)", state).isPositive().isLessThanOrEqualTo(scene.train());
        } else {
            assertThat(s.step()).as("trained as the scene asks (the lab says: '%s'; %s)", s.message(), state).isEqualTo(scene.train());
        }
        assertThat(s.phase()).isEqualTo(Phase.PAUSED);
        if (scene.view() != null) {
            assertThat(window.views().tabs().getSelectionModel().getSelectedItem().getId()).isEqualTo(scene.view() + "ViewTab");
        }
    }

    /** Scrolls the step's pane until the node's bottom edge is in view, as a reader scrolls down to a quiz. */
    static void reveal(FxRobot robot, javafx.scene.Node node) {
        robot.interact(() -> {
            javafx.scene.Parent p = node.getParent();
            while (!(p instanceof javafx.scene.control.ScrollPane)) {
                p = p.getParent();
            }
            javafx.scene.control.ScrollPane pane = (javafx.scene.control.ScrollPane) p;
            javafx.scene.Node content = pane.getContent();
            double bottom = content.sceneToLocal(node.localToScene(node.getBoundsInLocal())).getMaxY() + 12;
            double viewport = pane.getViewportBounds().getHeight();
            double scrollable = content.getBoundsInLocal().getHeight() - viewport;
            if (scrollable > 0) {
                pane.setVvalue(Math.max(0, Math.min(1, (bottom - viewport) / scrollable)) * (pane.getVmax() - pane.getVmin()) + pane.getVmin());
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void walkALessonFromTheFirstStepToTheLast(FxRobot robot) throws Exception {
        await(() -> lab.snapshot().phase() == Phase.PAUSED && !lab.dirtyProperty().get() && window.lessonsLoadedProperty().get());
        assertThat(window.lessonsShown()).isTrue();
        ListView<Lesson> list = robot.lookup("#lessonList").queryListView();
        assertThat(list.getItems()).hasSize(20);
        assertThat(TestLab.find(robot, "#lessonList .lesson-list-title", javafx.scene.control.Label.class).getText())
                .as("the list numbers the lessons as a teacher names them").startsWith("1 · ");
        assertThat(TestLab.find(robot, "#lessonProblems", javafx.scene.control.Hyperlink.class).isVisible()).isFalse();

        // the gradients lesson, test-sized: the same steps, scenes, views and quizzes, its scenes trained 30 steps and their
        // points ones that short training makes (the built-in points at full length are check-lessons' to prove)
        String full = Files.readString(Path.of("../lessons/04-gradients/lesson.md"));
        String shortened = full.replaceAll("(?m)^train: \\d+$", "train: 30")
                .replaceAll("(?ms)^expect:\\n(  - [^\\n]*\\n)+", "expect:\n  - bits(A) > 0\n");
        assertThat(shortened).isNotEqualTo(full).doesNotContain("train: 1000");
        Path own = Files.createDirectories(folder.resolve("lessons-short/04-gradients-short"));
        Files.writeString(own.resolve("lesson.md"), shortened);
        List<java.util.concurrent.CompletableFuture<?>> opening = new java.util.ArrayList<>();
        robot.interact(() -> opening.add(window.reader().openFolder(own.getParent())));
        opening.get(0).get(120, java.util.concurrent.TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> window.reader().showList());

        // open it from the list
        Lesson lesson = window.reader().byId("04-gradients-short");
        assertThat(lesson).as("the test-sized lesson loaded: %s", window.reader().problems()).isNotNull();
        assertThat(lesson.scenes()).allSatisfy(sc -> assertThat(sc.train()).isEqualTo(30));
        robot.interact(() -> list.scrollTo(lesson));
        robot.clickOn(robot.lookup(".list-cell").match(c -> ((javafx.scene.control.ListCell<?>) c).getItem() == lesson)
                .<javafx.scene.Node>query());
        await(() -> window.reader().openLessonProperty().get() == lesson);
        assertThat(robot.lookup("#lessonTitle").queryLabeled().getText()).isEqualTo(lesson.title());
        assertThat(robot.lookup("#lessonStepCounter").queryLabeled().getText()).startsWith("Step 1 of 4");
        // the first step's math is typeset, and grows sharp with the text size
        MathView formula = TestLab.find(robot, ".math-display", MathView.class);
        int before = formula.renderedPixels()[0];
        robot.clickOn("#lessonLarger").clickOn("#lessonLarger");
        assertThat(formula.renderedPixels()[0]).isGreaterThan(before);

        List<String> shown = new java.util.ArrayList<>();   // every point's verdict as the reader showed it
        for (int step = 0; step < lesson.steps().size(); step++) {
            final int at = step;
            await(() -> window.reader().step() == at);
            Lesson.Step s = lesson.steps().get(step);
            List<Scene> scenes = s.scenes();
            for (int k = 0; k < scenes.size(); k++) {
                Button scene = robot.lookup("#scene" + (k + 1)).queryButton();
                robot.interact(() -> scene.getParent().getParent().getParent().requestFocus());
                reveal(robot, scene);
                // pressed as a click presses it: a click computed while the reader still scrolls can land on what
                // lies above the reader — the lab bar's Step button, which once stopped a scene's training at step 1
                robot.interact(scene::fire);
                Label state = TestLab.find(robot, "#scene" + (k + 1) + "-state", Label.class);
                await(() -> state.getText().startsWith("✓"));
                assertSetUpAs(scenes.get(k));
                if (scenes.get(k).point() != null) {
                    // the scene's point, measured on the models it trained and shown under its button
                    Label point = TestLab.find(robot, "#scene" + (k + 1) + "-point", Label.class);
                    await(() -> !point.getText().isEmpty());
                    assertThat(point.getText()).startsWith("✓ " + scenes.get(k).point().says());
                    shown.add(point.getText());
                }
            }
            for (int q = 0; q < s.quizzes().size(); q++) {
                var quiz = s.quizzes().get(q);
                String id = "#quiz" + (q + 1);
                // first a wrong answer, then the right one
                int wrong = quiz.correct().contains(0) ? 2 : 1;
                reveal(robot, robot.lookup(id + "-check").query());
                robot.clickOn(id + "-choice" + wrong).clickOn(id + "-check");
                assertThat(robot.lookup(id + "-verdict").queryLabeled().getText()).startsWith("✗").contains("Try again");
                assertThat(robot.lookup(id + "-explanation").query().isVisible()).as("a hint first, not the answer").isFalse();
                robot.clickOn(id + "-choice" + (quiz.correct().iterator().next() + 1)).clickOn(id + "-check");
                assertThat(robot.lookup(id + "-verdict").queryLabeled().getText()).startsWith("✓");
            }
            if (step + 1 < lesson.steps().size()) {
                robot.clickOn("#lessonNext");
            }
        }
        assertThat(robot.lookup("#lessonNext").queryButton().isDisabled()).isTrue();
        // Page Up and Page Down, as a presenter's remote sends them
        robot.clickOn("#lessonTitle").type(KeyCode.PAGE_UP);
        assertThat(window.reader().step()).isEqualTo(2);
        robot.type(KeyCode.PAGE_DOWN);
        assertThat(window.reader().step()).isEqualTo(3);
        // progress is on disk: a new reader starts where this one stopped, with the quizzes answered
        var progress = org.seqlab.app.lessons.Progress.load(org.seqlab.app.lessons.Progress.defaultFile());
        assertThat(progress.of("04-gradients-short").current()).isEqualTo(3);
        assertThat(progress.of("04-gradients-short").solved(1, 0)).isTrue();
        assertThat(progress.of("04-gradients-short").solved(2, 0)).isTrue();
        assertThat(progress.fraction(lesson)).isEqualTo(1.0);
        // and what a progress export hands the teacher: each answer as clicked (the wrong one took the hint), each scene run
        var done = progress.of("04-gradients-short");
        assertThat(done.attempts()).extracting(a -> a.quiz() + (a.correct() ? " right" : " wrong"))
                .containsSubsequence("1.0 wrong", "1.0 right", "2.0 wrong", "2.0 right");
        assertThat(done.hints()).contains("1.0", "2.0");
        assertThat(done.scenes()).isNotEmpty().allSatisfy(r -> assertThat(r.made()).isNotEqualTo(Boolean.FALSE));

        // check-lessons runs the same scenes by the same code: it measures exactly what the reader showed
        java.io.StringWriter out = new java.io.StringWriter();
        int code = org.seqlab.app.Main.run(new String[] {"check-lessons", "--folder", own.getParent().toString(), "--json"},
                new java.io.PrintWriter(out, true), new java.io.PrintWriter(new java.io.StringWriter(), true));
        List<com.google.gson.JsonObject> checked = out.toString().lines().map(l -> com.google.gson.JsonParser.parseString(l).getAsJsonObject())
                .filter(o -> o.has("values")).toList();
        assertThat(code).as(out.toString()).isZero();
        assertThat(checked).hasSameSizeAs(shown).isNotEmpty();
        for (int i = 0; i < shown.size(); i++) {
            for (var e : checked.get(i).getAsJsonObject("values").entrySet()) {
                assertThat(shown.get(i)).as("scene %d, %s", i + 1, e.getKey())
                        .contains(MeasureCall.of(e.getKey()).spoken() + " " + Expectation.format(e.getValue().getAsDouble()));
            }
        }
    }

    @Test
    void aFolderOfOwnLessonsOpensAndItsMistakesAreShown(FxRobot robot) throws Exception {
        await(() -> window.lessonsLoadedProperty().get());
        String good = Files.readString(Path.of("../lessons/01-factorisation/lesson.md"));
        Files.createDirectories(folder.resolve("20-mine"));
        Files.writeString(folder.resolve("20-mine/lesson.md"), good.replace("title: One token at a time", "title: My own lesson"));
        Files.createDirectories(folder.resolve("21-broken"));
        Files.writeString(folder.resolve("21-broken/lesson.md"), good.replace("view: decoding", "view: nowhere"));
        robot.interact(() -> window.reader().showList());
        List<java.util.concurrent.CompletableFuture<?>> opening = new java.util.ArrayList<>();
        robot.interact(() -> opening.add(window.reader().openFolder(folder)));
        opening.get(0).get(300, java.util.concurrent.TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        ListView<Lesson> list = robot.lookup("#lessonList").queryListView();
        assertThat(list.getItems()).extracting(Lesson::id).contains("20-mine").doesNotContain("21-broken");
        var link = TestLab.find(robot, "#lessonProblems", javafx.scene.control.Hyperlink.class);
        assertThat(link.isVisible()).isTrue();
        assertThat(window.reader().problems()).extracting(Object::toString)
                .anySatisfy(p -> assertThat(p).contains("21-broken/lesson.md:").contains("unknown view 'nowhere'"));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** A teacher's lesson arrives as one file: Lessons → Open lesson pack… lists and opens it; a damaged one is named, and nothing opens. */
    @Test
    void aLessonPackOpensInTheReaderAndADamagedOneIsRefused(FxRobot robot) throws Exception {
        await(() -> window.lessonsLoadedProperty().get());
        Path own = Files.createDirectories(folder.resolve("pack/22-packed"));
        Files.writeString(own.resolve("lesson.md"), Files.readString(Path.of("../lessons/01-factorisation/lesson.md"))
                .replace("title: One token at a time", "title: A packed lesson"));
        Path file = folder.resolve("22.seqlesson");
        org.seqlab.app.lessons.LessonPack.Packed packed = org.seqlab.app.lessons.LessonPack.pack(own, file);
        List<java.util.concurrent.CompletableFuture<?>> opening = new java.util.ArrayList<>();
        robot.interact(() -> opening.add(window.reader().openPack(file)));
        opening.get(0).get(300, java.util.concurrent.TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.reader().openLessonProperty().get().title()).startsWith("A packed lesson");
        assertThat(window.reader().lessons()).extracting(Lesson::id).contains("22-packed");
        assertThat(lab.noticeProperty().get()).isEqualTo("Opened 22.seqlesson: lesson 22-packed (hash " + packed.hash().substring(0, 12) + "…)");

        Path damaged = Files.writeString(folder.resolve("damaged.seqlesson"), "not a zip");
        robot.interact(() -> window.reader().openPack(damaged));
        await(() -> lab.noticeProperty().get().startsWith("Could not open damaged.seqlesson"));
        assertThat(lab.noticeProperty().get()).endsWith("damaged.seqlesson is not a SeqLab lesson pack (.seqlesson) (not a zip archive)");
        assertThat(window.reader().openLessonProperty().get().title()).startsWith("A packed lesson");   // what was open stays open
    }

    /** A pack made with its scenes trained: the scene's button opens its models as packed, history and all, and makes its point at once. */
    @Test
    void aPackedSceneOpensTrainedFromItsCheckpoint(FxRobot robot) throws Exception {
        await(() -> window.lessonsLoadedProperty().get());
        Path own = Files.createDirectories(folder.resolve("packs/23-trained"));
        Files.writeString(own.resolve("lesson.md"), org.seqlab.app.cli.LessonPackCommandTest.lesson());
        Path file = folder.resolve("23.seqlesson");
        java.io.StringWriter err = new java.io.StringWriter();
        int code = org.seqlab.app.Main.run(new String[] {"pack", own.toString(), "--out", file.toString(), "--with-checkpoints"},
                new java.io.PrintWriter(new java.io.StringWriter(), true), new java.io.PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        List<java.util.concurrent.CompletableFuture<?>> opening = new java.util.ArrayList<>();
        robot.interact(() -> opening.add(window.reader().openPack(file)));
        opening.get(0).get(300, java.util.concurrent.TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        Button scene = robot.lookup("#scene1").queryButton();
        reveal(robot, scene);
        robot.interact(scene::fire);
        Label point = TestLab.find(robot, "#scene1-point", Label.class);
        await(() -> !point.getText().isEmpty());
        assertThat(point.getText()).startsWith("✓ The LSTM learns the chain");
        assertThat(lab.snapshot().step()).as("trained when packed, not now").isEqualTo(150);
        assertThat(lab.snapshot().timeline().steps()).as("Back in time replays how it got there").hasSizeGreaterThan(1);
    }

    /** File → Class report… shows the class's table: a row per learner and lesson, and the class's row per lesson. */
    @Test
    void aClassReportOpensAsATable(FxRobot robot) throws Exception {
        Path exports = Files.createDirectories(folder.resolve("exports"));
        for (String learner : List.of("Ada", "Grace")) {
            org.seqlab.app.lessons.Progress p = org.seqlab.app.lessons.Progress.load(folder.resolve("home-" + learner + "/progress.json"));
            p.visit("04-gradients", 0);
            p.answer("04-gradients", 0, 0, "2", learner.equals("Ada"));
            org.seqlab.app.lessons.ProgressExport.write(p, learner, id -> 4, exports.resolve(learner + ".json"));
        }
        var report = org.seqlab.app.lessons.ClassReport.of(exports);
        robot.interact(() -> ClassReportWindow.show(window.getScene().getWindow(), "exports", report));
        javafx.scene.control.TableView<?> table = robot.lookup("#classReportTable").queryTableView();
        assertThat(table.getItems()).hasSize(3);   // Ada, Grace, and the class
        assertThat(table.getColumns().get(0).getText()).isEqualTo("learner");
        assertThat(table.getItems().get(2).toString()).contains("(class)").contains("step 1 quiz 1: 1 of 2");
        robot.interact(() -> ((javafx.stage.Stage) table.getScene().getWindow()).close());
    }
}
