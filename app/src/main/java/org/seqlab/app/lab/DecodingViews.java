package org.seqlab.app.lab;

import org.seqlab.app.figures.ViewFigures;
import java.util.List;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.seqlab.app.figures.BeamFigure;
import org.seqlab.app.figures.DecodingFigure;
import org.seqlab.app.figures.ExposureFigure;
import org.seqlab.app.figures.Figure;
import org.seqlab.app.widgets.FigurePane;
import org.seqlab.app.figures.StrategiesFigure;
import org.seqlab.engine.sample.DecodingConfig;
import org.seqlab.engine.sample.Strategy;
import org.seqlab.engine.train.TrainingSnapshot;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;

/**
 * The decoding views: step-through generation with every strategy, beam search as a tree, exposure bias, and
 * strategies compared on many samples. Each computes on the engine thread (training waits) when asked, or when
 * its settings change, and keeps its result until then: the figures say at which training step they were made.
 */
final class DecodingViews {


    private final LabModel lab;
    private final Consumer<String> status;
    final FigurePane decoding;
    final FigurePane beam;
    final FigurePane exposure;
    final FigurePane strategies;

    /** The prompt shared by the decoding and beam views. */
    private final StringProperty prompt = new SimpleStringProperty("");
    private String defaultPrompt = "";

    private final ComboBox<String> decodeRun = LabViews.runChoice("decodeRun");
    private final TextField decodePrompt = promptField("decodePrompt");
    private final ComboBox<Strategy> strategy = new ComboBox<>();
    private final Spinner<Double> temperature = new Spinner<>(0.0, 5.0, 0.8, 0.1);
    private final Spinner<Integer> k = new Spinner<>(1, 200, 5);
    private final Spinner<Double> p = new Spinner<>(0.05, 1.0, 0.9, 0.05);
    private final Spinner<Integer> seed = new Spinner<>(0, 999_999, 1);
    private final Spinner<Integer> length = new Spinner<>(1, 400, 60);
    private final Label stepLabel = new Label();

    private final ComboBox<String> beamRun = LabViews.runChoice("beamRun");
    private final TextField beamPrompt = promptField("beamPrompt");
    private final Spinner<Integer> width = new Spinner<>(1, 8, 3);
    private final Spinner<Integer> beamLength = new Spinner<>(1, 24, 10);

    private final Spinner<Integer> example = new Spinner<>(0, ViewFigures.EXPOSURE_WINDOWS - 1, 0);
    private final Spinner<Integer> prefix = new Spinner<>(1, 4096, 32);
    private final ComboBox<String> freeRun = new ComboBox<>();
    private final ProgressBar exposureProgress = new ProgressBar(0);

    private final ComboBox<String> compareRun = LabViews.runChoice("compareRun");
    private final Spinner<Integer> samples = new Spinner<>(10, 2000, 100, 10);
    private final Spinner<Integer> compareLength = new Spinner<>(4, 200, 32);
    private final ProgressBar compareProgress = new ProgressBar(0);
    private final Button compare = new Button("Compare", new FontIcon("mdi2s-scale-balance"));
    private final Button computeExposure = new Button("Compute", new FontIcon("mdi2c-chart-bell-curve-cumulative"));

    private final PauseTransition decodeSoon = new PauseTransition(Duration.millis(250));
    private final PauseTransition beamSoon = new PauseTransition(Duration.millis(250));
    private TrainingSnapshot shown;

    DecodingViews(LabModel lab, Consumer<String> status) {
        this.lab = lab;
        this.status = status;
        for (ComboBox<String> c : List.of(decodeRun, beamRun, compareRun)) {
            c.setPrefWidth(190);
        }
        decoding = pane("decodingView");
        beam = pane("beamView");
        exposure = pane("exposureView");
        strategies = pane("strategiesView");

        // decoding: two rows of tools
        strategy.setId("decodeStrategy");
        strategy.getItems().setAll(Strategy.SAMPLE, Strategy.TOP_K, Strategy.TOP_P, Strategy.GREEDY);
        strategy.setValue(Strategy.TOP_P);
        setUp(temperature, "decodeTemperature", 80, "T: divides the logits before the softmax (0 = greedy)");
        setUp(k, "decodeK", 75, "top-k: how many of the most likely tokens stay in the draw");
        setUp(p, "decodeP", 80, "top-p: the smallest set of most likely tokens whose mass reaches p stays in the draw");
        setUp(seed, "decodeSeed", 95, "the same seed draws the same continuation");
        setUp(length, "decodeLength", 80, "tokens to generate");
        strategy.valueProperty().addListener((o, a, b) -> enableKnobs());
        enableKnobs();
        Button generate = new Button("Generate", new FontIcon("mdi2p-play-circle-outline"));
        generate.setId("decodeGenerate");
        generate.setTooltip(new Tooltip("Decode again with the model as it is now"));
        generate.setOnAction(e -> decode());
        Button back = new Button("", new FontIcon("mdi2c-chevron-left"));
        back.setId("decodeBack");
        back.setTooltip(new Tooltip("Previous step (←)"));
        back.setOnAction(e -> move(-1));
        Button forward = new Button("", new FontIcon("mdi2c-chevron-right"));
        forward.setId("decodeForward");
        forward.setTooltip(new Tooltip("Next step (→); click a character to jump to its step"));
        forward.setOnAction(e -> move(1));
        stepLabel.setId("decodeStepLabel");
        stepLabel.setMinWidth(90);
        decoding.tools(rows(
                row(new Label("model"), decodeRun, new Label("prompt"), decodePrompt, generate, back, stepLabel, forward),
                row(new Label("strategy"), strategy, new Label("T"), temperature, new Label("k"), k, new Label("p"), p, new Label("seed"), seed,
                        new Label("length"), length)));
        decoding.canvas().takeArrowKeys(e -> {
            if (e.getCode() == KeyCode.LEFT || e.getCode() == KeyCode.RIGHT) {
                move(e.getCode() == KeyCode.LEFT ? -1 : 1);
                e.consume();
            } else if (e.getCode() == KeyCode.HOME || e.getCode() == KeyCode.END) {
                move(e.getCode() == KeyCode.HOME ? -100_000 : 100_000);
                e.consume();
            }
        });
        decoding.canvas().figureProperty().addListener((o, a, b) -> showStep());

        // beam search
        setUp(width, "beamWidth", 70, "W: hypotheses kept at every step");
        setUp(beamLength, "beamLength", 70, "tokens to generate");
        Button search = new Button("Search", new FontIcon("mdi2f-file-tree-outline"));
        search.setId("beamSearch");
        search.setOnAction(e -> searchBeam());
        beam.tools(new Label("model"), beamRun, new Label("prompt"), beamPrompt, new Label("width W"), width, new Label("length"), beamLength, search);

        // exposure bias
        setUp(example, "exposureExample", 75, "which validation window to show (the means use all " + ViewFigures.EXPOSURE_WINDOWS + ")");
        setUp(prefix, "exposurePrefix", 80, "tokens both histories share before the continuation");
        freeRun.setId("exposureFreeRun");
        freeRun.getItems().setAll("greedy", "sampling T = 1");
        freeRun.setValue("greedy");
        computeExposure.setId("computeExposure");
        computeExposure.setTooltip(new Tooltip("Continue " + ViewFigures.EXPOSURE_WINDOWS + " validation windows with every text model (training waits)"));
        computeExposure.setOnAction(e -> computeExposure());
        exposureProgress.setPrefWidth(110);
        exposureProgress.setVisible(false);
        exposure.tools(new Label("example"), example, new Label("prefix"), prefix, new Label("free running"), freeRun, computeExposure,
                exposureProgress);

        // strategy comparison
        setUp(samples, "compareSamples", 90, "continuations per strategy (greedy and beam are deterministic: one each)");
        setUp(compareLength, "compareLength", 80, "tokens per continuation");
        compare.setId("compareStrategies");
        compare.setTooltip(new Tooltip("Greedy, the strategy and settings of the Decoding view, and its siblings; beam search with "
                + "the Beam view's width (training waits)"));
        compare.setOnAction(e -> compareStrategies());
        compareProgress.setPrefWidth(110);
        compareProgress.setVisible(false);
        strategies.tools(new Label("model"), compareRun, new Label("samples N"), samples, new Label("length"), compareLength, compare,
                compareProgress).hint("prompt and T, k, p, seed from the Decoding view");

        decoding.setFigure(Figure.empty("decoding", "Decoding step by step", "Train a text model, then press Generate."));
        beam.setFigure(Figure.empty("beam-search", "Beam search", "Train a text model, then press Search."));
        exposure.setFigure(Figure.empty("exposure-bias", "Exposure bias", "Press Compute to continue validation windows two ways."));
        strategies.setFigure(Figure.empty("decoding-strategies", "Decoding strategies compared", "Press Compare to sample every strategy N times."));

        // settings that change what is drawn recompute it, a moment after the last change
        decodeSoon.setOnFinished(e -> decode());
        beamSoon.setOnFinished(e -> searchBeam());
        for (Spinner<?> s : List.of(temperature, k, p, seed, length)) {
            s.valueProperty().addListener((o, a, b) -> decodeSoon.playFromStart());
        }
        strategy.valueProperty().addListener((o, a, b) -> decodeSoon.playFromStart());
        decodeRun.valueProperty().addListener((o, a, b) -> decodeSoon.playFromStart());
        for (Spinner<?> s : List.of(width, beamLength)) {
            s.valueProperty().addListener((o, a, b) -> beamSoon.playFromStart());
        }
        beamRun.valueProperty().addListener((o, a, b) -> beamSoon.playFromStart());
        decodePrompt.textProperty().bindBidirectional(prompt);
        beamPrompt.textProperty().bindBidirectional(prompt);
        prompt.addListener((o, a, b) -> {
            decodeSoon.playFromStart();
            beamSoon.playFromStart();
        });
        example.valueProperty().addListener((o, a, b) -> computeExposure());
        freeRun.valueProperty().addListener((o, a, b) -> computeExposure());
    }

    private FigurePane pane(String id) {
        return new FigurePane(id, () -> lab.figuresFolderProperty().get(), lab.background(), status);
    }

    private static TextField promptField(String id) {
        TextField t = new TextField();
        t.setId(id);
        t.setPrefColumnCount(14);
        t.setPromptText("text to continue");
        return t;
    }

    private static void setUp(Spinner<?> s, String id, double width, String tip) {
        s.setId(id);
        s.setEditable(true);
        s.setPrefWidth(width);
        s.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        s.setTooltip(new Tooltip(tip));
        // a typed value counts when focus leaves, not only on Enter
        s.focusedProperty().addListener((o, a, focused) -> {
            if (!focused) {
                s.increment(0);
            }
        });
    }

    private static Node rows(Node... rows) {
        return new VBox(4, rows);
    }

    /**
     * One row of the decoding knobs. In a narrow pane it wraps onto another line instead of squeezing its fields
     * until their numbers vanish; each label stays with the control after it.
     */
    private static Node row(Node... nodes) {
        javafx.scene.layout.FlowPane flow = new javafx.scene.layout.FlowPane(10, 4);
        flow.setAlignment(Pos.CENTER_LEFT);
        flow.setPrefWrapLength(1200);   // one line where there is room (the default, 400 px, wraps early)
        flow.setMinWidth(0);
        for (int i = 0; i < nodes.length; i++) {
            Node n = nodes[i];
            if (n instanceof Label l && i + 1 < nodes.length) {
                l.getStyleClass().add("tool-label");
                HBox pair = new HBox(6, l, nodes[++i]);
                pair.setAlignment(Pos.CENTER_LEFT);
                flow.getChildren().add(pair);
            } else {
                flow.getChildren().add(n);
            }
        }
        return flow;
    }

    private void enableKnobs() {
        Strategy s = strategy.getValue();
        temperature.setDisable(s == Strategy.GREEDY);
        k.setDisable(s != Strategy.TOP_K);
        p.setDisable(s != Strategy.TOP_P);
        seed.setDisable(s == Strategy.GREEDY);
    }

    List<FigurePane> panes() {
        return List.of(decoding, beam, exposure, strategies);
    }

    /** New runs or data: the choices list the models, and the prompt follows the data. */
    void syncRuns(TrainingSnapshot s) {
        shown = s;
        filled.clear();
        List<String> all = s.runs().stream().map(RunSnapshot::label).toList();
        for (ComboBox<String> box : List.of(decodeRun, beamRun, compareRun)) {
            LabViews.keep(box, all);
        }
        boolean image = s.data() != null && s.data().image() != null;
        // an image model continues the inspected digit's top half: there is no prompt to type
        for (TextField f : List.of(decodePrompt, beamPrompt)) {
            f.setDisable(image);
            f.setPromptText(image ? "the inspected digit's top half" : "text to continue");
        }
        length.setDisable(image);   // an image is continued to its last pixel
        if (image) {
            prompt.set("");
            defaultPrompt = "";
            int pixels = s.data().image().pixels();
            ((javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory) prefix.getValueFactory()).setMax(pixels - 1);
            prefix.getValueFactory().setValue(pixels / 2);
        } else if (s.data() != null) {
            String d = ViewFigures.textPrompt(s.data().examples());
            if (prompt.get().isEmpty() || prompt.get().equals(defaultPrompt)) {
                defaultPrompt = d;
                prompt.set(d);
            }
            defaultPrompt = d;
            int t = s.data().sequenceLength();
            if (t > 1) {
                ((javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory) prefix.getValueFactory()).setMax(t);
                if (prefix.getValue() >= t) {
                    prefix.getValueFactory().setValue(t / 2);
                }
            }
        }
    }

    /**
     * A new snapshot. Step-through and beam figures stay as they are while training runs (so the step being
     * read does not jump), and catch up with the model when training stops, if they are on screen.
     */
    void update(TrainingSnapshot s, FigurePane visible) {
        boolean stopped = shown != null && shown.phase() == TrainingSnapshot.Phase.RUNNING && s.phase() != TrainingSnapshot.Phase.RUNNING;
        shown = s;
        boolean ready = s.phase() != TrainingSnapshot.Phase.LOADING && !s.runs().isEmpty();
        String inspected = s.inspection() == null ? "" : s.inspection().text();
        boolean newDigit = image() && !inspected.equals(lastInspected);
        lastInspected = inspected;
        if (visible != null && panes().contains(visible) && ready && filled.add(visible)) {
            shownTab(visible);          // opened before the models existed (a start option, a lesson)
        } else if (stopped && visible != null) {
            refreshIfStale(visible);
        } else if (newDigit && ready) {
            decodeSoon.playFromStart();  // an image model continues the inspected digit
            beamSoon.playFromStart();
        }
    }

    private String lastInspected = "";

    private boolean image() {
        return shown != null && shown.data() != null && shown.data().image() != null;
    }

    /** What the models continue: the typed prompt, or for images the inspected digit's top half. */
    private String start() {
        return image() ? ViewFigures.defaultPrompt(shown) : prompt.get();
    }

    /** At most {@code wanted} tokens, and for an image no more than the pixels left after the prompt. */
    private int lengthAfter(String start, int wanted) {
        return ViewFigures.lengthAfter(image() ? shown.data().image() : null, start, wanted);
    }

    /** The views filled since the models last changed. */
    private final java.util.Set<FigurePane> filled = new java.util.HashSet<>();

    private void refreshIfStale(FigurePane pane) {
        int step = shown == null ? -1 : shown.step();
        if (pane == decoding && !(decoding.canvas().figure() instanceof DecodingFigure f && f.input().trainingStep() == step)) {
            decode();
        } else if (pane == beam && !(beam.canvas().figure() instanceof BeamFigure f && f.input().trainingStep() == step)) {
            searchBeam();
        } else if (pane == exposure && exposure.canvas().figure() instanceof ExposureFigure f && f.input().trainingStep() != step
                && !computeExposure.isDisabled()) {
            computeExposure();
        }
    }


    private DecodingConfig config() {
        return new DecodingConfig(strategy.getValue(), temperature.getValue(), k.getValue(), p.getValue(), width.getValue(), seed.getValue());
    }


    // ---- step-through decoding ----

    void decode() {
        RunSnapshot r = LabViews.selected(shown, decodeRun);
        if (r == null) {
            decoding.setFigure(Figure.empty("decoding", "Decoding step by step", "Add a model."));
            return;
        }
        DecodingConfig c = config();
        String text = start();
        int n = lengthAfter(text, image() ? Integer.MAX_VALUE : length.getValue());
        org.seqlab.engine.data.ImageShape shape = image() ? shown.data().image() : null;
        if (shape != null) {
            status.accept("Decoding " + n + " pixels… (training waits)");   // cleared below; text decodes too fast to announce
        }
        DecodingFigure previous = decoding.canvas().figure() instanceof DecodingFigure f ? f : null;
        lab.tasks().decode(r.id(), text, n, c, shape).whenComplete((in, ex) -> Platform.runLater(() -> {
            if (shape != null) {
                status.accept("");
            }
            if (ex != null) {
                decoding.setFigure(Figure.empty("decoding", "Decoding step by step", Failure.reason(ex)));
                return;
            }
            // keep the step being looked at when only the settings changed
            boolean keepStep = previous != null && previous.input().prompt().equals(in.prompt());
            decoding.setFigure(new DecodingFigure(in, keepStep && previous.greedyBranch(), keepStep ? previous.step() : 0));
        }));
    }

    private void move(int delta) {
        if (decoding.canvas().figure() instanceof DecodingFigure f) {
            decoding.setFigure(f.at(f.greedyBranch(), Math.max(0, Math.min(f.steps() - 1, f.step() + delta))));
        }
    }

    private void showStep() {
        if (decoding.canvas().figure() instanceof DecodingFigure f) {
            stepLabel.setText(String.format("step %d / %d", f.step() + 1, f.steps()));
        } else {
            stepLabel.setText("");
        }
    }

    // ---- beam search ----

    void searchBeam() {
        RunSnapshot r = LabViews.selected(shown, beamRun);
        if (r == null) {
            beam.setFigure(Figure.empty("beam-search", "Beam search", "Add a model."));
            return;
        }
        String text = start();
        int w = width.getValue();
        int n = lengthAfter(text, beamLength.getValue());
        lab.tasks().beam(r.id(), text, w, n).whenComplete((in, ex) -> Platform.runLater(() -> beam.setFigure(ex != null
                ? Figure.empty("beam-search", "Beam search", Failure.reason(ex)) : new BeamFigure(in))));
    }

    // ---- exposure bias ----

    void computeExposure() {
        if (shown == null || shown.runs().isEmpty()) {
            exposure.setFigure(Figure.empty("exposure-bias", "Exposure bias", "Add a model to compare teacher forcing with free running."));
            return;
        }
        int k = example.getValue();
        int pre = prefix.getValue();
        DecodingConfig free = "greedy".equals(freeRun.getValue()) ? DecodingConfig.of(Strategy.GREEDY)
                : DecodingConfig.of(Strategy.SAMPLE).withSeed(seed.getValue());
        computeExposure.setDisable(true);
        exposureProgress.setProgress(0);
        exposureProgress.setVisible(true);
        status.accept("Continuing validation windows teacher-forced and free-running… (training waits)");
        lab.tasks().exposure(k, pre, free,
                share -> Platform.runLater(() -> exposureProgress.setProgress(share))).whenComplete((in, ex) -> Platform.runLater(() -> {
            computeExposure.setDisable(false);
            exposureProgress.setVisible(false);
            if (ex != null) {
                exposure.setFigure(Figure.empty("exposure-bias", "Exposure bias", Failure.reason(ex)));
                status.accept("Could not compute exposure bias: " + Failure.reason(ex));
                return;
            }
            exposure.setFigure(new ExposureFigure(in));
            status.accept("");
        }));
    }

    // ---- strategies compared ----

    void compareStrategies() {
        RunSnapshot r = LabViews.selected(shown, compareRun);
        if (r == null) {
            strategies.setFigure(Figure.empty("decoding-strategies", "Decoding strategies compared", "Add a model to compare strategies."));
            return;
        }
        String text = start();
        int n = samples.getValue();
        int len = lengthAfter(text, compareLength.getValue());
        double t = temperature.getValue();
        List<DecodingConfig> list = ViewFigures.strategyList(t, k.getValue(), p.getValue(), width.getValue(), seed.getValue());
        compare.setDisable(true);
        compareProgress.setProgress(0);
        compareProgress.setVisible(true);
        status.accept("Sampling " + n + " continuations per strategy… (training waits)");
        lab.tasks().strategies(r.id(), text, list, n, len,
                share -> Platform.runLater(() -> compareProgress.setProgress(share))).whenComplete((in, ex) -> Platform.runLater(() -> {
            compare.setDisable(false);
            compareProgress.setVisible(false);
            if (ex != null) {
                strategies.setFigure(Figure.empty("decoding-strategies", "Decoding strategies compared", Failure.reason(ex)));
                status.accept("Could not compare: " + Failure.reason(ex));
                return;
            }
            strategies.setFigure(new StrategiesFigure(in));
            status.accept("Compared " + in.rows().size() + " strategies.");
        }));
    }


    /** A tab comes into view: bring step-through and beam up to date, and fill exposure bias the first time. */
    void shownTab(FigurePane pane) {
        if (shown == null || shown.phase() == TrainingSnapshot.Phase.LOADING) {
            return;                     // update() fills it once the models exist
        }
        filled.add(pane);
        if (pane == decoding || pane == beam) {
            refreshIfStale(pane);
        } else if (pane == exposure && !(exposure.canvas().figure() instanceof ExposureFigure) && !computeExposure.isDisabled()) {
            computeExposure();
        }
    }
}
