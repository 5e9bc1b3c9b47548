package org.seqlab.app.lab;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.seqlab.app.figures.AblationFigure;
import org.seqlab.app.figures.Figure;
import org.seqlab.app.figures.InductionFigure;
import org.seqlab.app.figures.LogitLensFigure;
import org.seqlab.app.figures.PatchingFigure;
import org.seqlab.app.figures.PermutationFigure;
import org.seqlab.app.figures.TakeApartFigures;
import org.seqlab.app.widgets.FigurePane;
import org.seqlab.app.work.Failure;
import org.seqlab.engine.inspect.Ablation;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;
import org.seqlab.engine.train.TrainingSnapshot;

/**
 * Taking a trained model apart: switch a part off, patch one position from another input, read each block through the
 * logit lens, score every head for induction; and (shown in the Attention group) a Transformer on a permuted input.
 * Each view computes on the engine thread, between training steps, when it
 * is opened, when its choices change, when the inspected input changes and when training pauses at a new step.
 */
final class TakeApartViews {

    private final LabModel lab;
    private final Consumer<String> status;
    final FigurePane ablation;
    final FigurePane patching;
    final FigurePane lens;
    final FigurePane heads;
    final FigurePane permute;
    private final ComboBox<RunChoice> ablateRun = Choices.run("ablateRun");
    private final ComboBox<Ablation> ablatePart = new ComboBox<>();
    private final Button replay = new Button("Replay", new FontIcon("mdi2r-replay"));
    private final ComboBox<RunChoice> patchRun = Choices.run("patchRun");
    private final Spinner<Integer> patchPosition = new Spinner<>(0, 4096, 4);
    private final CheckBox patchWhole = new CheckBox("whole cache");
    private final ComboBox<RunChoice> lensRun = Choices.run("lensRun");
    private final ComboBox<RunChoice> headsRun = Choices.run("headsRun");
    private final ComboBox<RunChoice> permuteRun = Choices.run("permuteRun");
    private TrainingSnapshot shown;
    private String shownText;
    private int shownStep = -1;
    private boolean syncing;
    private long seed = 1;

    TakeApartViews(LabModel lab, Consumer<String> status) {
        this.lab = lab;
        this.status = status;
        ablation = pane("ablateView", "Switch off", "Choose a part to switch off.");
        patching = pane("patchingView", "Patching", "Patch a position of a recurrent model or a Transformer.");
        lens = pane("lensView", "Logit lens", "Read a Transformer's blocks.");
        heads = pane("headsView", "Induction heads", "Score a Transformer's heads.");
        permute = pane("permuteView", "Permuted input", "Add a Transformer to see what its attention knows of order.");
        ablatePart.setId("ablatePart");
        ablatePart.setMinWidth(Region.USE_PREF_SIZE);
        ablatePart.setConverter(new StringConverter<>() {
            @Override
            public String toString(Ablation a) {
                return a == null ? "" : a.describe();
            }

            @Override
            public Ablation fromString(String s) {
                return null;
            }
        });
        replay.setId("ablateReplay");
        replay.setTooltip(new Tooltip("Generate again with new random draws, the same for the intact model and the one with the part off"));
        replay.setOnAction(e -> {
            seed++;
            compute(ablation);
        });
        ablation.tools(new Label("model"), ablateRun, new Label("switch off"), ablatePart, replay)
                .hint("the model as trained, with one part zeroed in a copy of its weights");
        patchPosition.setId("patchPosition");
        patchPosition.setPrefWidth(90);
        patchPosition.setMinWidth(Region.USE_PREF_SIZE);
        patchPosition.setEditable(true);
        patchWhole.setId("patchWhole");
        patchWhole.setTooltip(new Tooltip("A Transformer's state is its key/value cache: patch every position up to this one, not only"
                + " this one (a recurrent model's state is always patched whole)"));
        patching.tools(new Label("model"), patchRun, new Label("patch after position"), patchPosition, patchWhole)
                .hint("the inspected input against a copy with its first symbol changed");
        lens.tools(new Label("model"), lensRun).hint("the inspected input, read before every block");
        heads.tools(new Label("model"), headsRun).hint("a random string repeated twice");
        permute.tools(new Label("model"), permuteRun).hint("the inspected input, and its symbols before the last reversed");
        ablateRun.valueProperty().addListener((o, a, b) -> {
            RunSnapshot r = Choices.selected(shown, ablateRun);
            if (r != null) {
                boolean was = syncing;
                syncing = true;
                ablatePart.getItems().setAll(Ablation.parts(r.config().model()));
                ablatePart.setValue(TakeApartFigures.defaultPart(r.config().model()));
                syncing = was;
            }
            changed(ablation);
        });
        ablatePart.valueProperty().addListener((o, a, b) -> changed(ablation));
        patchRun.valueProperty().addListener((o, a, b) -> changed(patching));
        patchPosition.valueProperty().addListener((o, a, b) -> changed(patching));
        patchWhole.selectedProperty().addListener((o, a, b) -> changed(patching));
        lensRun.valueProperty().addListener((o, a, b) -> changed(lens));
        headsRun.valueProperty().addListener((o, a, b) -> changed(heads));
        permuteRun.valueProperty().addListener((o, a, b) -> changed(permute));
        // the models as they are now: measured again when training pauses at a new step while a view here is showing
        lab.snapshotProperty().addListener((o, a, s) -> {
            if (s.phase() == TrainingSnapshot.Phase.PAUSED && s.step() != shownStep && !s.runs().isEmpty()) {
                shownStep = s.step();
                panes().stream().filter(FigurePane::onScreen).forEach(this::compute);
            }
        });
    }

    private FigurePane pane(String id, String title, String note) {
        FigurePane p = new FigurePane(id, () -> lab.figuresFolderProperty().get(), lab.work(), status);
        p.setFigure(Figure.empty(id, title, note));
        p.setUserData(title);   // the title of its notes
        return p;
    }

    List<FigurePane> panes() {
        return List.of(ablation, patching, lens, heads, permute);
    }

    /** New runs: each choice lists the models that can fill its view. */
    void syncRuns(TrainingSnapshot s) {
        shown = s;
        syncing = true;
        try {
            Choices.keep(ablateRun, runs(s, f -> !f.image()));
            Choices.keep(patchRun, runs(s, f -> f.recurrent() || f == Family.TRANSFORMER));
            Choices.keep(lensRun, runs(s, f -> f == Family.TRANSFORMER));
            Choices.keep(headsRun, runs(s, f -> f == Family.TRANSFORMER));
            Choices.keep(permuteRun, runs(s, f -> f == Family.TRANSFORMER));
        } finally {
            syncing = false;
        }
    }

    private static List<RunChoice> runs(TrainingSnapshot s, Predicate<Family> which) {
        return s.runs().stream().filter(r -> which.test(r.config().model().family())).map(RunChoice::of).toList();
    }

    /** A new inspected input: the views showing it compute again. */
    void update(TrainingSnapshot s) {
        shown = s;
        String text = text();
        if (text != null && !text.equals(shownText)) {
            shownText = text;
            int n = text.codePointCount(0, text.length());
            patchPosition.getValueFactory().setValue(Math.min(patchPosition.getValue(), Math.max(0, n - 3)));
            panes().stream().filter(FigurePane::onScreen).forEach(this::compute);
        }
    }

    /** Opened: compute at once. */
    void shownTab(FigurePane pane) {
        if (panes().contains(pane)) {
            compute(pane);
        }
    }

    private void changed(FigurePane pane) {
        if (!syncing && pane.onScreen()) {
            compute(pane);
        }
    }

    private String text() {
        if (shown == null || shown.data() == null) {
            return null;
        }
        return shown.inspection() != null && !shown.inspection().text().isEmpty() ? shown.inspection().text()
                : shown.data().examples().isEmpty() ? null : shown.data().examples().get(0);
    }

    /** Computes a view on the engine thread (between training steps) and shows it, or says why it could not. */
    void compute(FigurePane pane) {
        String text = text();
        if (text == null || shown.runs().isEmpty()) {
            return;
        }
        if (pane == ablation) {
            RunSnapshot r = Choices.selected(shown, ablateRun);
            Ablation part = ablatePart.getValue();
            show(pane, r == null || part == null ? null
                    : () -> lab.tasks().ablate(r.id(), part, text, TakeApartFigures.SAMPLE_LENGTH, TakeApartFigures.TEMPERATURE, seed),
                    in -> new AblationFigure((AblationFigure.Input) in), "Add a text model to switch its parts off.");
        } else if (pane == patching) {
            RunSnapshot r = Choices.selected(shown, patchRun);
            int position = patchPosition.getValue() == null ? TakeApartFigures.defaultPosition(text) : patchPosition.getValue();
            show(pane, r == null ? null : () -> lab.tasks().patch(r.id(), text, position, patchWhole.isSelected()),
                    in -> new PatchingFigure((PatchingFigure.Input) in), "Add a recurrent model or a Transformer to patch it.");
        } else if (pane == lens) {
            RunSnapshot r = Choices.selected(shown, lensRun);
            show(pane, r == null ? null : () -> lab.tasks().lens(r.id(), text), in -> new LogitLensFigure((LogitLensFigure.Input) in),
                    "Add a Transformer to read its blocks through the logit lens.");
        } else if (pane == heads) {
            RunSnapshot r = Choices.selected(shown, headsRun);
            show(pane, r == null ? null : () -> lab.tasks().induction(r.id()), in -> new InductionFigure((InductionFigure.Input) in),
                    "Add a Transformer to score its heads.");
        } else if (pane == permute) {
            RunSnapshot r = Choices.selected(shown, permuteRun);
            show(pane, r == null ? null : () -> lab.tasks().permute(r.id(), text),
                    in -> new PermutationFigure((PermutationFigure.Input) in),
                    "Add a Transformer to see what its attention knows of order.");
        }
    }

    private void show(FigurePane pane, Supplier<CompletableFuture<?>> work, Function<Object, Figure> figure, String none) {
        if (work == null) {
            pane.setFigure(Figure.empty(pane.getId(), (String) pane.getUserData(), none));
            return;
        }
        work.get().whenComplete((in, ex) -> Platform.runLater(() -> {
            if (ex != null) {
                pane.setFigure(Figure.empty(pane.getId(), (String) pane.getUserData(), "Could not compute: " + Failure.reason(ex)));
                status.accept("Could not compute: " + Failure.reason(ex));
                return;
            }
            pane.setFigure(figure.apply(in));
        }));
    }
}
