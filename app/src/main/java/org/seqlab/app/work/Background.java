package org.seqlab.app.work;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.Function;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Work off the UI thread, its result or failure back on it; every job reports progress and can be cancelled. */
public interface Background {

    /** Work that reports its progress (and stops when told to) while it runs. */
    @FunctionalInterface
    interface Work<T> {
        T call(Progress progress) throws Exception;
    }

    /**
     * Runs {@code work} on a background thread; then {@code done} with its result, or {@code failed} with the cause
     * (a {@link java.util.concurrent.CancellationException} when cancelled), on the UI thread.
     *
     * @param what what the work does, as the status bar shows it ("Scoring digits")
     */
    <T> Job<T> run(String what, Work<T> work, Consumer<T> done, Consumer<Throwable> failed);

    /**
     * Starts work that runs elsewhere (the engine thread) with a progress of its own, and hands back its result the
     * same way: {@code start} receives the job's progress (which throws once cancelled, so the work stops at its next
     * report) and returns the future of the result.
     */
    <T> Job<T> await(String what, Function<Progress, CompletableFuture<T>> start, Consumer<T> done, Consumer<Throwable> failed);

    /** Runs {@code work} on a background thread, for chaining into other work; nothing comes back to the UI by itself. */
    <T> CompletableFuture<T> offUi(Callable<T> work);

    /** Shows the job's progress on the UI thread as it is reported; returns the job. */
    default <T> Job<T> progressTo(Job<T> job, DoubleConsumer onUi) {
        job.onProgress(share -> ui(() -> onUi.accept(share)));
        return job;
    }

    /** Runs {@code r} on the UI thread (at once when already there). */
    void ui(Runnable r);

    /** The jobs still running, in the order they started (changed on the UI thread only); none where jobs finish at once. */
    default ObservableList<Job<?>> running() {
        return FXCollections.emptyObservableList();
    }

    /** Stops the threads this background owns, if any. */
    default void shutdown() {
    }
}
