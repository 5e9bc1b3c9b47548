package org.seqlab.app.lab;

import java.util.List;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;
import org.seqlab.app.figures.AttentionFigure;
import org.seqlab.app.figures.CostsFigure;
import org.seqlab.app.figures.Figure;
import org.seqlab.app.figures.LengthFigure;
import org.seqlab.app.figures.MaskFigure;
import org.seqlab.app.figures.QueryFigure;
import org.seqlab.app.figures.ViewFigures;
import org.seqlab.app.widgets.FigurePane;
import org.seqlab.app.work.Failure;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.train.TrainingSnapshot.InspectionSnapshot;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;
import org.seqlab.engine.train.TrainingSnapshot;

/**
 * The Transformer's views: attention maps, the causal mask, one query step by step, positional encodings and
 * measured costs. Each picks one Transformer of the session (and a layer, head or query where it needs one).
 */
final class AttentionViews {


    private final LabModel lab;
    private final Consumer<String> status;
    final FigurePane attention;
    final FigurePane mask;
    final FigurePane query;
    final FigurePane positions;
    final FigurePane costs;
    final FigurePane length;
    private final Button measureLength = new Button("Measure", new FontIcon("mdi2r-ruler"));
    private final ComboBox<RunChoice> attentionRun = Choices.run("attentionRun");
    private final ComboBox<RunChoice> maskRun = Choices.run("maskRun");
    private final ComboBox<Integer> maskLayer = Choices.layer("maskLayer");
    private final ComboBox<Integer> maskHead = Choices.layer("maskHead");
    private final ComboBox<RunChoice> queryRun = Choices.run("queryRun");
    private final ComboBox<Integer> queryLayer = Choices.layer("queryLayer");
    private final ComboBox<Integer> queryHead = Choices.layer("queryHead");
    private final Spinner<Integer> queryPosition = new Spinner<>(0, 4096, 0);
    private final ComboBox<RunChoice> positionsRun = Choices.run("positionsRun");
    private final Button measure = new Button("Measure", new FontIcon("mdi2t-timer-outline"));
    private TrainingSnapshot shown;
    private int lengthStep = -1;
    private boolean refreshing;
    private String queryText;

    AttentionViews(LabModel lab, Consumer<String> status) {
        this.lab = lab;
        this.status = status;
        attention = pane("attentionView");
        mask = pane("maskView");
        query = pane("queryView");
        positions = pane("positionsView");
        costs = pane("costsView");
        length = pane("lengthView");
        measureLength.setId("measureLength");
        measureLength.setTooltip(new Tooltip("Validation loss of the trained models on windows 1, 2 and 4 times the training length"));
        measureLength.setOnAction(e -> measureLength());
        length.tools(measureLength).hint("the models as trained, on longer validation windows");
        length.setFigure(Figure.empty("length", "Longer than trained", "Measured when the models are trained and paused."));
        // the models as they are now: measured again whenever training pauses at a new step while this view is showing
        lab.snapshotProperty().addListener((o, a, s) -> {
            if (s.phase() == TrainingSnapshot.Phase.PAUSED && s.step() != lengthStep && !s.runs().isEmpty() && length.onScreen()
                    && !measureLength.isDisabled()) {
                measureLength();
            }
        });
        attention.tools(new Label("model"), attentionRun).hint("click a map to enlarge it, and again to go back; hover a query to see its links");
        mask.tools(new Label("model"), maskRun, new Label("block"), maskLayer, new Label("head"), maskHead);
        queryPosition.setId("queryPosition");
        queryPosition.setPrefWidth(90);
        queryPosition.setMinWidth(Region.USE_PREF_SIZE);
        queryPosition.setEditable(true);
        query.tools(new Label("model"), queryRun, new Label("block"), queryLayer, new Label("head"), queryHead, new Label("query t"),
                queryPosition);
        positions.tools(new Label("model"), positionsRun);
        measure.setId("measureCosts");
        measure.setTooltip(new Tooltip("Time every model's forward pass at lengths 16 to " + ViewFigures.COST_MAX_LENGTH
                + " and its generation speed (training waits meanwhile)"));
        measure.setOnAction(e -> measure());
        costs.tools(measure).hint("fresh models of each configuration, timed on the engine thread");
        costs.setFigure(new CostsFigure(List.of(), List.of()));
        for (ComboBox<?> c : List.of(attentionRun, maskRun, maskLayer, maskHead, queryRun, queryLayer, queryHead, positionsRun)) {
            c.valueProperty().addListener((o, a, b) -> refresh());
        }
        queryPosition.valueProperty().addListener((o, a, b) -> refresh());
        // keep an enlarged attention map enlarged when new traces arrive
        attention.canvas().figureProperty().addListener((o, a, b) -> {
            if (b instanceof AttentionFigure af) {
                selection = af.selection();
            }
        });
    }

    private AttentionFigure.Selection selection;

    private FigurePane pane(String id) {
        return new FigurePane(id, () -> lab.figuresFolderProperty().get(), lab.work(), status);
    }

    List<FigurePane> panes() {
        return List.of(attention, mask, query, positions, costs, length);
    }

    /** New runs: the choices list the Transformers. */
    void syncRuns(TrainingSnapshot s) {
        shown = s; // the choices below fire refreshes, which must read this snapshot, not the previous one
        List<RunChoice> transformers = s.runs().stream().filter(r -> r.config().model().family() == Family.TRANSFORMER)
                .map(RunChoice::of).toList();
        for (ComboBox<RunChoice> box : List.of(attentionRun, maskRun, queryRun, positionsRun)) {
            Choices.keep(box, transformers);
        }
    }

    void update(TrainingSnapshot s) {
        shown = s;
        refresh();
    }


    private void refresh() {
        if (refreshing || shown == null) {
            return;
        }
        refreshing = true;
        try {
            InspectionSnapshot in = shown.inspection();
            String none = "Add a Transformer model to see its attention.";
            String why = in == null ? "Waiting for the engine…" : in.error();
            RunSnapshot ar = Choices.selected(shown, attentionRun);
            RunSnapshot mr = Choices.selected(shown, maskRun);
            RunSnapshot qr = Choices.selected(shown, queryRun);
            RunSnapshot pr = Choices.selected(shown, positionsRun);
            if (mr != null) {
                Choices.indices(maskLayer, mr.config().model().layers(), 0);
                Choices.indices(maskHead, mr.config().model().heads(), 0);
            }
            if (qr != null) {
                Choices.indices(queryLayer, qr.config().model().layers(), 0);
                Choices.indices(queryHead, qr.config().model().heads(), 0);
            }
            if (pr == null) {
                positions.setFigure(Figure.empty("positional-encoding", "Positional encoding", none));
            } else if (ViewFigures.noTable(pr) != null) {
                positions.setFigure(Figure.empty("positional-encoding", "Positional encoding · " + pr.label(), ViewFigures.noTable(pr)));
            } else if (in != null && in.traces().containsKey(pr.id())) {
                positions.setFigure(ViewFigures.positions(pr, in));
            }
            if (!why.isEmpty()) {
                for (FigurePane f : List.of(attention, mask, query)) {
                    f.setFigure(Figure.empty(f.getId(), "Attention", why));
                }
                return;
            }
            List<String> labels = in.labels();
            if (ar == null) {
                attention.setFigure(Figure.empty("attention", "Attention", none));
            } else {
                attention.setFigure(new AttentionFigure(ar.label(), in.traces().get(ar.id()), labels, ar.config().model().layers(),
                        ar.config().model().heads(), in.step(), validSelection(ar)));
            }
            if (mr == null) {
                mask.setFigure(Figure.empty("causal-mask", "Causal mask", none));
            } else {
                mask.setFigure(new MaskFigure(mr.label(), in.traces().get(mr.id()), labels, value(maskLayer), value(maskHead), in.step()));
            }
            if (qr == null) {
                query.setFigure(Figure.empty("attention-query", "One query", none));
            } else {
                int steps = labels.size() - 1;
                // a new text starts at its last query, the one that has read everything before it
                if (!in.text().equals(queryText) || queryPosition.getValue() == null || queryPosition.getValue() >= steps) {
                    queryText = in.text();
                    queryPosition.getValueFactory().setValue(steps - 1);
                }
                query.setFigure(new QueryFigure(qr.label(), in.traces().get(qr.id()), labels, value(queryLayer), value(queryHead),
                        queryPosition.getValue(), in.step()));
            }
        } finally {
            refreshing = false;
        }
    }

    private AttentionFigure.Selection validSelection(RunSnapshot r) {
        if (selection == null || selection.layer() >= r.config().model().layers() || selection.head() >= r.config().model().heads()) {
            return null;
        }
        return selection;
    }

    private static int value(ComboBox<Integer> box) {
        return box.getValue() == null ? 0 : box.getValue();
    }

    /** Opened with nothing measured yet (or the models changed since): measure at once. */
    void shownTab(FigurePane pane) {
        if (pane == costs && costs.canvas().figure() != null && costs.canvas().figure().placeholder() && !measure.isDisabled()) {
            measure();
        }
        if (pane == length && !measureLength.isDisabled()) {
            measureLength();
        }
    }

    /** The trained models on longer windows, on the engine thread; the figure updates when done. */
    void measureLength() {
        measureLength.setDisable(true);
        lengthStep = lab.snapshot().step();
        // a fraction of a second on the engine thread, between training steps: no background job to queue behind others
        lab.tasks().lengths().whenComplete((list, ex) -> Platform.runLater(() -> {
            measureLength.setDisable(false);
            if (ex != null) {
                status.accept("Could not measure: " + Failure.reason(ex));
                return;
            }
            length.setFigure(new LengthFigure(list));
            status.accept("Measured on windows 1, 2 and 4 times the training length.");
        }));
    }

    /** Times every run's configuration on the engine thread; the figure updates when done. */
    void measure() {
        measure.setDisable(true);
        lab.work().await("Measuring costs", progress -> lab.tasks().costs(), list -> {
            measure.setDisable(false);
            costs.setFigure(ViewFigures.costsFigure(list));
            status.accept("Costs measured.");
        }, ex -> {
            measure.setDisable(false);
            status.accept("Could not measure: " + Failure.reason(ex));
        });
    }
}
