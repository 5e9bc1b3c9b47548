package org.seqlab.app.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.seqlab.app.figures.AlignmentFigure;
import org.seqlab.app.figures.BottleneckFigure;
import org.seqlab.app.figures.Figure;
import org.seqlab.app.figures.Style;
import org.seqlab.app.text.EngineNames;
import org.seqlab.app.text.Texts;
import org.seqlab.app.widgets.FigurePane;
import org.seqlab.engine.data.tasks.Task;
import org.seqlab.engine.expect.Measured;
import org.seqlab.engine.expect.Point;
import org.seqlab.engine.model.seq2seq.Attention;
import org.seqlab.engine.model.seq2seq.Seq2SeqConfig;
import org.seqlab.engine.seq2seq.Seq2SeqExperiment;
import org.seqlab.engine.seq2seq.Seq2SeqInspection;
import org.seqlab.engine.seq2seq.Seq2SeqTrainer;

/**
 * The encoder–decoder lab: a GRU encoder–decoder without attention (A), one with it (B) and a Transformer
 * encoder–decoder (C) learn a task side by side on their own engine thread. Left, the bottleneck measured (exact match by source length); right, where each
 * output symbol of the inspected source looked (B), or the encoder states and the one vector the decoder starts
 * from (A), stepped through symbol by symbol. The window only reads the session's snapshots.
 */
public final class EncoderDecoderWindow {

    public static final int TRAIN_STEPS = 1000;
    final String MEAN = Texts.get("s2s.mean");

    private final Stage stage = new Stage();
    private final Seq2SeqTrainer session;
    private final ComboBox<Task> task = new ComboBox<>();
    private final ComboBox<String> score = new ComboBox<>();
    private final ComboBox<Integer> width = new ComboBox<>();
    private final Button fresh = new Button(Texts.get("s2s.new"));
    private final Button train = new Button(Texts.get("s2s.train", TRAIN_STEPS));
    private final Button pause = new Button(Texts.get("s2s.pause"));
    private final Button save = new Button(Texts.get("s2s.save"));
    private final Button open = new Button(Texts.get("s2s.open"));
    private final Button toPyTorch = new Button(Texts.get("s2s.toPyTorch"));
    private final TextField source = new TextField();
    private final ComboBox<String> run = new ComboBox<>();
    private final ComboBox<String> head = new ComboBox<>();
    private final Slider symbol = new Slider(0, 1, 0);
    private final Label status = new Label();
    private final FigurePane bottleneck;
    private final FigurePane alignment;
    private long shown = -1;
    private Seq2SeqTrainer.Snapshot last;
    /** Every measurement since the models were built, oldest first: a scene's point over training. */
    private Consumer<String> sceneProgress = s -> { };

    /** Where the window goes, in screen coordinates: over the lab beside the lesson reader (null: 1200×700 where the platform puts it). */
    private final Rectangle2D area;

    /**
     * @param area where the window may go, in screen coordinates: the lab's part of its window, leaving the lesson
     *             reader (and the ✓ a scene's learner waits for) in sight; null for a window of 1200×700
     */
    public EncoderDecoderWindow(Window owner, Rectangle2D area, LabModel lab, boolean presenting) {
        this.area = area;
        session = new Seq2SeqTrainer(lab.engineThread());   // the lab's and this window's training take turns
        Consumer<String> say = status::setText;
        bottleneck = new FigurePane("s2sBottleneck", () -> lab.figuresFolderProperty().get(), lab.work(), say);
        alignment = new FigurePane("s2sAlignment", () -> lab.figuresFolderProperty().get(), lab.work(), say);
        for (FigurePane p : List.of(bottleneck, alignment)) {
            p.canvas().setFigureStyle(presenting ? Style.PRESENTATION : Style.NORMAL);
        }
        task.getItems().setAll(Task.values());
        task.setValue(Task.REVERSE);
        task.setId("s2sTask");
        task.setConverter(new StringConverter<>() {
            @Override
            public String toString(Task t) {
                return t == null ? "" : t.id() + " — " + EngineNames.task(t);
            }

            @Override
            public Task fromString(String s) {
                return Task.parse(s.split(" ")[0]);
            }
        });
        score.getItems().setAll("dot", "additive");
        score.setValue("dot");
        score.setId("s2sScore");
        score.setTooltip(new Tooltip(Texts.get("s2s.score.tip")));
        width.getItems().setAll(32, 64, 128);
        width.setValue(64);
        width.setId("s2sWidth");
        fresh.setId("s2sNew");
        train.setId("s2sTrain");
        pause.setId("s2sPause");
        fresh.setOnAction(e -> setUp());
        train.setOnAction(e -> session.train(TRAIN_STEPS));
        pause.setOnAction(e -> session.pause());
        save.setId("s2sSave");
        open.setId("s2sOpen");
        save.setTooltip(new Tooltip(Texts.get("s2s.save.tip")));
        open.setTooltip(new Tooltip(Texts.get("s2s.open.tip")));
        save.setOnAction(e -> ExperimentChooser.file(stage, task.getValue(), true).ifPresent(this::save));
        open.setOnAction(e -> ExperimentChooser.file(stage, task.getValue(), false).ifPresent(this::open));
        toPyTorch.setId("s2sPyTorch");
        toPyTorch.setTooltip(new Tooltip(Texts.get("s2s.toPyTorch.tip")));
        toPyTorch.setOnAction(e -> ExperimentChooser.folder(stage).ifPresent(session::toPyTorch));
        source.setId("s2sSource");
        source.setPromptText(Texts.get("s2s.source.prompt"));
        source.setOnAction(e -> session.inspect(source.getText().strip()));
        run.setId("s2sRun");
        run.getItems().setAll(Texts.get("s2s.run.B"), Texts.get("s2s.run.A"), Texts.get("s2s.run.C"));
        run.setValue(Texts.get("s2s.run.B"));
        run.valueProperty().addListener((o, a, b) -> redrawAlignment());
        head.setId("s2sHead");
        head.setTooltip(new Tooltip(Texts.get("s2s.head.tip")));
        head.getItems().setAll(MEAN);
        head.setValue(MEAN);
        head.valueProperty().addListener((o, a, b) -> redrawAlignment());
        symbol.setId("s2sSymbol");
        symbol.setMajorTickUnit(1);
        symbol.setMinorTickCount(0);
        symbol.setSnapToTicks(true);
        symbol.setBlockIncrement(1);
        symbol.valueProperty().addListener((o, a, b) -> redrawAlignment());
        status.setId("s2sStatus");
        status.setWrapText(true);

        FlowPane bar = new FlowPane(8, 6, new Label(Texts.get("s2s.task")), task, new Label(Texts.get("s2s.score")), score, new Label(Texts.get("knob.width")), width, fresh, train, pause, save, open,
                toPyTorch);
        bar.setPadding(new Insets(6, 8, 6, 8));
        bottleneck.hint(Texts.get("s2s.bottleneck.hint"));
        alignment.tools(new Label(Texts.get("knob.model")), run, head, new Label(Texts.get("s2s.sourceLabel")), source, new Label(Texts.get("s2s.symbol")), symbol);
        SplitPane split = new SplitPane(bottleneck, alignment);
        double width = area == null ? 1200 : area.getWidth();
        double height = area == null ? 700 : area.getHeight() - TITLE_BAR;
        // side by side where the window is wide; one above the other where the reader leaves it narrow
        split.setOrientation(width >= 1.3 * height ? Orientation.HORIZONTAL : Orientation.VERTICAL);
        split.setDividerPositions(0.5);
        BorderPane root = new BorderPane(split);
        root.setTop(bar);
        root.setBottom(status);
        BorderPane.setMargin(status, new Insets(4, 8, 6, 8));
        // sized from the lab's window, not from Screen (sized from Screen, the window stayed black under GTK here)
        Scene scene = new Scene(root, width, height);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
            stage.initOwner(owner);
        }
        scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+S"), save::fire);
        scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+O"), open::fire);
        stage.setScene(scene);
        stage.setTitle(Texts.get("s2s.title"));
        stage.setOnHidden(e -> session.close());
        AnimationTimer poll = new AnimationTimer() {
            @Override
            public void handle(long now) {
                Seq2SeqTrainer.Snapshot s = session.latest();
                if (s.version() != shown) {
                    shown = s.version();
                    show(s);
                }
            }
        };
        poll.start();
        stage.setOnHiding(e -> poll.stop());
        setUp();
    }

    public Stage stage() {
        return stage;
    }

    public List<FigurePane> panes() {
        return List.of(bottleneck, alignment);
    }

    public Seq2SeqTrainer session() {
        return session;
    }

    /** Sets the task up afresh and trains {@link #TRAIN_STEPS} steps (the launcher's --encoder-decoder, a lesson). */
    public void start(Task t) {
        task.setValue(t);
        setUp();
        session.train(TRAIN_STEPS);
    }

    /**
     * A lesson's scene: these models built afresh, {@code inspect} shown, {@code train} steps trained, and the scene's
     * point measured at the end and at every measurement on the way. Completes on the FX thread.
     */
    public CompletableFuture<Measured> runScene(Seq2SeqExperiment.Spec spec, int train,
            String inspect, Point point, Consumer<String> progress) {
        task.setValue(spec.task());
        width.setValue(spec.models().get(spec.models().size() - 1).hidden());
        sceneProgress = progress;
        progress.accept(Texts.get("progress.preparing", spec.task().id()));
        return session.setUp(spec).thenCompose(s -> {
            if (inspect != null) {
                session.inspect(inspect);
            }
            if (train == 0) {
                return CompletableFuture.completedFuture(s);
            }
            session.train(train);
            return session.whenMeasured(train);
        }).thenCompose(s -> point == null ? CompletableFuture.<Measured>completedFuture(null) : session.measure(point))
                .thenApplyAsync(m -> {
                    sceneProgress = x -> { };
                    progress.accept("");
                    return m;
                }, Platform::runLater);
    }

    /** Saves the experiment to {@code file}; the status line says how it went. */
    public CompletableFuture<Seq2SeqTrainer.Snapshot> save(Path file) {
        return session.save(file);
    }

    /** Replaces the models with those saved in {@code file}, the task and width shown as saved; a bad file keeps them. */
    public CompletableFuture<Seq2SeqTrainer.Snapshot> open(Path file) {
        return session.open(file).thenApplyAsync(s -> {
            task.setValue(s.spec().task());
            width.setValue(s.spec().models().get(s.spec().models().size() - 1).hidden());
            return s;
        }, Platform::runLater);
    }

    /** The height a window manager's title bar takes, left out of the area the scene fills. */
    private static final double TITLE_BAR = 32;

    public void show() {
        if (area != null && !stage.isShowing()) {
            stage.setX(area.getMinX());
            stage.setY(area.getMinY());
        }
        stage.show();
        stage.toFront();
    }

    private void setUp() {
        Attention.Score s = Attention.Score.parse(score.getValue());
        int h = width.getValue();
        try {
            session.setUp(new Seq2SeqExperiment.Spec(task.getValue(), List.of(new Seq2SeqConfig(Seq2SeqConfig.Kind.GRU, null, 32, h),
                    new Seq2SeqConfig(Seq2SeqConfig.Kind.ATTENTION, s, 32, h), new Seq2SeqConfig(Seq2SeqConfig.Kind.TRANSFORMER, null, 32, h)),
                    32, 1, 3e-3));
        } catch (IllegalArgumentException e) {
            status.setText(e.getLocalizedMessage());   // e.g. too large for this machine's memory: said before anything is allocated
        }
    }

    private void show(Seq2SeqTrainer.Snapshot s) {
        if (s.running()) {
            sceneProgress.accept(Texts.get("progress.training", s.step(), s.target()));
        }
        last = s;
        train.setDisable(s.spec() == null || s.running());
        pause.setDisable(!s.running());
        StringBuilder sb = new StringBuilder();
        sb.append(s.running() ? Texts.get("s2s.training", s.step(), s.target()) : Texts.get("s2s.step", s.step()));
        if (s.measured() != null) {
            for (Seq2SeqExperiment.Measured m : s.measured()) {
                sb.append("   " + Texts.get("s2s.measured", m.id(),
                        m.validation().exactMatch(), m.validation().bleu().score(), m.validation().bits(), m.step()));
            }
        }
        if (!s.message().isEmpty()) {
            sb.append("   ").append(s.message());
        }
        status.setText(sb.toString());
        if (s.inspection() != null && !source.isFocused()) {
            source.setText(s.inspection().source());
        }
        if (s.spec() != null) {
            bottleneck.setFigure(BottleneckFigure.of(s.spec().task(), s.measured() == null ? List.of() : s.measured()));
        }
        redrawAlignment();
    }

    private void redrawAlignment() {
        Seq2SeqTrainer.Snapshot s = last;
        if (s == null || s.inspection() == null) {
            alignment.setFigure(Figure.empty("alignment", Texts.get("s2s.alignment"), Texts.get("s2s.settingUp")));
            return;
        }
        int i = run.getValue() == null ? 1 : run.getValue().charAt(0) - 'A';
        if (i >= s.inspection().runs().size()) {
            i = s.inspection().runs().size() - 1;
        }
        Seq2SeqInspection.Run r = s.inspection().runs().get(i);
        List<String> heads = new ArrayList<>(List.of(MEAN));
        heads.addAll(r.heads().keySet());
        if (!head.getItems().equals(heads)) {
            String keep = head.getValue();
            head.getItems().setAll(heads);
            head.setValue(heads.contains(keep) ? keep : MEAN);
        }
        head.setVisible(heads.size() > 1);
        head.setManaged(heads.size() > 1);
        double[][] weights = r.weights();
        String id = r.id();
        if (heads.size() > 1 && head.getValue() != null && !MEAN.equals(head.getValue())) {
            weights = r.heads().get(head.getValue());
            id = r.id() + " (" + head.getValue() + ")";
        }
        int rows = weights.length;
        symbol.setMax(Math.max(1, rows - 1));
        symbol.setDisable(rows == 0);
        int highlight = rows == 0 ? -1 : (int) Math.round(Math.min(symbol.getValue(), rows - 1));
        alignment.setFigure(new AlignmentFigure(new AlignmentFigure.Input(id, EngineNames.model(r.label()), s.inspection().source(), r.output(),
                s.inspection().reference(), weights, r.encoderStates(), r.context(), highlight)));
    }
}
