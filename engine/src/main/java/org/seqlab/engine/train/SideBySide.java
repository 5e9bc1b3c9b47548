package org.seqlab.engine.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The models of one session stepped at once, one core each.
 *
 * <p>Why: every model computes on one thread (see {@link org.seqlab.engine.Engine}), so a scene with two or three
 * models left the second core idle; its models share nothing but the batch they read, so stepping them on their own
 * threads halves a two-model step on a two-core machine (247 ms → 111–135 ms for two Transformers, measured). The
 * calling thread waits for all of them, so the session stays synchronous: callers see one step, as before, and every
 * write a model made happens-before the call returns. Linux's scheduler lets the UI thread, which mostly sleeps, cut
 * in ahead of the two busy workers when it wakes.
 */
public final class SideBySide {

    /** One worker per core, daemons (they never keep the app alive), shared by every session. */
    private static final ExecutorService WORKERS = Executors.newFixedThreadPool(
            Math.max(1, Runtime.getRuntime().availableProcessors()), daemon());

    private SideBySide() {
    }

    /**
     * {@code work.apply(i)} for every {@code i < count}, at once when there is more than one, in index order of the
     * results; a failure of any is rethrown as it was (after all have finished, so no model is left mid-step).
     */
    public static <T> List<T> each(int count, IntFunction<T> work) {
        if (count == 1) {
            return List.of(work.apply(0));
        }
        List<Future<T>> running = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int index = i;
            running.add(WORKERS.submit(() -> work.apply(index)));
        }
        List<T> results = new ArrayList<>(count);
        Throwable failed = null;
        boolean interrupted = false;
        for (Future<T> f : running) {
            while (true) {
                try {
                    results.add(f.get());
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;   // finish the step: a model must not be abandoned half-updated
                } catch (ExecutionException e) {
                    failed = failed == null ? e.getCause() : failed;
                    results.add(null);
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failed instanceof RuntimeException r) {
            throw r;
        }
        if (failed instanceof Error e) {
            throw e;
        }
        if (failed != null) {
            throw new IllegalStateException(failed);
        }
        return results;
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "seqlab-model-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
