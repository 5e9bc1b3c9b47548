package org.seqlab.app.views;

import java.util.List;
import javafx.scene.control.ComboBox;
import org.seqlab.app.figures.Figure;
import org.seqlab.app.figures.ViewId;
import org.seqlab.app.lab.LabModel;
import org.seqlab.app.widgets.FigurePane;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;
import org.seqlab.engine.train.TrainingSnapshot;

/**
 * One view of the lab, in one class: its catalogue entry ({@link ViewId}: name, title, group, the models that fill
 * it), its pane and toolbar, how it follows snapshots, and what it asks the port ({@code lab.tasks()}) for. Its figure
 * comes from the figure's one factory, the one {@code export} calls with the defaults. {@link Views#create} builds
 * each; {@link LabViews} calls the hooks below, in this order, for every snapshot.
 */
public abstract class LabView {

    protected final ViewId id;
    protected final ViewContext context;
    protected final LabModel lab;
    protected final FigurePane pane;
    /** The snapshot the view follows (set before any hook runs). */
    protected TrainingSnapshot shown;
    private boolean filled;

    protected LabView(ViewId id, ViewContext context) {
        this.id = id;
        this.context = context;
        this.lab = context.lab();
        this.pane = new FigurePane(id.paneId(), () -> lab.figuresFolderProperty().get(), lab.work(), context.status());
    }

    public final ViewId id() {
        return id;
    }

    public final FigurePane pane() {
        return pane;
    }

    /** The models changed (or the data): choices list the models that can fill this view. */
    protected void runsChanged() {
    }

    /** The inspected input's traces changed. */
    protected void inspected() {
    }

    /** Every snapshot, after the hooks above; {@code visible}: this view's tab is the one selected. */
    protected void snapshot(boolean visible) {
    }

    /** Its tab came into view with models there (or models came while it was in view): compute what it computes. */
    protected void opened() {
    }

    // ---- called by LabViews ----

    final void follow(TrainingSnapshot s, boolean runsChanged) {
        shown = s;
        if (runsChanged) {
            filled = false;
        }
    }

    /** Opens the view the first time it is in view with models there, since the models last changed. */
    final void fillIfVisible(boolean visible) {
        boolean ready = shown.phase() != TrainingSnapshot.Phase.LOADING && !shown.runs().isEmpty();
        if (visible && ready && !filled) {
            filled = true;
            opened();
        }
    }

    final void openedNow() {
        filled = true;
        opened();
    }

    // ---- for the views ----

    /** The models that can fill this view, as its model choice offers them. */
    protected final List<RunChoice> choices() {
        return shown == null ? List.of() : id.runs(shown).stream().map(RunChoice::of).toList();
    }

    protected final RunSnapshot selected(ComboBox<RunChoice> box) {
        return Choices.selected(shown, box);
    }

    /** A placeholder: nothing to show, and why. */
    protected final void placeholder(String why) {
        pane.setFigure(Figure.empty(id.paneId(), id.title(), why));
    }

    protected final void status(String message) {
        context.status().accept(message);
    }
}
