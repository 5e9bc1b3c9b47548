package org.seqlab.app.work;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs every job at once on the calling thread, and the UI's part right after it: deterministic, for tests of
 * view-model code without a toolkit. Work the engine thread answers is waited for.
 */
public final class CallingThread implements Background {

    @Override
    public <T> Job<T> run(String what, Work<T> work, Consumer<T> done, Consumer<Throwable> failed) {
        Job<T> job = new Job<>(what);
        try {
            job.finish(work.call(job), null);
        } catch (Exception | Error e) {
            job.finish(null, e);
        }
        deliver(job, done, failed);
        return job;
    }

    @Override
    public <T> Job<T> await(String what, Function<Progress, CompletableFuture<T>> start, Consumer<T> done, Consumer<Throwable> failed) {
        Job<T> job = new Job<>(what);
        try {
            job.finish(start.apply(job).join(), null);
        } catch (Exception | Error e) {
            job.finish(null, Failure.cause(e));
        }
        deliver(job, done, failed);
        return job;
    }

    @Override
    public <T> CompletableFuture<T> offUi(Callable<T> work) {
        try {
            return CompletableFuture.completedFuture(work.call());
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void ui(Runnable r) {
        r.run();
    }

    private static <T> void deliver(Job<T> job, Consumer<T> done, Consumer<Throwable> failed) {
        job.outcome().whenComplete((v, ex) -> {
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
        });
    }
}
