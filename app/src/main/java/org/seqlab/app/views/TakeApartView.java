package org.seqlab.app.views;

import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.control.ComboBox;
import org.seqlab.app.figures.Figure;
import org.seqlab.app.figures.ViewId;
import org.seqlab.app.text.Texts;
import org.seqlab.app.work.Failure;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;
import org.seqlab.engine.train.TrainingSnapshot;

/**
 * A view that takes a trained model apart on the inspected input (switch off, patching, logit lens, induction heads,
 * permuted input). It computes on the engine thread, between training steps: when opened, when its choices change,
 * when the inspected input changes and when training pauses at a new step, each while it is on screen.
 */
abstract class TakeApartView extends LabView {

    protected final ComboBox<RunChoice> run;
    private final String none;
    private String text;
    private int pausedAt = -1;
    /** Choices being refilled: their changes are not the user's. */
    protected boolean syncing;

    /**
     * @param note what the view shows before it computes
     * @param none why it cannot compute without a model that fills it
     */
    TakeApartView(ViewId id, ViewContext context, String runId, String note, String none) {
        super(id, context);
        this.run = Choices.run(runId);
        this.none = none;
        placeholder(note);
    }

    /** The port's answer for model {@code r} on {@code input}, as a figure. */
    protected abstract CompletableFuture<? extends Figure> compute(RunSnapshot r, String input);

    /** A new inspected input (before the view computes on it). */
    protected void textChanged(String input) {
    }

    @Override
    protected void runsChanged() {
        syncing = true;
        try {
            Choices.keep(run, choices());
        } finally {
            syncing = false;
        }
    }

    @Override
    protected void inspected() {
        String t = text();
        if (t != null && !t.equals(text)) {
            text = t;
            syncing = true;
            try {
                textChanged(t);
            } finally {
                syncing = false;
            }
            if (pane.onScreen()) {
                compute();
            }
        }
    }

    /** The models as they are now: computed again when training pauses at a new step while the view is showing. */
    @Override
    protected void snapshot(boolean visible) {
        if (shown.phase() == TrainingSnapshot.Phase.PAUSED && shown.step() != pausedAt && !shown.runs().isEmpty()) {
            pausedAt = shown.step();
            if (pane.onScreen()) {
                compute();
            }
        }
    }

    @Override
    protected void opened() {
        compute();
    }

    /** A choice changed: compute again if the user can see it. */
    protected final void changed() {
        if (!syncing && pane.onScreen()) {
            compute();
        }
    }

    /** The inspected input, or the data's first example. */
    protected final String text() {
        if (shown == null || shown.data() == null) {
            return null;
        }
        return shown.inspection() != null && !shown.inspection().text().isEmpty() ? shown.inspection().text()
                : shown.data().examples().isEmpty() ? null : shown.data().examples().get(0);
    }

    /** Computes on the engine thread and shows the figure, or says why it could not. */
    protected final void compute() {
        String input = text();
        if (input == null || shown.runs().isEmpty()) {
            return;
        }
        RunSnapshot r = selected(run);
        CompletableFuture<? extends Figure> work = r == null ? null : compute(r, input);
        if (work == null) {
            placeholder(none);
            return;
        }
        work.whenComplete((figure, ex) -> Platform.runLater(() -> {
            if (ex != null) {
                placeholder(Texts.get("compute.failed", Failure.reason(ex)));
                status(Texts.get("compute.failed", Failure.reason(ex)));
                return;
            }
            pane.setFigure(figure);
        }));
    }
}
