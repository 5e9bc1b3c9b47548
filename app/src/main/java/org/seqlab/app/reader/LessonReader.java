package org.seqlab.app.reader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextFlow;
import org.kordamp.ikonli.javafx.FontIcon;
import org.seqlab.app.lessons.Lesson;
import org.seqlab.app.lessons.LessonBlock;
import org.seqlab.app.lessons.LessonLibrary;
import org.seqlab.app.lessons.LessonPack;
import org.seqlab.app.lessons.LessonProblem;
import org.seqlab.app.lessons.Progress;
import org.seqlab.app.lessons.Quiz;
import org.seqlab.app.lessons.Scene;
import org.seqlab.app.text.Texts;
import org.seqlab.app.work.Background;
import org.seqlab.app.work.Failure;

/**
 * The lesson reader beside the lab: a list of lessons with each one's progress, and a lesson shown one step at a
 * time with Previous and Next (PageUp and PageDown). A step's text and math are rendered from its Markdown; its
 * scenes are buttons that set the lab up; its quizzes answer back. Where the learner is, and what they have
 * answered, is remembered across restarts.
 */
public final class LessonReader extends BorderPane {

    public static final double MIN_FONT = 11;
    public static final double MAX_FONT = 30;

    private final SceneRunner runner;
    private final Progress progress;
    private final Consumer<String> status;
    private final DoubleProperty fontSize = new SimpleDoubleProperty(15);
    /** A step title's type (1.3× the text's, as the style sheet sets it), for the math in it. */
    private final DoubleProperty titleSize = new SimpleDoubleProperty(15 * 1.3);
    private final List<Lesson> lessons = new ArrayList<>();
    private final List<LessonProblem> problems = new ArrayList<>();
    private final ListView<Lesson> list = new ListView<>();
    private final Hyperlink problemsLink = new Hyperlink();
    private final VBox listPage;
    private final Label title = new Label();
    private final Label counter = new Label();
    private final ProgressBar bar = new ProgressBar(0);
    private final VBox content = new VBox(14);
    private final ScrollPane scroll = new ScrollPane(content);
    private final Button previous = new Button(Texts.get("reader.previous"), new FontIcon("mdi2c-chevron-left"));
    private final Button next = new Button(Texts.get("reader.next"), new FontIcon("mdi2c-chevron-right"));
    private final BorderPane lessonPage = new BorderPane();
    private final ReadOnlyObjectWrapper<Lesson> open = new ReadOnlyObjectWrapper<>();
    private int step;
    private final Background io;

    /** @param io where lesson folders are read and checked, off the FX thread */
    public LessonReader(Progress progress, SceneRunner runner, Consumer<String> status, Background io) {
        this.io = io;
        this.runner = runner;
        this.progress = progress;
        this.status = status;
        setId("lessonReader");
        getStyleClass().add("lesson-reader");
        setMinWidth(300);
        setPrefWidth(440);

        // the list of lessons
        Label heading = new Label(Texts.get("reader.lessons"));
        heading.getStyleClass().add("section-title");
        Button folder = new Button(Texts.get("reader.openFolder"), new FontIcon("mdi2f-folder-open-outline"));
        folder.setId("openLessonFolder");
        folder.setTooltip(new Tooltip(Texts.get("reader.openFolder.tip")));
        folder.setOnAction(e -> chooseFolder());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox listHead = new HBox(8, heading, spacer, folder);
        listHead.setAlignment(Pos.CENTER_LEFT);
        list.setId("lessonList");
        list.setCellFactory(v -> new LessonCell(list, progress));
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() >= 1 && list.getSelectionModel().getSelectedItem() != null) {
                open(list.getSelectionModel().getSelectedItem());
            }
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && list.getSelectionModel().getSelectedItem() != null) {
                open(list.getSelectionModel().getSelectedItem());
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        problemsLink.setId("lessonProblems");
        problemsLink.setOnAction(e -> ProblemsDialog.show(problems));
        problemsLink.getStyleClass().add("lesson-wrong");
        listPage = new VBox(8, listHead, problemsLink, list);
        listPage.setPadding(new Insets(8));

        // one lesson
        Button back = new Button("", new FontIcon("mdi2f-format-list-bulleted"));
        back.setId("lessonBack");
        back.setTooltip(new Tooltip(Texts.get("menu.lessons.all")));
        back.setOnAction(e -> showList());
        Button smaller = new Button("A−");
        smaller.setId("lessonSmaller");
        smaller.setTooltip(new Tooltip(Texts.get("reader.smaller")));
        smaller.setOnAction(e -> zoom(-1));
        Button larger = new Button("A+");
        larger.setId("lessonLarger");
        larger.setTooltip(new Tooltip(Texts.get("reader.larger")));
        larger.setOnAction(e -> zoom(1));
        title.setId("lessonTitle");
        title.getStyleClass().add("lesson-title");
        title.setWrapText(true);
        HBox.setHgrow(title, Priority.ALWAYS);
        title.setMaxWidth(Double.MAX_VALUE);
        for (Button b : List.of(back, smaller, larger)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        counter.setId("lessonStepCounter");
        counter.getStyleClass().add("tool-label");
        counter.setMinWidth(0);
        counter.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(counter, Priority.ALWAYS);
        // the buttons and the step counter on one row, the title on its own below: in a narrow column (or with the
        // large type of presentation mode) it then wraps between words, not inside them
        HBox head = new HBox(6, back, counter, smaller, larger);
        head.setAlignment(Pos.CENTER_LEFT);
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.setPrefHeight(6);
        VBox top = new VBox(6, head, title, bar);
        top.setPadding(new Insets(8, 8, 6, 8));
        content.setPadding(new Insets(8, 14, 20, 12));
        content.getStyleClass().add("lesson-content");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        content.setMinWidth(0);
        scroll.setId("lessonScroll");
        scroll.getStyleClass().add("lesson-scroll");
        previous.setId("lessonPrevious");
        previous.setTooltip(new Tooltip(Texts.get("reader.previous.tip")));
        previous.setOnAction(e -> previous());
        next.setId("lessonNext");
        next.setTooltip(new Tooltip(Texts.get("reader.next.tip")));
        next.setContentDisplay(ContentDisplay.RIGHT);
        next.setOnAction(e -> next());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bottom = new HBox(8, previous, gap, next);
        bottom.setPadding(new Insets(6, 8, 8, 8));
        lessonPage.setTop(top);
        lessonPage.setCenter(scroll);
        lessonPage.setBottom(bottom);
        fontSize.addListener((o, a, b) -> content.setStyle("-fx-font-size: " + b.doubleValue() + "px;"));
        titleSize.bind(fontSize.multiply(1.3));
        content.setStyle("-fx-font-size: " + fontSize.get() + "px;");

        showList();
    }

    /** Opens the lesson the learner had open last time, if it is here. */
    public void restore() {
        String last = progress.open();
        if (last != null && byId(last) != null && open.get() == null) {
            open(byId(last));
        }
    }

    /** Adds lessons (a later one with the same id replaces the earlier) and their problems. */
    public void add(LessonLibrary library) {
        for (Lesson l : library.lessons()) {
            lessons.removeIf(x -> x.id().equals(l.id()));
            lessons.add(l);
        }
        lessons.sort(Comparator.comparing(Lesson::id));
        problems.addAll(library.problems());
        list.getItems().setAll(lessons);
        problemsLink.setText(problems.isEmpty() ? "" : Texts.get("reader.problems", problems.size()));
        problemsLink.setVisible(!problems.isEmpty());
        problemsLink.setManaged(!problems.isEmpty());
    }

    /** Reads and checks a folder of lessons off the FX thread; completes on the FX thread once they are listed. */
    public CompletableFuture<LessonLibrary> openFolder(Path folder) {
        status.accept(Texts.get("reader.reading", folder));
        return io.run(Texts.get("reader.readingJob"), p -> LessonLibrary.load(folder, folder.toString()), lib -> {
            add(lib);
            status.accept(Texts.get("reader.read", lib.lessons().size(), folder.toString(), lib.problems().size()));
        }, ex -> status.accept(Texts.get("reader.readFailed", folder.toString(), Failure.reason(ex)))).result();
    }

    /** Asks for a folder of lessons and opens it. */
    public void chooseFolder() {
        LessonChoosers.folder(this).ifPresent(this::openFolder);
    }

    /** Checks and unpacks a lesson pack off the FX thread, then lists its lesson and opens it (on the FX thread). */
    public CompletableFuture<LessonLibrary> openPack(Path file) {
        String shown = String.valueOf(file.getFileName());
        String[] hash = {""};
        return io.run(Texts.get("reader.packJob"), p -> {
            LessonPack.Opened o = LessonPack.open(file);
            hash[0] = o.hash();
            return LessonLibrary.load(o.folder(), shown);
        }, lib -> {
            add(lib);
            lib.lessons().stream().findFirst().ifPresent(this::open);
            status.accept(Texts.get("reader.packOpened", shown, lib.lessons().isEmpty() ? "" : lib.lessons().get(0).id(), hash[0].substring(0, 12)));
        }, ex -> status.accept(Texts.get("reader.packFailed", shown, Failure.reason(ex)))).result();
    }

    public List<Lesson> lessons() {
        return List.copyOf(lessons);
    }

    public List<LessonProblem> problems() {
        return List.copyOf(problems);
    }

    public Lesson byId(String id) {
        return LessonLibrary.find(lessons, id);
    }

    public ReadOnlyObjectProperty<Lesson> openLessonProperty() {
        return open.getReadOnlyProperty();
    }

    public int step() {
        return step;
    }

    public DoubleProperty fontSizeProperty() {
        return fontSize;
    }

    public void showList() {
        open.set(null);
        list.refresh();
        setCenter(listPage);
    }

    /** Opens a lesson where the learner left it. */
    public void open(Lesson lesson) {
        int at = Math.min(progress.of(lesson.id()).current(), lesson.steps().size() - 1);
        open(lesson, at);
    }

    public void open(Lesson lesson, int at) {
        open.set(lesson);
        title.setText(lesson.title());
        setCenter(lessonPage);
        show(Math.max(0, Math.min(at, lesson.steps().size() - 1)));
    }

    /** A link in the text to another lesson: open it at its start, or say it is not here. */
    private void follow(String id) {
        Lesson l = byId(id);
        if (l == null) {
            status.accept(Texts.get("reader.noLesson", id));
        } else {
            open(l);
        }
    }

    public void next() {
        if (open.get() != null && step + 1 < open.get().steps().size()) {
            show(step + 1);
        }
    }

    public void previous() {
        if (open.get() != null && step > 0) {
            show(step - 1);
        }
    }

    private void zoom(int direction) {
        fontSize.set(Math.max(MIN_FONT, Math.min(MAX_FONT, fontSize.get() + 2 * direction)));
    }

    private void show(int at) {
        Lesson lesson = open.get();
        step = at;
        progress.visit(lesson.id(), at);
        Lesson.Step s = lesson.steps().get(at);
        // short enough for the narrow column of presentation mode; the lesson list shows the minutes
        counter.setText(Texts.get("reader.counter", at + 1, lesson.steps().size()));
        counter.setTooltip(lesson.minutes() > 0 ? new Tooltip(Texts.get("reader.minutes", lesson.minutes())) : null);
        bar.setProgress(progress.fraction(lesson));
        previous.setDisable(at == 0);
        next.setDisable(at + 1 >= lesson.steps().size());
        content.getChildren().clear();
        if (at == 0 && !lesson.objectives().isEmpty()) {
            VBox goals = new VBox(4);
            goals.getStyleClass().add("lesson-objectives");
            Label g = new Label(Texts.get("reader.goals"));
            g.getStyleClass().add("lesson-quiz-title");
            goals.getChildren().add(g);
            for (String o : lesson.objectives()) {
                goals.getChildren().add(Markdown.render("- " + o, fontSize));
            }
            content.getChildren().add(goals);
        }
        // a title may hold math ("Why divide by $\\sqrt{d_k}$"): rendered like the text's, not shown as TeX
        TextFlow stepTitle = Markdown.title(s.title(), titleSize, "lesson-step-title");
        stepTitle.setId("lessonStepTitle");
        content.getChildren().add(stepTitle);
        int scenes = 0;
        int quizzes = 0;
        for (LessonBlock b : s.blocks()) {
            if (b instanceof Lesson.Prose p) {
                content.getChildren().add(Markdown.render(p.markdown(), fontSize, this::follow));
            } else if (b instanceof Scene sc) {
                int k = scenes++;
                content.getChildren().add(new SceneCard(sc, runner, io, "scene" + (k + 1), made -> progress.scene(lesson.id(), at, k, made)));
            } else if (b instanceof Quiz q) {
                int k = quizzes++;
                content.getChildren().add(new QuizCard(q, fontSize, "quiz" + (k + 1), progress.of(lesson.id()).solved(at, k),
                        (given, right) -> progress.answer(lesson.id(), at, k, given, right), this::follow));
            }
        }
        if (at + 1 == lesson.steps().size()) {
            Label end = new Label(Texts.get("reader.end"));
            end.getStyleClass().add("tool-label");
            content.getChildren().add(end);
        }
        scroll.setVvalue(0);
        list.refresh();
    }
}
