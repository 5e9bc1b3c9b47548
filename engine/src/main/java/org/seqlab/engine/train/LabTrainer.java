package org.seqlab.engine.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.seqlab.engine.data.DataSource;
import org.seqlab.engine.train.TrainingSnapshot.DataInfo;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;

/**
 * The {@link Trainer} of the lab's language models: it trains a {@link TrainingSession} and publishes
 * {@link TrainingSnapshot}s. The first thing its thread does is load ND4J, so a window can appear before the engine is
 * ready.
 *
 * <p>It only trains and publishes. Work that follows the training — the lab's samples, the traces of the inspected
 * input — is done by {@link Trainer.Follower}s it calls at the right moments without knowing what they do
 * ({@code org.seqlab.engine.follow}).
 */
public final class LabTrainer extends Trainer<TrainingSession, TrainingSnapshot> {

    /** Starts an engine thread of its own, which loads ND4J at once. */
    public LabTrainer() {
        this(CompletableFuture.completedFuture(null));
    }

    /**
     * Starts an engine thread of its own, which loads ND4J once {@code ready} completes: a window lets its own native
     * libraries load first, because a library opened on another thread while ND4J starts can deadlock both (see
     * the app's NativePreload). Commands sent meanwhile wait in the queue.
     */
    public LabTrainer(CompletionStage<?> ready) {
        super(new EngineThread(ready), true);
    }

    /**
     * Replaces the session with a new one (new models from the seed, step 0, paused). The old session can be
     * brought back with {@link #undo()}. The future fails with the reason when the settings are unusable.
     */
    public CompletableFuture<TrainingSnapshot> configure(DataSource data, TrainConfig config, List<RunConfig> runs) {
        return replace(old -> new TrainingSession(data, config, runs),
                s -> "Ready: " + runs.size() + (runs.size() == 1 ? " model" : " models") + " on " + data.name());
    }

    /** Takes over a session built elsewhere (a saved run reopened), paused; undo brings the previous one back. */
    public CompletableFuture<TrainingSnapshot> adopt(TrainingSession next, String msg) {
        return replace(old -> next, s -> msg);
    }

    /** New weights from the seed, histories cleared; undoable. */
    public void reset() {
        replace(old -> old == null ? null : new TrainingSession(old.data(), old.config(), old.runConfigs()), s -> "Reset to step 0.");
    }

    /**
     * Shows every model as it was at a checkpoint's step (−1: as it is now): training pauses, the views follow. Training
     * on, saving or a new configuration gives the models their live weights back.
     */
    public void scrubTo(int step) {
        halt(s -> {
            if (step < 0) {
                s.live();
            } else {
                s.view(step);
            }
            return null;
        });
    }

    /**
     * Every diverged model goes on from its last good weights with its learning rate divided by {@code factor};
     * paused, so the learner decides when to train again.
     */
    public void resumeDiverged(double factor) {
        halt(s -> {
            List<String> resumed = new ArrayList<>();
            for (ModelRun r : s.runs()) {
                if (r.status() == ModelRun.Status.DIVERGED) {
                    r.resume(factor);
                    resumed.add(String.format("%s (learning rate now %.2g)", r.id(), r.config().optimizer().learningRate()));
                }
            }
            return resumed.isEmpty() ? "" : "Rolled back to the last good weights: " + String.join(", ", resumed) + ". Train goes on.";
        });
    }

    @Override
    protected String outOfMemory() {
        return "Out of memory: the models and their history need more than SeqLab's heap holds. Training"
                + " stopped before the step that needed it; fewer or smaller models, or Reset, make room.";
    }

    @Override
    protected TrainingSnapshot snapshot(TrainingSession session, Status status) {
        DataInfo data = null;
        List<RunSnapshot> runs = new ArrayList<>();
        int step = 0;
        TrainingSnapshot.Timeline timeline = TrainingSnapshot.Timeline.NONE;
        if (session != null) {
            timeline = new TrainingSnapshot.Timeline(session.checkpoints().steps(), session.checkpoints().viewing());
            DataSource d = session.data();
            data = new DataInfo(d.name(), d.description(), d.vocabulary().size(), d.examples(), session.config().steps(),
                    session.entropyFloorBits(), d.entropyRateBits(), d.imageShape(), d.charactersPerToken());
            step = session.stepsTaken();
            for (ModelRun r : session.runs()) {
                runs.add(new RunSnapshot(r.id(), r.label(), r.config(), r.model().parameters().size(), r.trainBits(),
                        r.validationBits(), r.stepsPerSecond(), r.computeSeconds(), r.lastGradNorm(), r.lastLearningRate(),
                        r.lastClipped(), r.status(), r.message(), null, List.of()));
            }
        }
        return new TrainingSnapshot(status.version(), status.phase(), step, status.message(), status.engine(), data, List.copyOf(runs),
                null, status.stepLimit(), status.canUndo(), timeline);
    }
}
