package org.seqlab.app.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.seqlab.app.figures.AlignmentFigure;
import org.seqlab.app.figures.BottleneckFigure;
import org.seqlab.app.figures.Figure;
import org.seqlab.app.figures.Style;
import org.seqlab.app.widgets.FigurePane;
import org.seqlab.engine.model.seq2seq.Attention;
import org.seqlab.engine.model.seq2seq.Seq2SeqConfig;
import org.seqlab.engine.seq2seq.Seq2SeqExperiment;
import org.seqlab.engine.seq2seq.Seq2SeqSession;
import org.seqlab.engine.seq2seq.Task;

/**
 * The encoder–decoder lab: a GRU encoder–decoder without attention (A) and one with it (B) learn a task side by
 * side on their own engine thread. Left, the bottleneck measured (exact match by source length); right, where each
 * output symbol of the inspected source looked (B), or the encoder states and the one vector the decoder starts
 * from (A), stepped through symbol by symbol. The window only reads the session's snapshots.
 */
public final class EncoderDecoderWindow {

    public static final int TRAIN_STEPS = 1000;

    private final Stage stage = new Stage();
    private final Seq2SeqSession session = new Seq2SeqSession();
    private final ComboBox<Task> task = new ComboBox<>();
    private final ComboBox<String> score = new ComboBox<>();
    private final ComboBox<Integer> width = new ComboBox<>();
    private final Button fresh = new Button("_New models");
    private final Button train = new Button("_Train " + TRAIN_STEPS + " steps");
    private final Button pause = new Button("_Pause");
    private final TextField source = new TextField();
    private final ComboBox<String> run = new ComboBox<>();
    private final Slider symbol = new Slider(0, 1, 0);
    private final Label status = new Label();
    private final FigurePane bottleneck;
    private final FigurePane alignment;
    private long shown = -1;
    private Seq2SeqSession.Snapshot last;

    public EncoderDecoderWindow(Window owner, LabModel lab, boolean presenting) {
        Consumer<String> say = status::setText;
        bottleneck = new FigurePane("s2sBottleneck", () -> lab.figuresFolderProperty().get(), lab.work(), say);
        alignment = new FigurePane("s2sAlignment", () -> lab.figuresFolderProperty().get(), lab.work(), say);
        for (FigurePane p : List.of(bottleneck, alignment)) {
            p.canvas().setFigureStyle(presenting ? Style.PRESENTATION : Style.NORMAL);
        }
        task.getItems().setAll(Task.values());
        task.setValue(Task.REVERSE);
        task.setId("s2sTask");
        task.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Task t) {
                return t == null ? "" : t.id() + " — " + t.description();
            }

            @Override
            public Task fromString(String s) {
                return Task.parse(s.split(" ")[0]);
            }
        });
        score.getItems().setAll("additive", "dot");
        score.setValue("additive");
        score.setId("s2sScore");
        score.setTooltip(new Tooltip("How B scores a decoder state against an encoder state: vᵀtanh(W_q h + W_k e) (Bahdanau) or hᵀe (Luong)"));
        width.getItems().setAll(32, 64, 128);
        width.setValue(64);
        width.setId("s2sWidth");
        fresh.setId("s2sNew");
        train.setId("s2sTrain");
        pause.setId("s2sPause");
        fresh.setOnAction(e -> setUp());
        train.setOnAction(e -> session.train(TRAIN_STEPS));
        pause.setOnAction(e -> session.pause());
        source.setId("s2sSource");
        source.setPromptText("a source to inspect, then Enter");
        source.setOnAction(e -> session.inspect(source.getText().strip()));
        run.setId("s2sRun");
        run.getItems().setAll("B (attention)", "A (no attention)");
        run.setValue("B (attention)");
        run.valueProperty().addListener((o, a, b) -> redrawAlignment());
        symbol.setId("s2sSymbol");
        symbol.setMajorTickUnit(1);
        symbol.setMinorTickCount(0);
        symbol.setSnapToTicks(true);
        symbol.setBlockIncrement(1);
        symbol.valueProperty().addListener((o, a, b) -> redrawAlignment());
        status.setId("s2sStatus");
        status.setWrapText(true);

        FlowPane bar = new FlowPane(8, 6, new Label("Task"), task, new Label("B's attention"), score, new Label("width"), width, fresh, train, pause);
        bar.setPadding(new Insets(6, 8, 6, 8));
        bottleneck.hint("A: no attention; B: attention. Shaded: longer than any training source.");
        alignment.tools(new Label("model"), run, new Label("source"), source, new Label("output symbol"), symbol);
        SplitPane split = new SplitPane(bottleneck, alignment);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.5);
        BorderPane root = new BorderPane(split);
        root.setTop(bar);
        root.setBottom(status);
        BorderPane.setMargin(status, new Insets(4, 8, 6, 8));
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(1500, screen.getWidth() * 0.95), Math.min(940, screen.getHeight() * 0.95));
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
            stage.initOwner(owner);
        }
        stage.setScene(scene);
        stage.setTitle("SeqLab — encoder–decoder: the bottleneck and attention");
        stage.setOnHidden(e -> session.close());
        AnimationTimer poll = new AnimationTimer() {
            @Override
            public void handle(long now) {
                Seq2SeqSession.Snapshot s = session.latest();
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

    public Seq2SeqSession session() {
        return session;
    }

    /** Sets the task up afresh and trains {@link #TRAIN_STEPS} steps (the launcher's --encoder-decoder, a lesson). */
    public void start(Task t) {
        task.setValue(t);
        setUp();
        session.train(TRAIN_STEPS);
    }

    public void show() {
        stage.show();
        stage.toFront();
    }

    private void setUp() {
        Attention.Score s = Attention.Score.parse(score.getValue());
        int h = width.getValue();
        session.setUp(new Seq2SeqExperiment.Spec(task.getValue(), List.of(new Seq2SeqConfig(Seq2SeqConfig.Kind.GRU, null, 32, h),
                new Seq2SeqConfig(Seq2SeqConfig.Kind.ATTENTION, s, 32, h)), 32, 1, 3e-3));
    }

    private void show(Seq2SeqSession.Snapshot s) {
        last = s;
        train.setDisable(s.spec() == null || s.running());
        pause.setDisable(!s.running());
        StringBuilder sb = new StringBuilder();
        sb.append(s.running() ? "Training: step " + s.step() + " of " + s.target() : "Step " + s.step());
        if (s.measured() != null) {
            for (Seq2SeqExperiment.Measured m : s.measured()) {
                sb.append(String.format("   %s: exact %.0f%%, BLEU %.2f, %.2f bits/symbol (validation, step %d)", m.id(),
                        100 * m.validation().exactMatch(), m.validation().bleu().score(), m.validation().bits(), m.step()));
            }
        }
        if (!s.message().isEmpty()) {
            sb.append("   ").append(s.message());
        }
        status.setText(sb.toString());
        if (s.inspection() != null && !source.isFocused()) {
            source.setText(s.inspection().source());
        }
        List<BottleneckFigure.Curve> curves = new ArrayList<>();
        if (s.measured() != null) {
            for (Seq2SeqExperiment.Measured m : s.measured()) {
                curves.add(new BottleneckFigure.Curve(m.id(), m.label(), m.byLength()));
            }
        }
        String taskName = s.spec() == null ? "" : s.spec().task().id();
        bottleneck.setFigure(new BottleneckFigure(new BottleneckFigure.Input(taskName, curves, trainMax(s), s.measured() == null ? 0
                : s.measured().get(0).step())));
        redrawAlignment();
    }

    private static int trainMax(Seq2SeqSession.Snapshot s) {
        if (s.spec() == null) {
            return 0;
        }
        return switch (s.spec().task()) {
            case REVERSE, SORT, COPY -> Task.TRAIN_MAX_LETTERS;
            case DATES -> 20;
            case NUMBERS -> 5;
        };
    }

    private void redrawAlignment() {
        Seq2SeqSession.Snapshot s = last;
        if (s == null || s.inspection() == null) {
            alignment.setFigure(Figure.empty("alignment", "Alignment", "Setting up the models…"));
            return;
        }
        int i = run.getValue() != null && run.getValue().startsWith("A") ? 0 : 1;
        if (i >= s.inspection().runs().size()) {
            i = 0;
        }
        Seq2SeqSession.RunInspection r = s.inspection().runs().get(i);
        int rows = r.weights().length;
        symbol.setMax(Math.max(1, rows - 1));
        symbol.setDisable(rows == 0);
        int highlight = rows == 0 ? -1 : (int) Math.round(Math.min(symbol.getValue(), rows - 1));
        alignment.setFigure(new AlignmentFigure(new AlignmentFigure.Input(r.id(), r.label(), s.inspection().source(), r.output(),
                s.inspection().reference(), r.weights(), r.encoderStates(), r.context(), highlight)));
    }
}
