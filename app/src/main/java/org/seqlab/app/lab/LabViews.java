package org.seqlab.app.lab;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.seqlab.app.figures.MetricsFigure;
import org.seqlab.app.figures.SamplesFigure;
import org.seqlab.app.figures.ViewCatalog;
import org.seqlab.app.widgets.FigurePane;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.train.TrainingSnapshot.InspectionSnapshot;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;
import org.seqlab.engine.train.TrainingSnapshot;

/**
 * Turns snapshots into figures: the shared loss chart, and tabs for samples, hidden states, LSTM gates and
 * gradient flow on the string being inspected. A view is rebuilt only when the part of the snapshot it draws
 * changed.
 */
public final class LabViews {

    private final LabModel lab;
    private final FigurePane loss;
    private final FigurePane samples;
    private final RecurrentViews recurrent;
    private final FigurePane metrics;
    private final KlView kl;
    private final AttentionViews attention;
    private final ConvViews conv;
    private final DecodingViews decoding;
    private final TakeApartViews takeApart;
    private final List<Tab> allTabs = new ArrayList<>();
    private final Map<ViewCatalog.Group, ToggleButton> groupButtons = new EnumMap<>(ViewCatalog.Group.class);
    private final Map<ViewCatalog.Group, Tab> lastTab = new EnumMap<>(ViewCatalog.Group.class);
    private List<Tab> relevant = List.of();
    private ViewCatalog.Group group = ViewCatalog.Group.TRAINING;
    private ViewCatalog.View wanted;
    private String shownFamilies = "";
    private final TabPane tabs = new TabPane();
    private final VBox modelViews;
    private final InspectInput inspect;
    private final Slider temperature = new Slider(0.1, 2.0, 0.8);
    private final LossView lossView;

    private TrainingSnapshot shown;
    private List<Object> shownSamples = List.of();
    private InspectionSnapshot shownInspection;
    private String shownRuns = "";

    public LabViews(LabModel lab, Consumer<String> status) {
        this.lab = lab;
        lossView = new LossView(lab, status);
        loss = lossView.pane;
        samples = new FigurePane("samplesView", () -> lab.figuresFolderProperty().get(), lab.work(), status);
        recurrent = new RecurrentViews(lab, status);
        inspect = new InspectInput(lab);
        metrics = new FigurePane("metricsView", () -> lab.figuresFolderProperty().get(), lab.work(), status);
        attention = new AttentionViews(lab, status);
        conv = new ConvViews(lab, status);
        decoding = new DecodingViews(lab, status);
        takeApart = new TakeApartViews(lab, status);


        temperature.setId("temperature");
        temperature.setPrefWidth(160);
        temperature.setMajorTickUnit(0.5);
        Label tLabel = new Label();
        tLabel.textProperty().bind(temperature.valueProperty().asString("τ = %.2f"));
        temperature.valueChangingProperty().addListener((o, a, changing) -> {
            if (!changing) {
                lab.tasks().setSampling(temperature.getValue(), 120);
            }
        });
        temperature.setOnMouseReleased(e -> lab.tasks().setSampling(temperature.getValue(), 120));
        samples.tools(new Label("sampling temperature"), temperature, tLabel);
        kl = new KlView(lab, status);
        tabs.setId("viewTabs");
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && b.getContent() == metrics) {
                metrics.setFigure(new MetricsFigure(lab.snapshot()));
            }
            if (b != null && b.getContent() instanceof FigurePane pane && lab.snapshot().phase() != TrainingSnapshot.Phase.LOADING
                    && !lab.snapshot().runs().isEmpty()) {
                // a view that computes something of its own does so when first opened, not when a button is found
                decoding.shownTab(pane);
                attention.shownTab(pane);
                conv.shownTab(pane);
                takeApart.shownTab(pane);
            }
        });
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        // each view's pane carries the view's name in its id ("samplesView"); every view of the catalogue has one
        Map<String, FigurePane> byView = new HashMap<>();
        panes().forEach(pane -> byView.put(pane.getId(), pane));
        for (ViewCatalog.View v : ViewCatalog.views()) {
            allTabs.add(tab(v, Objects.requireNonNull(byView.get(v.name() + "View"), v.name())));
        }
        relevant = List.copyOf(allTabs);
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                lastTab.put(view(b).group(), b);
            }
        });
        ToggleGroup groupToggles = new ToggleGroup();
        for (ViewCatalog.Group g : ViewCatalog.Group.values()) {
            ToggleButton b = new ToggleButton(g.toString());
            b.setId("group" + g.toString().replace(" ", ""));   // groupTraining … groupTakeapart
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

        Label inspectLabel = new Label("Inspect");
        inspectLabel.getStyleClass().add("section-title");
        inspectLabel.setMinWidth(Region.USE_PREF_SIZE);
        modelViews = new VBox(new GroupRow(groupButtons, this::showGroup, inspectLabel, inspect), tabs);
        VBox.setVgrow(tabs, Priority.ALWAYS);

        lab.snapshotProperty().addListener((o, a, s) -> update(s));
        update(lab.snapshot());
    }

    private static Tab tab(ViewCatalog.View view, FigurePane pane) {
        Tab t = new Tab(view.title(), pane);
        t.setId(view.tabId());
        t.setUserData(view);
        return t;
    }

    /** The view a tab shows. */
    public static ViewCatalog.View view(Tab t) {
        return (ViewCatalog.View) t.getUserData();
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
        List<FigurePane> all = new ArrayList<>(List.of(loss, samples, metrics, kl.pane));
        all.addAll(recurrent.panes());
        all.addAll(attention.panes());
        all.addAll(conv.panes());
        all.addAll(decoding.panes());
        all.addAll(takeApart.panes());
        return all;
    }

    /** The view in the selected tab. */
    public FigurePane selectedPane() {
        return (FigurePane) tabs.getSelectionModel().getSelectedItem().getContent();
    }

    private void update(TrainingSnapshot s) {
        shown = s;
        lossView.show(s);
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
            recurrent.syncRuns(s);
            attention.syncRuns(s);
            conv.syncRuns(s);
            decoding.syncRuns(s);
            takeApart.syncRuns(s);
            showRelevantTabs(s);
        }
        if (s.data() != null && inspect.offer(s.data())) {
            decoding.syncRuns(s);
        }
        if (s.inspection() != shownInspection) {
            shownInspection = s.inspection();
            recurrent.update(s);
            attention.update(s);
            conv.update(s);
            takeApart.update(s);
        }
        decoding.update(s, tabs.getSelectionModel().getSelectedItem() == null ? null
                : tabs.getSelectionModel().getSelectedItem().getContent() instanceof FigurePane f ? f : null);
    }

    /** Only the views the current models can fill: no attention maps without a Transformer, no pixels for text. */
    private void showRelevantTabs(TrainingSnapshot s) {
        Set<Family> f = EnumSet.noneOf(Family.class);
        s.runs().forEach(r -> f.add(r.config().model().family()));
        String key = f.toString();
        if (key.equals(shownFamilies)) {
            return;
        }
        shownFamilies = key;
        List<Tab> show = new ArrayList<>();
        for (Tab t : allTabs) {
            if (view(t).fills(f)) {
                show.add(t);
            }
        }
        relevant = show;
        if (wanted != null && show.stream().anyMatch(t -> view(t) == wanted)) {
            ViewCatalog.View v = wanted;
            wanted = null;
            select(v);
        } else {
            showGroup(group);
        }
    }

    /** Shows the group's views that the models can fill; a group with none is disabled, and left for the first that has some. */
    private void showGroup(ViewCatalog.Group g) {
        for (ViewCatalog.Group x : ViewCatalog.Group.values()) {
            groupButtons.get(x).setDisable(relevant.stream().noneMatch(t -> view(t).group() == x));
        }
        if (groupButtons.get(g).isDisable()) {
            g = ViewCatalog.Group.TRAINING;
        }
        group = g;
        groupButtons.get(g).setSelected(true);
        ViewCatalog.Group chosen = g;
        List<Tab> show = relevant.stream().filter(t -> view(t).group() == chosen).toList();
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
    public boolean select(ViewCatalog.View v) {
        Tab tab = relevant.stream().filter(t -> view(t) == v).findFirst().orElse(null);
        if (tab == null) {
            wanted = v;
            return false;
        }
        lastTab.put(v.group(), tab);
        showGroup(v.group());
        tabs.getSelectionModel().select(tab);
        return true;
    }

    /** The next (+1) or previous (−1) view, through the groups' views in order, wrapping round. */
    public void selectAdjacent(int direction) {
        List<Tab> order = new ArrayList<>();
        for (ViewCatalog.Group g : ViewCatalog.Group.values()) {
            relevant.stream().filter(t -> view(t).group() == g).forEach(order::add);
        }
        if (order.isEmpty()) {
            return;
        }
        int at = order.indexOf(tabs.getSelectionModel().getSelectedItem());
        select(view(order.get(Math.floorMod(at + direction, order.size()))));
    }

    /** Shows a group of views. */
    public void selectGroup(ViewCatalog.Group g) {
        if (!groupButtons.get(g).isDisable()) {
            showGroup(g);
        }
    }

    /** Whether a group has a view the models can fill (its button, or its entry in the folded list, is enabled). */
    public boolean groupFilled(ViewCatalog.Group g) {
        return !groupButtons.get(g).isDisable();
    }

    public ViewCatalog.Group group() {
        return group;
    }

    /** Every view, shown or not (a lesson may ask for one the models cannot fill yet). */
    public List<Tab> allTabs() {
        return allTabs;
    }

}
