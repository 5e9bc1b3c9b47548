package org.seqlab.engine.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.seqlab.engine.Engine;
import org.seqlab.engine.train.TrainingSnapshot.Phase;

/**
 * The one driver of training on the {@link EngineThread}, for both kinds of run: the lab's language models
 * ({@link LabTrainer} over a {@link TrainingSession}) and the encoder–decoder window's ({@code seq2seq.Seq2SeqTrainer}
 * over a {@code Seq2SeqSession}). It owns a session, confined to the engine thread; runs commands between steps; trains
 * to a step and stops there; keeps the session a reset or a new configuration replaced, for undo; lets its followers
 * refresh what they add to the snapshot; completes whoever waits for a state; and publishes, at most about 30 times a
 * second, the immutable snapshot its kind makes of the session ({@link #snapshot}). Callers never wait for it: they
 * read {@link #latest()}.
 *
 * <p>A kind adds only its own commands, each a few lines over {@link #replace}, {@link #halt} and {@link #command}.
 *
 * @param <S> what it trains, confined to the engine thread
 * @param <P> what it publishes, immutable
 */
public abstract class Trainer<S extends Trainer.Session, P> implements AutoCloseable, EngineThread.Driver {

    /** Publication cap: about 30 snapshots a second. */
    static final long PUBLISH_NANOS = 33_000_000L;

    /** Models that train together step by step, on the engine thread only. */
    public interface Session {
        /** Steps taken so far. */
        int stepsTaken();

        /** One training step of every model that can still train; why training must stop now (a divergence), or null. */
        String advance();

        /** Why nothing can train any more (every model diverged), or null. */
        String exhausted();
    }

    /**
     * Work that follows training on the engine thread and adds its results to every snapshot (samples, traces).
     * All three methods run on the engine thread.
     */
    public interface Follower<S, P> {
        /** The models changed in a way worth showing at once: a new or restored session, a pause, a single step. */
        void refresh(S session);

        /** A training step has just been taken while running; refresh if due (the follower keeps its own pace). */
        void afterStep(S session, long nanoTime);

        /** The snapshot with this follower's latest results in it. */
        P decorate(P snapshot);
    }

    /**
     * What the trainer is doing, for the snapshot its kind makes.
     *
     * @param stepLimit the step at which training pauses by itself (0: none)
     * @param canUndo   whether {@link #undo()} can bring back the session a reset or configuration replaced
     */
    public record Status(long version, Phase phase, String message, Engine.Info engine, int stepLimit, boolean canUndo) {
    }

    private record Waiter<S, P>(Predicate<S> met, CompletableFuture<P> future) {
    }

    private final EngineThread thread;
    /** Whether closing this trainer closes the thread (it made it) or only lets go of it (another owns it). */
    private final boolean ownsThread;
    private volatile P latest;

    // confined to the engine thread
    private Engine.Info engine;
    private S session;
    private S previous;
    private boolean running;
    private int stepLimit;
    private String message = "";
    private Phase failed;
    private long version;
    private boolean released;
    private final Throttle publishing = new Throttle(PUBLISH_NANOS);
    private boolean dirty = true;
    private final List<Follower<S, P>> followers = new CopyOnWriteArrayList<>();
    /** Waiting for training to stop (reached its step, a divergence, a pause, an error). */
    private final List<CompletableFuture<Integer>> stopped = new ArrayList<>();
    /** Waiting for the session to reach a state ({@link #when}). */
    private final List<Waiter<S, P>> waiters = new ArrayList<>();

    /**
     * Attaches to {@code thread}, which it then drives with any other trainer on it; closing it closes the thread if
     * {@code ownsThread}, else only lets go of it. The engine thread may call {@link #snapshot} before a subclass's
     * constructor has finished, so a kind's snapshot reads only its arguments.
     */
    protected Trainer(EngineThread thread, boolean ownsThread) {
        this.thread = thread;
        this.ownsThread = ownsThread;
        this.latest = snapshot(null, new Status(0, Phase.LOADING, "", null, 0, false));
        thread.attach(this);
    }

    /** The snapshot of {@code session} (null before the first) in this state; reads only its arguments. */
    protected abstract P snapshot(S session, Status status);

    /** What running out of memory during a step means for this kind of models, and what makes room. */
    protected abstract String outOfMemory();

    /** The engine thread it trains on, for other trainers to share (the encoder–decoder window's). */
    public EngineThread thread() {
        return thread;
    }

    /** The newest snapshot; never blocks. */
    public P latest() {
        return latest;
    }

    /** Calls {@code f} from now on (on the engine thread), and refreshes it at once. */
    public void follow(Follower<S, P> f) {
        followers.add(f);
        execute(s -> {
            if (s != null) {
                f.refresh(s);
            }
        });
    }

    // ---- commands (any thread) ----

    /**
     * Replaces the session with {@code next} of the current one (null: nothing changes), paused, and says
     * {@code says} of it; the old session can be brought back with {@link #undo()}. When {@code next} fails, the
     * session stays as it was, the reason becomes the message, and the future fails with it.
     */
    public CompletableFuture<P> replace(Function<S, S> next, Function<S, String> says) {
        return call(() -> {
            S made;
            try {
                made = next.apply(session);
            } catch (RuntimeException | OutOfMemoryError e) {
                message = reason(e);
                publish(true);
                throw e;
            }
            if (made != null) {
                replaceSession(made, says.apply(made));
            }
            return latest;
        });
    }

    /** Trains on, to the step limit a pause interrupted if there was one. */
    public void play() {
        post(() -> startUntil(stepLimit));
    }

    /** Pauses; the followers show the models as they stopped. */
    public void pause() {
        halt(s -> null);
    }

    /**
     * Pauses and runs {@code work} on the session (when there is one) between steps; what it returns, if not null,
     * becomes the message, and the followers show the models as the work left them (a scrub, a rollback).
     */
    public void halt(Function<S, String> work) {
        post(() -> {
            running = false;
            if (session != null) {
                String said = work.apply(session);
                if (said != null) {
                    message = said;
                }
            }
            refreshFollowers();
        });
    }

    /** Exactly one training step, then paused. */
    public void stepOnce() {
        post(() -> {
            running = false;
            if (session != null && session.exhausted() == null) {
                doStep();
                refreshFollowers();
            }
        });
    }

    /** Trains until the session has taken {@code steps} steps, then pauses. */
    public void trainUntil(int steps) {
        post(() -> startUntil(steps));
    }

    /** Trains {@code steps} more steps than the session has taken when this command runs, then pauses. */
    public void trainFor(int steps) {
        post(() -> startUntil(session == null ? steps : session.stepsTaken() + steps));
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
     * Completes with the first snapshot published once {@code met} holds for the session (checked after every command
     * and step, on the engine thread); cancelled when the session is replaced or the trainer closed.
     */
    public CompletableFuture<P> when(Predicate<S> met) {
        CompletableFuture<P> f = new CompletableFuture<>();
        post(() -> waiters.add(new Waiter<>(met, f)));
        return f;
    }

    /** Brings back the session the last reset or configuration replaced. */
    public void undo() {
        post(() -> {
            if (previous != null) {
                S current = session;
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
    public void execute(Consumer<S> work) {
        post(() -> work.accept(session));
    }

    /**
     * Runs work on the engine thread between steps (saving a model, exporting, measuring). Its failure goes to the
     * caller, who says what it means where the work was asked for.
     */
    public <T> CompletableFuture<T> submit(Function<S, T> work) {
        return call(() -> {
            if (session == null) {
                throw new IllegalStateException("nothing is configured yet");
            }
            return work.apply(session);
        });
    }

    /**
     * Runs {@code work} on the session between steps and completes with the snapshot published after it, whose message
     * is what the work returned (unchanged if null). A failure becomes the message, and the future fails with it: for
     * the commands whose outcome is shown where the snapshot is (save, open, inspect in the encoder–decoder window).
     */
    public CompletableFuture<P> command(Function<S, String> work) {
        return call(() -> {
            try {
                String said = work.apply(session);
                if (said != null) {
                    message = said;
                }
            } catch (RuntimeException | OutOfMemoryError e) {
                message = reason(e);
                throw e;
            } finally {
                publish(true);
            }
            return latest;
        });
    }

    /**
     * A snapshot of the models as they are now, with every follower's part made afresh (the inspection, the samples):
     * for whoever waits for a state rather than for the next frame (export, check-lessons).
     */
    public CompletableFuture<P> settled() {
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

    /** The session, for a kind's own commands; engine thread only. */
    protected final S session() {
        return session;
    }

    /**
     * Work on the engine thread whose failure goes to the caller, who reports it (a bad configuration, a view's
     * request); cancelled once the trainer has let go of its models.
     */
    protected final <T> CompletableFuture<T> call(EngineThread.Work<T> work) {
        return thread.call(() -> {
            if (released) {
                throw new CancellationException("the trainer was closed");
            }
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
        for (Follower<S, P> f : followers) {
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
        if (!waiters.isEmpty() && session != null) {
            List<Waiter<S, P>> met = waiters.stream().filter(w -> w.met().test(session)).toList();
            if (!met.isEmpty()) {
                waiters.removeAll(met);
                dirty = true;
                publish(true);     // published before anyone waiting hears of it: they may read latest() at once
                met.forEach(w -> w.future().complete(latest));
            }
        }
    }

    @Override
    public void failed(Throwable e) {
        running = false;
        if (e instanceof OutOfMemoryError) {
            // the engine thread lives on, or the window would wait for it forever: free what undo kept, and say so
            previous = null;
            message = outOfMemory();
        } else {
            message = "Training stopped: " + e.getMessage();
        }
        dirty = true;
        publish(true);
    }

    @Override
    public void released() {
        // the models, their checkpoints and data go with the thread, even if someone still holds this trainer
        released = true;
        stopped.forEach(f -> f.completeExceptionally(new IllegalStateException("the trainer was closed")));
        stopped.clear();
        waiters.forEach(w -> w.future().cancel(false));
        waiters.clear();
        session = null;
        previous = null;
        running = false;
        followers.clear();
    }

    private void startUntil(int steps) {
        String cannot = session == null ? "Nothing to train yet." : session.exhausted();
        if (cannot != null) {
            message = cannot;
        } else if (steps > 0 && session.stepsTaken() >= steps) {
            message = "Already at step " + session.stepsTaken() + ".";
        } else {
            stepLimit = steps;
            running = true;
            message = "";
        }
    }

    private void doStep() {
        String stop = session.advance();
        dirty = true;
        if (stop != null) {
            running = false;
            message = stop;
            refreshFollowers();
        }
        if (stepLimit > 0 && session.stepsTaken() >= stepLimit) {
            running = false;
            stepLimit = 0;
            refreshFollowers();
        }
    }

    private void replaceSession(S next, String msg) {
        previous = session;
        session = next;
        running = false;
        stepLimit = 0;
        message = msg;
        waiters.forEach(w -> w.future().cancel(false));    // they waited for the models that went
        waiters.clear();
        refreshFollowers();
        // published before the caller hears that the session is replaced: a waiter that starts watching then (a
        // lesson scene waiting for its training) must never be handed the old session's last snapshot, which the
        // rate limit could otherwise leave as the newest one for a moment
        publish(true);
    }

    /** The models changed in a way worth showing at once: the kind and every follower refresh what they show. */
    private void refreshFollowers() {
        if (session != null) {
            refreshed(session);
            for (Follower<S, P> f : followers) {
                f.refresh(session);
            }
        }
        dirty = true;
    }

    /** What to tell the learner about a failed command: its own message, or what running out of memory means here. */
    private String reason(Throwable e) {
        return e instanceof OutOfMemoryError ? outOfMemory() : String.valueOf(e.getMessage());
    }

    /** The kind's own part of a refresh, before the followers' (the encoder–decoders measure where they stopped). */
    protected void refreshed(S s) {
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
        P next = snapshot(session, new Status(++version, phase, message, engine, stepLimit, previous != null));
        for (Follower<S, P> f : followers) {
            next = f.decorate(next);
        }
        latest = next;
    }
}
