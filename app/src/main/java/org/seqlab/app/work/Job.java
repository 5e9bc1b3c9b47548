package org.seqlab.app.work;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleConsumer;

/** One piece of background work: what it does, how far it is, and a way to stop it. */
public final class Job<T> implements Progress {

    private final String what;
    private final CompletableFuture<T> outcome = new CompletableFuture<>();    // the work's own end
    private final CompletableFuture<T> delivered = new CompletableFuture<>();  // … once the UI has been told
    private final CopyOnWriteArrayList<DoubleConsumer> listeners = new CopyOnWriteArrayList<>();
    private volatile double share;
    private volatile boolean cancelled;

    Job(String what) {
        this.what = what;
    }

    public String what() {
        return what;
    }

    /** The share done so far, 0 to 1 (0 for work that does not report). */
    public double share() {
        return share;
    }

    /** Asks the work to stop at its next report; the job fails with a {@link CancellationException}. */
    public void cancel() {
        cancelled = true;
        outcome.completeExceptionally(new CancellationException(what + ": cancelled"));
    }

    @Override
    public boolean cancelled() {
        return cancelled;
    }

    @Override
    public void report(double s) {
        if (cancelled) {
            throw new CancellationException(what + ": cancelled");
        }
        share = Math.max(0, Math.min(1, s));
        for (DoubleConsumer l : listeners) {
            l.accept(share);
        }
    }

    /** Called with every report, on the reporting thread. */
    public void onProgress(DoubleConsumer listener) {
        listeners.add(listener);
    }

    /** Completes once the work has ended and the UI has been handed its result or failure (or the cancellation). */
    public CompletableFuture<T> result() {
        return delivered;
    }

    CompletableFuture<T> outcome() {
        return outcome;
    }

    boolean finish(T value, Throwable failure) {
        return failure == null ? outcome.complete(value) : outcome.completeExceptionally(failure);
    }

    void delivered(T value, Throwable failure) {
        if (failure == null) {
            delivered.complete(value);
        } else {
            delivered.completeExceptionally(failure);
        }
    }
}
