package org.seqlab.app.lab;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.seqlab.app.figures.BeamFigure;
import org.seqlab.app.figures.DecodingFigure;
import org.seqlab.app.figures.Figure;
import org.seqlab.app.figures.ViewFigures;
import org.seqlab.app.widgets.FigurePane;
import org.seqlab.app.work.Failure;
import org.seqlab.engine.data.ImageShape;
import org.seqlab.engine.sample.DecodingConfig;
import org.seqlab.engine.sample.Strategy;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;
import org.seqlab.engine.train.TrainingSnapshot;

/**
 * The decoding views: step-through generation with every strategy, beam search as a tree, exposure bias, and
 * strategies compared on many samples. Each computes on the engine thread (training waits) when asked, or when
 * its settings change, and keeps its result until then: the figures say at which training step they were made.
 */
final class DecodingViews implements StrategiesView.Decoding {


    private final LabModel lab;
    private final Consumer<String> status;
    final FigurePane decoding;
    final FigurePane beam;
    final FigurePane exposure;
    private final ExposureView exposureView;
    final FigurePane strategies;
    private final StrategiesView strategiesView;

    /** The prompt shared by the decoding and beam views. */
    private final StringProperty prompt = new SimpleStringProperty("");
    private String defaultPrompt = "";

    private final ComboBox<RunChoice> decodeRun = Choices.run("decodeRun");
    private final TextField decodePrompt = Knobs.promptField("decodePrompt");
    private final ComboBox<Strategy> strategy = new ComboBox<>();
    private final Spinner<Double> temperature = new Spinner<>(0.0, 5.0, 0.8, 0.1);
    private final Spinner<Integer> k = new Spinner<>(1, 200, 5);
    private final Spinner<Double> p = new Spinner<>(0.05, 1.0, 0.9, 0.05);
    private final Spinner<Integer> seed = new Spinner<>(0, 999_999, 1);
    private final Spinner<Integer> length = new Spinner<>(1, 400, 60);
    private final Label stepLabel = new Label();

    private final ComboBox<RunChoice> beamRun = Choices.run("beamRun");
    private final TextField beamPrompt = Knobs.promptField("beamPrompt");
    private final Spinner<Integer> width = new Spinner<>(1, 8, 3);
    private final Spinner<Integer> beamLength = new Spinner<>(1, 24, 10);



    private final PauseTransition decodeSoon = new PauseTransition(Duration.millis(250));
    private final PauseTransition beamSoon = new PauseTransition(Duration.millis(250));
    private TrainingSnapshot shown;

    DecodingViews(LabModel lab, Consumer<String> status) {
        this.lab = lab;
        this.status = status;
        decoding = pane("decodingView");
        beam = pane("beamView");
        exposure = pane("exposureView");
        exposureView = new ExposureView(lab, exposure, status, () -> seed.getValue());
        strategies = pane("strategiesView");
        strategiesView = new StrategiesView(lab, strategies, status, this);

        // decoding: two rows of tools
        strategy.setId("decodeStrategy");
        strategy.getItems().setAll(Strategy.SAMPLE, Strategy.TOP_K, Strategy.TOP_P, Strategy.GREEDY);
        strategy.setValue(Strategy.TOP_P);
        Knobs.spinner(temperature, "decodeTemperature", 80, "temperature τ: divides the logits before the softmax (0 = greedy)");
        Knobs.spinner(k, "decodeK", 75, "top-k: how many of the most likely tokens stay in the draw");
        Knobs.spinner(p, "decodeP", 80, "top-p: the smallest set of most likely tokens whose mass reaches p stays in the draw");
        Knobs.spinner(seed, "decodeSeed", 95, "the same seed draws the same continuation");
        Knobs.spinner(length, "decodeLength", 80, "tokens to generate");
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
        decoding.tools(Knobs.rows(
                Knobs.row(new Label("model"), decodeRun, new Label("prompt"), decodePrompt, generate, Knobs.together(back, stepLabel, forward)),
                Knobs.row(new Label("strategy"), strategy, new Label("τ"), temperature, new Label("k"), k, new Label("p"), p, new Label("seed"), seed,
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
        Knobs.spinner(width, "beamWidth", 70, "W: hypotheses kept at every step");
        Knobs.spinner(beamLength, "beamLength", 70, "tokens to generate");
        Button search = new Button("Search", new FontIcon("mdi2f-file-tree-outline"));
        search.setId("beamSearch");
        search.setOnAction(e -> searchBeam());
        beam.tools(new Label("model"), beamRun, new Label("prompt"), beamPrompt, new Label("width W"), width, new Label("length"), beamLength, search);


        decoding.setFigure(Figure.empty("decoding", "Decoding step by step", "Train a text model, then press Generate."));
        beam.setFigure(Figure.empty("beam-search", "Beam search", "Train a text model, then press Search."));

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
    }

    private FigurePane pane(String id) {
        return new FigurePane(id, () -> lab.figuresFolderProperty().get(), lab.work(), status);
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
        List<RunChoice> all = s.runs().stream().map(RunChoice::of).toList();
        for (ComboBox<RunChoice> box : List.of(decodeRun, beamRun)) {
            Choices.keep(box, all);
        }
        strategiesView.syncRuns(s, all);
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
            exposureView.fitPrefix(s.data().image().pixels() - 1, s.data().image().pixels() / 2);
        } else if (s.data() != null) {
            String d = ViewFigures.textPrompt(s.data().examples());
            if (prompt.get().isEmpty() || prompt.get().equals(defaultPrompt)) {
                defaultPrompt = d;
                prompt.set(d);
            }
            defaultPrompt = d;
            int t = s.data().sequenceLength();
            if (t > 1) {
                exposureView.fitPrefix(t, t / 2);
            }
        }
    }

    /** While training runs, the step-through and beam figures on screen are made again every this many steps. */
    static final int FOLLOW_EVERY = 100;
    private int followedAt = -1;

    /**
     * A new snapshot. Step-through and beam figures on screen follow training every {@link #FOLLOW_EVERY} steps (the
     * symbol being read stays where it is: only the model's choices change), and catch up when training stops.
     */
    void update(TrainingSnapshot s, FigurePane visible) {
        exposureView.shown(s);
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
        } else if (s.phase() == TrainingSnapshot.Phase.RUNNING && (visible == decoding || visible == beam)
                && (followedAt < 0 || s.step() < followedAt || s.step() - followedAt >= FOLLOW_EVERY)) {
            followedAt = s.step();
            refreshIfStale(visible);     // the figure says the step it was made at
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
    @Override
    public String start() {
        return image() ? ViewFigures.defaultPrompt(shown) : prompt.get();
    }

    /** At most {@code wanted} tokens, and for an image no more than the pixels left after the prompt. */
    @Override
    public int lengthAfter(String start, int wanted) {
        return ViewFigures.lengthAfter(image() ? shown.data().image() : null, start, wanted);
    }

    /** The views filled since the models last changed. */
    private final Set<FigurePane> filled = new HashSet<>();

    private void refreshIfStale(FigurePane pane) {
        int step = shown == null ? -1 : shown.step();
        if (pane == decoding && !(decoding.canvas().figure() instanceof DecodingFigure f && f.input().trainingStep() == step)) {
            decode();
        } else if (pane == beam && !(beam.canvas().figure() instanceof BeamFigure f && f.input().trainingStep() == step)) {
            searchBeam();
        } else if (pane == exposure) {
            exposureView.refreshIfStale(step);
        }
    }


    private DecodingConfig config() {
        return new DecodingConfig(strategy.getValue(), temperature.getValue(), k.getValue(), p.getValue(), width.getValue(), seed.getValue());
    }


    // ---- step-through decoding ----

    void decode() {
        RunSnapshot r = Choices.selected(shown, decodeRun);
        if (r == null) {
            decoding.setFigure(Figure.empty("decoding", "Decoding step by step", "Add a model."));
            return;
        }
        DecodingConfig c = config();
        String text = start();
        int n = lengthAfter(text, image() ? Integer.MAX_VALUE : length.getValue());
        ImageShape shape = image() ? shown.data().image() : null;
        DecodingFigure previous = decoding.canvas().figure() instanceof DecodingFigure f ? f : null;
        lab.work().await(shape != null ? "Decoding " + n + " pixels" : "Decoding", progress -> lab.tasks().decode(r.id(), text, n, c, shape), in -> {
            // keep the step being looked at when only the settings changed
            boolean keepStep = previous != null && previous.input().prompt().equals(in.prompt());
            decoding.setFigure(new DecodingFigure(in, keepStep && previous.greedyBranch(), keepStep ? previous.step() : 0));
        }, ex -> {
            if (shape != null) {
            status.accept("");
            }
            decoding.setFigure(Figure.empty("decoding", "Decoding step by step", Failure.reason(ex)));
        });
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
        RunSnapshot r = Choices.selected(shown, beamRun);
        if (r == null) {
            beam.setFigure(Figure.empty("beam-search", "Beam search", "Add a model."));
            return;
        }
        String text = start();
        int w = width.getValue();
        int n = lengthAfter(text, beamLength.getValue());
        lab.work().await("Beam search", progress -> lab.tasks().beam(r.id(), text, w, n), in -> beam.setFigure(new BeamFigure(in)),
                ex -> beam.setFigure(Figure.empty("beam-search", "Beam search", Failure.reason(ex))));
    }

    /** The strategies to compare, from the Decoding view's knobs and the Beam view's width. */
    @Override
    public List<DecodingConfig> strategyList() {
        return ViewFigures.strategyList(temperature.getValue(), k.getValue(), p.getValue(), width.getValue(), seed.getValue());
    }

    /** A tab comes into view: bring step-through and beam up to date, and fill exposure bias the first time. */
    void shownTab(FigurePane pane) {
        if (shown == null || shown.phase() == TrainingSnapshot.Phase.LOADING) {
            return;                     // update() fills it once the models exist
        }
        filled.add(pane);
        if (pane == decoding || pane == beam) {
            refreshIfStale(pane);
        } else if (pane == exposure) {
            exposureView.fillOnce(shown);
        } else if (pane == strategies) {
            strategiesView.fillOnce();
        }
    }
}
