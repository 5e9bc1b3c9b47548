package org.seqlab.app.views;

import org.seqlab.app.text.Texts;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.seqlab.app.figures.ViewId;
import org.seqlab.app.lab.LabModel;
import org.seqlab.app.widgets.FigurePane;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.train.TrainingSnapshot.InspectionSnapshot;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;
import org.seqlab.engine.train.TrainingSnapshot;

/**
 * The lab's views: the shared loss chart, and a tab per view of the catalogue, in groups. Every snapshot goes to every
 * view through the hooks of {@link LabView}: the models changed, the inspected input changed, a new snapshot; a view
 * redraws only what changed for it.
 */
public final class LabViews {

    private final LabModel lab;
    private final FigurePane loss;
    private final Map<ViewId, LabView> views = new EnumMap<>(ViewId.class);
    private final DecodingKnobs decoding = new DecodingKnobs();
    private final List<Tab> allTabs = new ArrayList<>();
    private final Map<ViewId.Group, ToggleButton> groupButtons = new EnumMap<>(ViewId.Group.class);
    private final Map<ViewId.Group, Tab> lastTab = new EnumMap<>(ViewId.Group.class);
    private List<Tab> relevant = List.of();
    private ViewId.Group group = ViewId.Group.TRAINING;
    private ViewId wanted;
    private String shownFamilies = "";
    private final TabPane tabs = new TabPane();
    private final VBox modelViews;
    private final InspectInput inspect;
    private final LossView lossView;

    private InspectionSnapshot shownInspection;
    private String shownRuns = "";

    public LabViews(LabModel lab, Consumer<String> status) {
        this.lab = lab;
        lossView = new LossView(lab, status);
        loss = lossView.pane;
        inspect = new InspectInput(lab);
        ViewContext context = new ViewContext(lab, status, decoding);
        for (ViewId id : ViewId.values()) {
            LabView v = Views.create(id, context);
            views.put(id, v);
            allTabs.add(tab(v));
        }
        tabs.setId("viewTabs");
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && lab.snapshot().phase() != TrainingSnapshot.Phase.LOADING && !lab.snapshot().runs().isEmpty()) {
                // a view that computes something of its own does so when first opened, not when a button is found
                views.get(view(b)).openedNow();
            }
        });
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        relevant = List.copyOf(allTabs);
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                lastTab.put(view(b).group(), b);
            }
        });
        ToggleGroup groupToggles = new ToggleGroup();
        for (ViewId.Group g : ViewId.Group.values()) {
            ToggleButton b = new ToggleButton(Texts.get("group." + g.name()));
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
        groupButtons.get(ViewId.Group.TRAINING).setSelected(true);
        showGroup(ViewId.Group.TRAINING);

        Label inspectLabel = new Label(Texts.get("views.inspect"));
        inspectLabel.getStyleClass().add("section-title");
        inspectLabel.setMinWidth(Region.USE_PREF_SIZE);
        modelViews = new VBox(new GroupRow(groupButtons, this::showGroup, inspectLabel, inspect), tabs);
        VBox.setVgrow(tabs, Priority.ALWAYS);

        lab.snapshotProperty().addListener((o, a, s) -> update(s));
        update(lab.snapshot());
    }

    private static Tab tab(LabView v) {
        Tab t = new Tab(Texts.get("view." + v.id().id()), v.pane());
        t.setId(v.id().tabId());
        t.setUserData(v.id());
        return t;
    }

    /** The view a tab shows. */
    public static ViewId view(Tab t) {
        return (ViewId) t.getUserData();
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

    /** The loss chart's pane and every view's, in the catalogue's order. */
    public List<FigurePane> panes() {
        List<FigurePane> all = new ArrayList<>(List.of(loss));
        views.values().forEach(v -> all.add(v.pane()));
        return all;
    }

    /** The view in the selected tab. */
    public FigurePane selectedPane() {
        return (FigurePane) tabs.getSelectionModel().getSelectedItem().getContent();
    }

    private void update(TrainingSnapshot s) {
        lossView.show(s);
        String runs = String.join("|", s.runs().stream().map(RunSnapshot::label).toList());
        boolean runsChanged = !runs.equals(shownRuns);
        boolean dataChanged = s.data() != null && inspect.offer(s.data());
        for (LabView v : views.values()) {
            v.follow(s, runsChanged);
        }
        if (runsChanged || dataChanged) {
            shownRuns = runs;
            decoding.follow(s);
            views.values().forEach(LabView::runsChanged);
            if (runsChanged) {
                showRelevantTabs(s);
            }
        }
        if (s.inspection() != shownInspection) {
            shownInspection = s.inspection();
            views.values().forEach(LabView::inspected);
        }
        Tab selected = tabs.getSelectionModel().getSelectedItem();
        ViewId visible = selected == null ? null : view(selected);
        for (LabView v : views.values()) {
            v.fillIfVisible(v.id() == visible);
            v.snapshot(v.id() == visible);
        }
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
            ViewId v = wanted;
            wanted = null;
            select(v);
        } else {
            showGroup(group);
        }
    }

    /** Shows the group's views that the models can fill; a group with none is disabled, and left for the first that has some. */
    private void showGroup(ViewId.Group g) {
        for (ViewId.Group x : ViewId.Group.values()) {
            groupButtons.get(x).setDisable(relevant.stream().noneMatch(t -> view(t).group() == x));
        }
        if (groupButtons.get(g).isDisable()) {
            g = ViewId.Group.TRAINING;
        }
        group = g;
        groupButtons.get(g).setSelected(true);
        ViewId.Group chosen = g;
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
    public boolean select(ViewId v) {
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
        for (ViewId.Group g : ViewId.Group.values()) {
            relevant.stream().filter(t -> view(t).group() == g).forEach(order::add);
        }
        if (order.isEmpty()) {
            return;
        }
        int at = order.indexOf(tabs.getSelectionModel().getSelectedItem());
        select(view(order.get(Math.floorMod(at + direction, order.size()))));
    }

    /** Shows a group of views. */
    public void selectGroup(ViewId.Group g) {
        if (!groupButtons.get(g).isDisable()) {
            showGroup(g);
        }
    }

    /** Whether a group has a view the models can fill (its button, or its entry in the folded list, is enabled). */
    public boolean groupFilled(ViewId.Group g) {
        return !groupButtons.get(g).isDisable();
    }

    public ViewId.Group group() {
        return group;
    }

    /** Every view, shown or not (a lesson may ask for one the models cannot fill yet). */
    public List<Tab> allTabs() {
        return allTabs;
    }

}
