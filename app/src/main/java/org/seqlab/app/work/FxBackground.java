package org.seqlab.app.work;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The window's background: work on an executor's threads (the engine's work on the engine thread), results and
 * failures on the JavaFX thread, and the running jobs listed for the status bar to show with their progress.
 */
public final class FxBackground implements Background {

    private final Executor executor;
    private final ObservableList<Job<?>> running = FXCollections.observableArrayList();

    public FxBackground(Executor executor) {
        this.executor = executor;
    }

    /** Work on one daemon thread of its own, named {@code name} (files, data), which {@link #shutdown} stops. */
    public static FxBackground onOwnThread(String name) {
        return new FxBackground(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        }));
    }

    @Override
    public void shutdown() {
        if (executor instanceof ExecutorService service) {
            service.shutdownNow();
        }
    }

    @Override
    public ObservableList<Job<?>> running() {
        return running;
    }

    @Override
    public <T> Job<T> run(String what, Work<T> work, Consumer<T> done, Consumer<Throwable> failed) {
        Job<T> job = started(what, done, failed);
        executor.execute(() -> {
            if (job.cancelled()) {
                return;
            }
            try {
                job.finish(work.call(job), null);
            } catch (Exception | Error e) {
                job.finish(null, e);
            }
        });
        return job;
    }

    @Override
    public <T> Job<T> await(String what, Function<Progress, CompletableFuture<T>> start, Consumer<T> done, Consumer<Throwable> failed) {
        Job<T> job = started(what, done, failed);
        start.apply(job).whenComplete((v, ex) -> job.finish(v, ex == null ? null : Failure.cause(ex)));
        return job;
    }

    @Override
    public <T> CompletableFuture<T> offUi(Callable<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                f.complete(work.call());
            } catch (Exception | Error e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    @Override
    public void ui(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }

    private <T> Job<T> started(String what, Consumer<T> done, Consumer<Throwable> failed) {
        Job<T> job = new Job<>(what);
        ui(() -> running.add(job));
        job.outcome().whenComplete((v, ex) -> ui(() -> {
            running.remove(job);
            Throwable cause = ex == null ? null : Failure.cause(ex);
            try {
                if (cause == null) {
                    done.accept(v);
                } else {
                    failed.accept(cause);
                }
            } finally {
                job.delivered(v, cause);
            }
        }));
        return job;
    }
}
