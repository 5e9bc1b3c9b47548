package org.seqlab.app.views;

import javafx.animation.PauseTransition;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.ComboBox;
import javafx.util.Duration;
import org.seqlab.app.figures.ViewId;

/**
 * A view that generates from a model on the engine thread (step-through decoding, beam search): it computes when asked,
 * a moment after any of its settings change, when opened, and while in view as training goes on and when it stops
 * ({@link FollowingTraining}); for an image model also when another digit is inspected.
 */
abstract class GeneratingView extends LabView {

    protected final DecodingKnobs knobs;
    protected final ComboBox<RunChoice> run;
    private final PauseTransition soon = new PauseTransition(Duration.millis(250));
    private final FollowingTraining following = new FollowingTraining(true);

    GeneratingView(ViewId id, ViewContext context, String runId) {
        super(id, context);
        knobs = context.decoding();
        run = Choices.run(runId);
        soon.setOnFinished(e -> compute());
        recomputeOn(run.valueProperty(), knobs.prompt);
    }

    /** Computes on the engine thread and shows the result (or says why not). */
    protected abstract void compute();

    /** Whether the figure on screen was made at another training step than the one shown. */
    protected abstract boolean stale();

    /** Computes again a moment after the last change of any of these. */
    protected final void recomputeOn(ObservableValue<?>... values) {
        for (ObservableValue<?> v : values) {
            v.addListener((o, a, b) -> soon.playFromStart());
        }
    }

    @Override
    protected void runsChanged() {
        Choices.keep(run, choices());
    }

    @Override
    protected void snapshot(boolean visible) {
        switch (following.due(shown, visible, knobs.image())) {
            case NOW -> refreshIfStale();
            case SOON -> soon.playFromStart();   // an image model continues the inspected digit
            default -> { }
        }
    }

    @Override
    protected void opened() {
        refreshIfStale();
    }

    private void refreshIfStale() {
        if (stale()) {
            compute();
        }
    }
}
