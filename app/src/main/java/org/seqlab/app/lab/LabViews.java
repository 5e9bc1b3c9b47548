package org.seqlab.app.lab;

import org.seqlab.app.figures.ViewFigures;
import org.seqlab.app.figures.ViewCatalog;
import org.seqlab.engine.model.Probe;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.layout.Region;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.seqlab.app.figures.Figure;
import org.seqlab.app.widgets.FigurePane;
import org.seqlab.app.figures.GatesFigure;
import org.seqlab.app.figures.GradientFlowFigure;
import org.seqlab.app.figures.HiddenStateFigure;
import org.seqlab.app.figures.LossChartFigure;
import org.seqlab.app.figures.MetricsFigure;
import org.seqlab.app.figures.SamplesFigure;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.train.TrainingSnapshot;
import org.seqlab.engine.train.TrainingSnapshot.InspectionSnapshot;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;

/**
 * Turns snapshots into figures: the shared loss chart, and tabs for samples, hidden states, LSTM gates and
 * gradient flow on the string being inspected. A view is rebuilt only when the part of the snapshot it draws
 * changed.
 */
public final class LabViews {

    private final LabModel lab;
    private final FigurePane loss;
    private final FigurePane samples;
    private final FigurePane hidden;
    private final FigurePane gates;
    private final FigurePane gradient;
    private final FigurePane metrics;
    private final AttentionViews attention;
    private final ConvViews conv;
    private final DecodingViews decoding;
    private final List<Tab> allTabs = new ArrayList<>();
    private final java.util.Map<ViewCatalog.Group, ToggleButton> groupButtons = new java.util.EnumMap<>(ViewCatalog.Group.class);
    private final java.util.Map<ViewCatalog.Group, Tab> lastTab = new java.util.EnumMap<>(ViewCatalog.Group.class);
    private List<Tab> relevant = List.of();
    private ViewCatalog.Group group = ViewCatalog.Group.TRAINING;
    private String wanted;
    private String shownFamilies = "";
    private final TabPane tabs = new TabPane();
    private final VBox modelViews;
    private final ComboBox<String> inspect = new ComboBox<>();
    private final ComboBox<String> hiddenRun = runChoice("hiddenRun");
    private final ComboBox<Integer> hiddenLayer = layerChoice("hiddenLayer");
    private final ComboBox<String> gatesRun = runChoice("gatesRun");
    private final ComboBox<Integer> gatesLayer = layerChoice("gatesLayer");
    private final ComboBox<String> gatesUnits = new ComboBox<>();
    private final Slider temperature = new Slider(0.1, 2.0, 0.8);
    private LossChartFigure.XAxis xAxis = LossChartFigure.XAxis.STEPS;

    private TrainingSnapshot shown;
    private List<Object> shownSamples = List.of();
    private InspectionSnapshot shownInspection;
    private String shownRuns = "";

    public LabViews(LabModel lab, Consumer<String> status) {
        this.lab = lab;
        loss = new FigurePane("lossView", () -> lab.figuresFolderProperty().get(), lab.background(), status);
        samples = new FigurePane("samplesView", () -> lab.figuresFolderProperty().get(), lab.background(), status);
        hidden = new FigurePane("hiddenView", () -> lab.figuresFolderProperty().get(), lab.background(), status);
        gates = new FigurePane("gatesView", () -> lab.figuresFolderProperty().get(), lab.background(), status);
        gradient = new FigurePane("gradientView", () -> lab.figuresFolderProperty().get(), lab.background(), status);
        metrics = new FigurePane("metricsView", () -> lab.figuresFolderProperty().get(), lab.background(), status);
        attention = new AttentionViews(lab, status);
        conv = new ConvViews(lab, status);
        decoding = new DecodingViews(lab, status);

        ToggleGroup axis = new ToggleGroup();
        ToggleButton bySteps = new ToggleButton("Steps");
        ToggleButton bySeconds = new ToggleButton("Seconds");
        bySteps.setId("axisSteps");
        bySeconds.setId("axisSeconds");
        bySteps.setToggleGroup(axis);
        bySeconds.setToggleGroup(axis);
        bySteps.setSelected(true);
        bySeconds.setTooltip(new Tooltip("Each model's own seconds of training: a fair race when models differ in cost"));
        axis.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true);
                return;
            }
            xAxis = b == bySeconds ? LossChartFigure.XAxis.SECONDS : LossChartFigure.XAxis.STEPS;
            loss.setFigure(new LossChartFigure(lab.snapshot(), xAxis));
        });
        loss.tools(new Label("x axis"), bySteps, bySeconds);

        temperature.setId("temperature");
        temperature.setPrefWidth(160);
        temperature.setMajorTickUnit(0.5);
        Label tLabel = new Label();
        tLabel.textProperty().bind(temperature.valueProperty().asString("T = %.2f"));
        temperature.valueChangingProperty().addListener((o, a, changing) -> {
            if (!changing) {
                lab.tasks().setSampling(temperature.getValue(), 120);
            }
        });
        temperature.setOnMouseReleased(e -> lab.tasks().setSampling(temperature.getValue(), 120));
        samples.tools(new Label("sampling temperature"), temperature, tLabel);

        hidden.tools(new Label("model"), hiddenRun, new Label("layer"), hiddenLayer);
        gatesUnits.getItems().addAll("16", "32", "64", "all");
        gatesUnits.setValue("32");
        gatesUnits.setId("gatesUnits");
        gates.tools(new Label("model"), gatesRun, new Label("layer"), gatesLayer, new Label("units"), gatesUnits);
        gradient.hint("recurrent: top layer's hₜ; Transformer: its input xₜ (embedding + position); dashed: after clipping");
        for (ComboBox<?> c : List.of(hiddenRun, hiddenLayer, gatesRun, gatesLayer, gatesUnits)) {
            c.valueProperty().addListener((o, a, b) -> refreshModelViews());
        }

        tabs.setId("viewTabs");
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && b.getContent() == metrics) {
                metrics.setFigure(new MetricsFigure(lab.snapshot()));
            }
            if (b != null && b.getContent() instanceof FigurePane pane && decoding.panes().contains(pane)) {
                decoding.shownTab(pane);
            }
        });
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        allTabs.addAll(List.of(tab("Samples", samples), tab("Gradient flow", gradient), tab("Hidden state", hidden), tab("LSTM gates", gates), tab("Attention", attention.attention), tab("Causal mask", attention.mask),
                tab("One query", attention.query), tab("Positions", attention.positions), tab("Conv stack", conv.stack),
                tab("Masks", conv.masks), tab("Pixel field", conv.field), tab("Drawing", conv.drawing),
                tab("Anomalies", conv.anomaly), tab("Decoding", decoding.decoding), tab("Beam search", decoding.beam),
                tab("Exposure bias", decoding.exposure), tab("Strategies", decoding.strategies), tab("Costs", attention.costs),
                tab("Metrics", metrics)));
        relevant = List.copyOf(allTabs);
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                lastTab.put(ViewCatalog.groupOf(b.getId()), b);
            }
        });
        ToggleGroup groupToggles = new ToggleGroup();
        for (ViewCatalog.Group g : ViewCatalog.Group.values()) {
            ToggleButton b = new ToggleButton(g.toString());
            b.setId("group" + g.name().charAt(0) + g.name().substring(1).toLowerCase(java.util.Locale.ROOT));
            b.setToggleGroup(groupToggles);
            b.setOnAction(e -> showGroup(g));
            groupButtons.put(g, b);
        }
        groupToggles.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true);       // one group is always chosen
            }
        });
        groupButtons.get(ViewCatalog.Group.TRAINING).setSelected(true);
        showGroup(ViewCatalog.Group.TRAINING);

        inspect.setId("inspectInput");
        inspect.setEditable(true);
        inspect.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(String v) {
                if (v != null && imageData) {
                    int k = inspect.getItems().indexOf(v);
                    return k >= 0 ? "digit " + k + " (a validation digit)" : "a digit";
                }
                return v;
            }

            @Override
            public String fromString(String v) {
                return v;
            }
        });
        inspect.setMaxWidth(Double.MAX_VALUE);
        inspect.setPromptText("a string for the model views");
        HBox.setHgrow(inspect, Priority.ALWAYS);
        PauseTransition debounce = new PauseTransition(Duration.millis(250));
        debounce.setOnFinished(e -> lab.inspectTextProperty().set(inspect.getEditor().getText()));
        inspect.getEditor().textProperty().addListener((o, a, b) -> {
            if (!Objects.equals(b, lab.inspectTextProperty().get())) {
                debounce.playFromStart();
            }
        });
        inspect.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                lab.inspectTextProperty().set(b);
            }
        });
        lab.inspectTextProperty().addListener((o, a, b) -> {
            if (!inspect.isEditable()) {
                inspect.setValue(b);                       // digits are picked, not typed
            } else if (!Objects.equals(inspect.getEditor().getText(), b)) {
                inspect.getEditor().setText(b);
            }
        });
        Label inspectLabel = new Label("Inspect");
        inspectLabel.getStyleClass().add("section-title");
        inspectLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        org.controlsfx.control.SegmentedButton groupBar = new org.controlsfx.control.SegmentedButton();
        groupBar.getButtons().setAll(groupButtons.values());
        groupBar.setId("viewGroups");
        groupBar.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox bar = new HBox(8, groupBar, new javafx.scene.control.Separator(javafx.geometry.Orientation.VERTICAL), inspectLabel, inspect);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 2, 8));
        modelViews = new VBox(bar, tabs);
        VBox.setVgrow(tabs, Priority.ALWAYS);

        lab.snapshotProperty().addListener((o, a, s) -> update(s));
        update(lab.snapshot());
    }

    private static Tab tab(String title, FigurePane pane) {
        Tab t = new Tab(title, pane);
        t.setId(pane.getId() + "Tab");
        return t;
    }

    /** A choice of model; in a squeezed toolbar it gives way first (its label ends in "…"), down to 120 px. */
    static ComboBox<String> runChoice(String id) {
        ComboBox<String> c = new ComboBox<>();
        c.setId(id);
        c.setPrefWidth(230);
        c.setMinWidth(120);
        return c;
    }

    /** A choice of layer or head: never narrower than its number. */
    static ComboBox<Integer> layerChoice(String id) {
        ComboBox<Integer> c = new ComboBox<>();
        c.setId(id);
        c.setMinWidth(Region.USE_PREF_SIZE);
        return c;
    }

    public FigurePane lossPane() {
        return loss;
    }

    public VBox modelViews() {
        return modelViews;
    }

    public TabPane tabs() {
        return tabs;
    }

    public List<FigurePane> panes() {
        List<FigurePane> all = new ArrayList<>(List.of(loss, samples, hidden, gates, gradient, metrics));
        all.addAll(attention.panes());
        all.addAll(conv.panes());
        all.addAll(decoding.panes());
        return all;
    }

    /** The view in the selected tab. */
    public FigurePane selectedPane() {
        return (FigurePane) tabs.getSelectionModel().getSelectedItem().getContent();
    }

    private void update(TrainingSnapshot s) {
        shown = s;
        loss.setFigure(new LossChartFigure(s, xAxis));
        if (tabs.getSelectionModel().getSelectedItem() != null && tabs.getSelectionModel().getSelectedItem().getContent() == metrics
                || metrics.canvas().figure() == null || s.phase() != TrainingSnapshot.Phase.RUNNING) {
            metrics.setFigure(new MetricsFigure(s));
        }
        List<Object> sampleRefs = new ArrayList<>();
        for (RunSnapshot r : s.runs()) {
            sampleRefs.add(r.samples());
        }
        if (!sampleRefs.equals(shownSamples) || samples.canvas().figure() == null) {
            shownSamples = sampleRefs;
            samples.setFigure(new SamplesFigure(s));
        }
        String runs = String.join("|", s.runs().stream().map(RunSnapshot::label).toList());
        if (!runs.equals(shownRuns)) {
            shownRuns = runs;
            syncRunChoices(s);
            attention.syncRuns(s);
            conv.syncRuns(s);
            decoding.syncRuns(s);
            showRelevantTabs(s);
        }
        if (s.data() != null && !inspect.getItems().equals(s.data().examples())) {
            imageData = s.data().image() != null;
            inspect.setEditable(!imageData);
            inspect.getItems().setAll(s.data().examples());
            decoding.syncRuns(s);
            if (imageData) {
                inspect.setValue(lab.inspectTextProperty().get());
            }
        }
        if (s.inspection() != shownInspection) {
            shownInspection = s.inspection();
            refreshModelViews();
            attention.update(s);
            conv.update(s);
        }
        decoding.update(s, tabs.getSelectionModel().getSelectedItem() == null ? null
                : tabs.getSelectionModel().getSelectedItem().getContent() instanceof FigurePane f ? f : null);
    }

    /** Only the views the current models can fill: no attention maps without a Transformer, no pixels for text. */
    private void showRelevantTabs(TrainingSnapshot s) {
        java.util.Set<Family> f = java.util.EnumSet.noneOf(Family.class);
        s.runs().forEach(r -> f.add(r.config().model().family()));
        String key = f.toString();
        if (key.equals(shownFamilies)) {
            return;
        }
        shownFamilies = key;
        List<Tab> show = new ArrayList<>();
        for (Tab t : allTabs) {
            if (ViewCatalog.fills(t.getId(), f)) {
                show.add(t);
            }
        }
        relevant = show;
        if (wanted != null && show.stream().anyMatch(t -> t.getId().equals(wanted))) {
            String id = wanted;
            wanted = null;
            select(id);
        } else {
            showGroup(group);
        }
    }

    /** Shows the group's views that the models can fill; a group with none is disabled, and left for the first that has some. */
    private void showGroup(ViewCatalog.Group g) {
        for (ViewCatalog.Group x : ViewCatalog.Group.values()) {
            groupButtons.get(x).setDisable(relevant.stream().noneMatch(t -> ViewCatalog.groupOf(t.getId()) == x));
        }
        if (groupButtons.get(g).isDisable()) {
            g = ViewCatalog.Group.TRAINING;
        }
        group = g;
        groupButtons.get(g).setSelected(true);
        ViewCatalog.Group chosen = g;
        List<Tab> show = relevant.stream().filter(t -> ViewCatalog.groupOf(t.getId()) == chosen).toList();
        Tab selected = tabs.getSelectionModel().getSelectedItem();
        if (!tabs.getTabs().equals(show)) {
            tabs.getTabs().setAll(show);
        }
        Tab last = lastTab.get(g);
        if (selected != null && show.contains(selected)) {
            tabs.getSelectionModel().select(selected);
        } else if (last != null && show.contains(last)) {
            tabs.getSelectionModel().select(last);
        } else if (!show.isEmpty()) {
            tabs.getSelectionModel().select(show.get(0));
        }
    }

    /**
     * Shows the view with this tab id, switching group; a view the models cannot fill yet is shown as soon as they
     * can (a lesson may ask for attention before the Transformer is added).
     *
     * @return whether it is shown now
     */
    public boolean select(String tabId) {
        Tab tab = relevant.stream().filter(t -> t.getId().equals(tabId)).findFirst().orElse(null);
        if (tab == null) {
            wanted = tabId;
            return false;
        }
        lastTab.put(ViewCatalog.groupOf(tabId), tab);
        showGroup(ViewCatalog.groupOf(tabId));
        tabs.getSelectionModel().select(tab);
        return true;
    }

    /** The next (+1) or previous (−1) view, through the groups' views in order, wrapping round. */
    public void selectAdjacent(int direction) {
        List<Tab> order = new ArrayList<>();
        for (ViewCatalog.Group g : ViewCatalog.Group.values()) {
            relevant.stream().filter(t -> ViewCatalog.groupOf(t.getId()) == g).forEach(order::add);
        }
        if (order.isEmpty()) {
            return;
        }
        int at = order.indexOf(tabs.getSelectionModel().getSelectedItem());
        select(order.get(Math.floorMod(at + direction, order.size())).getId());
    }

    /** Shows a group of views. */
    public void selectGroup(ViewCatalog.Group g) {
        if (!groupButtons.get(g).isDisable()) {
            showGroup(g);
        }
    }

    public ViewCatalog.Group group() {
        return group;
    }

    /** Every view, shown or not (a lesson may ask for one the models cannot fill yet). */
    public List<Tab> allTabs() {
        return allTabs;
    }

    private boolean imageData;

    private void syncRunChoices(TrainingSnapshot s) {
        List<String> all = s.runs().stream().filter(r -> r.config().model().family().recurrent()).map(RunSnapshot::label).toList();
        List<String> lstm = s.runs().stream().filter(r -> r.config().model().family() == Family.LSTM).map(RunSnapshot::label).toList();
        keep(hiddenRun, all);
        keep(gatesRun, lstm);
    }

    /** The run choices' items are run labels, which begin with the run's id (A, B, …). */
    private static String runId(String label) {
        return label.substring(0, 1);
    }

    /** Offers these run labels, keeping the chosen run if it is still there, else the first. */
    static void keep(ComboBox<String> box, List<String> items) {
        String id = box.getValue() == null ? null : runId(box.getValue());
        box.getItems().setAll(items);
        box.setValue(items.stream().filter(l -> id != null && runId(l).equals(id)).findFirst().orElse(items.isEmpty() ? null : items.get(0)));
    }

    /** The run a run choice names in this snapshot, or null. */
    static RunSnapshot selected(TrainingSnapshot shown, ComboBox<String> box) {
        if (shown == null || box.getValue() == null) {
            return null;
        }
        RunSnapshot r = shown.run(runId(box.getValue()));
        // a choice left from the models before (B was an LSTM, now an RNN) names no run of these: wait for the resync
        return r != null && r.label().equals(box.getValue()) ? r : null;
    }

    /** Offers 0 … n−1 (layers or heads), keeping the chosen one while it exists, else {@code fallback}. */
    static void indices(ComboBox<Integer> box, int n, int fallback) {
        if (box.getItems().size() != n) {
            Integer v = box.getValue();
            List<Integer> items = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                items.add(i);
            }
            box.getItems().setAll(items);
            box.setValue(v != null && v < n ? v : fallback);
        } else if (box.getValue() == null && n > 0) {
            box.setValue(fallback);
        }
    }

    /** The layers of this run (one if none is chosen), the top layer by default. */
    private static void layers(ComboBox<Integer> box, RunSnapshot r) {
        int n = r == null ? 1 : r.config().model().layers();
        indices(box, n, n - 1);
    }

    private boolean refreshing;

    private void refreshModelViews() {
        if (refreshing || shown == null) {
            return;
        }
        refreshing = true;
        try {
            InspectionSnapshot in = shown.inspection();
            String why = in == null ? "Waiting for the engine…" : in.error();
            RunSnapshot hr = selected(shown, hiddenRun);
            layers(hiddenLayer, hr);
            RunSnapshot gr = selected(shown, gatesRun);
            layers(gatesLayer, gr);
            if (!why.isEmpty()) {
                hidden.setFigure(Figure.empty("hidden-state", "Hidden state", why));
                gates.setFigure(Figure.empty("lstm-gates", "LSTM gates", why));
                gradient.setFigure(Figure.empty("gradient-flow", "Gradient flow", why));
                return;
            }
            List<String> labels = in.labels();
            if (hr != null && in.traces().containsKey(hr.id())) {
                int layer = hiddenLayer.getValue() == null ? 0 : hiddenLayer.getValue();
                hidden.setFigure(new HiddenStateFigure(hr.label(), in.traces().get(hr.id()).get(new Probe.Hidden(layer)), labels, layer,
                        in.step()));
            } else if (hr == null) {
                hidden.setFigure(Figure.empty("hidden-state", "Hidden state", "Add an RNN or LSTM to see its hidden state."));
            }
            if (gr == null) {
                gates.setFigure(Figure.empty("lstm-gates", "LSTM gates", "Add an LSTM model to see its gates."));
            } else if (in.traces().containsKey(gr.id())) {
                int layer = gatesLayer.getValue() == null ? 0 : gatesLayer.getValue();
                int units = "all".equals(gatesUnits.getValue()) ? Integer.MAX_VALUE : Integer.parseInt(gatesUnits.getValue());
                gates.setFigure(new GatesFigure(gr.label(), in.traces().get(gr.id()), labels, layer, in.step(), units));
            }
            List<GradientFlowFigure.Curve> curves = ViewFigures.gradientCurves(shown, in);
            gradient.setFigure(new GradientFlowFigure(curves, labels, in.step()));
        } finally {
            refreshing = false;
        }
    }
}
