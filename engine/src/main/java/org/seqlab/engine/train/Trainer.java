package org.seqlab.engine.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.DataSource;
import org.seqlab.engine.train.TrainingSnapshot.DataInfo;
import org.seqlab.engine.train.TrainingSnapshot.Phase;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;

/**
 * Drives the lab's language models on the {@link EngineThread}: runs a {@link TrainingSession} step after step, and
 * publishes {@link TrainingSnapshot}s. Commands (train, pause, step, reset …) are queued and run between steps, so no
 * model is ever touched by two threads. Callers never wait for it: they read {@link #latest()}.
 * The first thing the thread does is load ND4J, so a window can appear before the engine is ready.
 *
 * <p>It only trains and publishes. Work that follows the training — the lab's samples, the traces of the inspected
 * input — is done by {@link Follower}s it calls at the right moments without knowing what they do
 * ({@code org.seqlab.engine.follow}).
 */
public final class Trainer implements AutoCloseable, EngineThread.Driver {

    /** Publication cap: about 30 snapshots a second. */
    static final long PUBLISH_NANOS = 33_000_000L;

    /**
     * Work that follows training on the engine thread and adds its results to every snapshot (samples, traces).
     * All three methods run on the engine thread.
     */
    public interface Follower {
        /** The models changed in a way worth showing at once: a new or restored session, a pause, a single step. */
        void refresh(TrainingSession session);

        /** A training step has just been taken while running; refresh if due (the follower keeps its own pace). */
        void afterStep(TrainingSession session, long nanoTime);

        /** The snapshot with this follower's latest results in it. */
        TrainingSnapshot decorate(TrainingSnapshot snapshot);
    }

    private final EngineThread thread;
    /** Whether closing this trainer closes the thread (it made it) or only lets go of it (another owns it). */
    private final boolean ownsThread;
    private volatile TrainingSnapshot latest = TrainingSnapshot.loading();

    // confined to the engine thread
    private Engine.Info engine;
    private TrainingSession session;
    private TrainingSession previous;
    private boolean running;
    private int stepLimit;
    private String message = "";
    private Phase failed;
    private long version;
    private final Throttle publishing = new Throttle(PUBLISH_NANOS);
    private boolean dirty = true;
    private final List<Follower> followers = new CopyOnWriteArrayList<>();
    /** Waiting for training to stop (reached its step, a divergence, a pause, an error); engine thread only. */
    private final List<CompletableFuture<Integer>> stopped = new ArrayList<>();

    /** Starts an engine thread of its own, which loads ND4J at once. */
    public Trainer() {
        this(CompletableFuture.completedFuture(null));
    }

    /**
     * Starts an engine thread of its own, which loads ND4J once {@code ready} completes: a window lets its own native
     * libraries load first, because a library opened on another thread while ND4J starts can deadlock both (see
     * the app's NativePreload). Commands sent meanwhile wait in the queue.
     */
    public Trainer(CompletionStage<?> ready) {
        this(new EngineThread(ready), true);
    }

    private Trainer(EngineThread thread, boolean ownsThread) {
        this.thread = thread;
        this.ownsThread = ownsThread;
        thread.attach(this);
    }

    /** The engine thread it trains on, for other drivers to share (the encoder–decoder window's session). */
    public EngineThread thread() {
        return thread;
    }

    /** Calls {@code f} from now on (on the engine thread), and refreshes it at once. */
    public void follow(Follower f) {
        followers.add(f);
        execute(session -> {
            if (session != null) {
                f.refresh(session);
            }
        });
    }

    /** The newest snapshot; never blocks. */
    public TrainingSnapshot latest() {
        return latest;
    }

    // ---- commands (any thread) ----

    /**
     * Replaces the session with a new one (new models from the seed, step 0, paused). The old session can be
     * brought back with {@link #undo()}. The future fails with the reason when the settings are unusable.
     */
    public CompletableFuture<Void> configure(DataSource data, TrainConfig config, List<RunConfig> runs) {
        return call(() -> {
            TrainingSession next = new TrainingSession(data, config, runs);
            replaceSession(next, "Ready: " + runs.size() + (runs.size() == 1 ? " model" : " models") + " on " + data.name());
            return null;
        });
    }

    /** Takes over a session built elsewhere (a saved run reopened), paused; undo brings the previous one back. */
    public CompletableFuture<Void> adopt(TrainingSession next, String msg) {
        return call(() -> {
            replaceSession(next, msg);
            return null;
        });
    }

    public void play() {
        post(() -> {
            if (session == null) {
                message = "Nothing to train yet.";
            } else if (session.allDiverged()) {
                message = "Every model has diverged; reset to start again.";
            } else {
                running = true;
                message = "";
            }
        });
    }

    public void pause() {
        post(() -> {
            running = false;
            refreshFollowers();
        });
    }

    /**
     * Shows every model as it was at a checkpoint's step (−1: as it is now): training pauses, the views follow. Training
     * on, saving or a new configuration gives the models their live weights back.
     */
    public void scrubTo(int step) {
        post(() -> {
            if (session == null) {
                return;
            }
            running = false;
            if (step < 0) {
                session.live();
            } else {
                session.view(step);
            }
            refreshFollowers();
        });
    }

    /** Exactly one training step, then paused. */
    public void stepOnce() {
        post(() -> {
            running = false;
            if (session != null && !session.allDiverged()) {
                doStep();
                refreshFollowers();
            }
        });
    }

    /** Trains until the session has taken {@code steps} steps, then pauses. */
    public void trainUntil(int steps) {
        post(() -> startUntil(steps));
    }

    private void startUntil(int steps) {
        if (session == null || session.allDiverged()) {
            message = session == null ? "Nothing to train yet." : "Every model has diverged; reset to start again.";
        } else if (session.stepsTaken() >= steps) {
            message = "Already at step " + session.stepsTaken() + ".";
        } else {
            stepLimit = steps;
            running = true;
            message = "";
        }
    }

    /**
     * {@link #trainUntil}, and a future for the step at which training then stops: {@code steps}, or earlier when a
     * model diverges or someone pauses it (the step already taken when no training was needed). Completes on the engine
     * thread, after the session has stopped, so that work submitted then sees the session as it stopped.
     */
    public CompletableFuture<Integer> trainTo(int steps) {
        CompletableFuture<Integer> reached = new CompletableFuture<>();
        post(() -> {
            startUntil(steps);
            stopped.add(reached);
        });
        return reached;
    }

    /**
     * Every diverged model goes on from its last good weights with its learning rate divided by {@code factor};
     * paused, so the learner decides when to train again.
     */
    public void resumeDiverged(double factor) {
        post(() -> {
            if (session == null) {
                return;
            }
            List<String> resumed = new ArrayList<>();
            for (ModelRun r : session.runs()) {
                if (r.status() == ModelRun.Status.DIVERGED) {
                    r.resume(factor);
                    resumed.add(String.format("%s (learning rate now %.2g)", r.id(), r.config().optimizer().learningRate()));
                }
            }
            running = false;
            message = resumed.isEmpty() ? "" : "Rolled back to the last good weights: " + String.join(", ", resumed) + ". Train goes on.";
        });
    }

    /** New weights from the seed, histories cleared; undoable. */
    public void reset() {
        post(() -> {
            if (session != null) {
                replaceSession(new TrainingSession(session.data(), session.config(), session.runConfigs()), "Reset to step 0.");
            }
        });
    }

    /** Brings back the session the last reset or configuration replaced. */
    public void undo() {
        post(() -> {
            if (previous != null) {
                TrainingSession current = session;
                session = previous;
                previous = current;
                running = false;
                message = "Undone: back at step " + session.stepsTaken() + ".";
                refreshFollowers();
            }
        });
    }

    /**
     * Runs {@code work} on the engine thread between steps with the current session (null before the first
     * configuration); what it changes is published with the next snapshot.
     */
    public void execute(Consumer<TrainingSession> work) {
        post(() -> work.accept(session));
    }

    /**
     * Runs work on the engine thread between steps (saving a model, exporting, measuring). Its failure goes to the
     * caller, who says what it means where the work was asked for.
     */
    public <T> CompletableFuture<T> submit(Function<TrainingSession, T> work) {
        return call(() -> {
            if (session == null) {
                throw new IllegalStateException("nothing is configured yet");
            }
            return work.apply(session);
        });
    }

    /**
     * A snapshot of the models as they are now, with every follower's part made afresh (the inspection, the samples):
     * for whoever waits for a state rather than for the next frame (export, check-lessons).
     */
    public CompletableFuture<TrainingSnapshot> settled() {
        return call(() -> {
            refreshFollowers();
            publish(true);
            return latest;
        });
    }

    @Override
    public void close() {
        if (ownsThread) {
            thread.close();
        } else {
            thread.detach(this);
        }
    }

    /** Work on the engine thread whose failure goes to the caller, who reports it (a bad configuration, a view's request). */
    private <T> CompletableFuture<T> call(EngineThread.Work<T> work) {
        return thread.call(() -> {
            try {
                return work.run();
            } finally {
                dirty = true;
            }
        });
    }

    private void post(Runnable r) {
        call(() -> {
            r.run();
            return null;
        });
    }

    // ---- on the engine thread: what it calls ----

    @Override
    public void engineStarted(Engine.Info info, Throwable failure) {
        engine = info;
        if (failure != null) {
            failed = Phase.FAILED;
            message = "ND4J could not load: " + failure;
        }
        publish(true);
    }

    @Override
    public boolean running() {
        return running && session != null;
    }

    @Override
    public void step() {
        doStep();
        long now = System.nanoTime();
        for (Follower f : followers) {
            f.afterStep(session, now);
        }
    }

    @Override
    public void settle(boolean afterCommand) {
        publish(false);
        if (!running && !stopped.isEmpty()) {
            int at = session == null ? 0 : session.stepsTaken();
            List<CompletableFuture<Integer>> done = new ArrayList<>(stopped);
            stopped.clear();
            done.forEach(f -> f.complete(at));
        }
    }

    @Override
    public void failed(Throwable e) {
        running = false;
        if (e instanceof OutOfMemoryError) {
            // the engine thread lives on, or the window would wait for it forever: free what undo kept, and say so
            previous = null;
            message = "Out of memory: the models and their history need more than SeqLab's heap holds. Training"
                    + " stopped before the step that needed it; fewer or smaller models, or Reset, make room.";
        } else {
            message = "Training stopped: " + e.getMessage();
        }
        dirty = true;
        publish(true);
    }

    @Override
    public void released() {
        // the models, their checkpoints and data go with the thread, even if someone still holds this trainer
        stopped.forEach(f -> f.completeExceptionally(new IllegalStateException("the trainer was closed")));
        stopped.clear();
        session = null;
        previous = null;
        followers.clear();
    }

    private void doStep() {
        TrainingSession.StepOutcome out = session.trainStep();
        dirty = true;
        if (!out.divergences().isEmpty()) {
            running = false;
            // the runs' own messages tell the whole story; the status line only names who stopped
            message = out.divergences().size() == 1 ? "A model diverged; it is paused on its last good weights."
                    : out.divergences().size() + " models diverged; they are paused on their last good weights.";
            refreshFollowers();
        }
        if (stepLimit > 0 && out.step() >= stepLimit) {
            running = false;
            stepLimit = 0;
            refreshFollowers();
        }
    }

    private void replaceSession(TrainingSession next, String msg) {
        previous = session;
        session = next;
        running = false;
        stepLimit = 0;
        message = msg;
        refreshFollowers();
        // published before the caller hears that the session is replaced: a waiter that starts watching then (a
        // lesson scene waiting for its training) must never be handed the old session's last snapshot, which the
        // rate limit could otherwise leave as the newest one for a moment
        publish(true);
    }

    private void refreshFollowers() {
        if (session != null) {
            for (Follower f : followers) {
                f.refresh(session);
            }
        }
        dirty = true;
    }

    private void publish(boolean force) {
        long now = System.nanoTime();
        if (force) {
            publishing.mark(now);
        } else if (!dirty || !publishing.tryAcquire(now)) {
            return;
        }
        dirty = false;
        Phase phase = failed != null ? failed : session == null ? Phase.IDLE : running ? Phase.RUNNING : Phase.PAUSED;
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
                        r.lastClipped(), r.status(), r.message(), null));
            }
        }
        TrainingSnapshot next = new TrainingSnapshot(++version, phase, step, message, engine, data, List.copyOf(runs), null, stepLimit,
                previous != null, timeline);
        for (Follower f : followers) {
            next = f.decorate(next);
        }
        latest = next;
    }
}
