package org.seqlab.engine.train;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.seqlab.engine.Engine;

/**
 * The one engine thread: it loads ND4J, owns every model, runs commands between steps, and steps whichever of its
 * {@link Driver}s is running, in turn. The lab's {@link Trainer} and the encoder–decoder window's session are two drivers of one
 * thread, so no model is touched by two threads and the two never compete for the machine's cores with two threads
 * of their own. Callers never wait for it: they queue commands and read what the drivers publish.
 */
public final class EngineThread implements AutoCloseable {

    /** How long an idle thread waits for a command before it looks at its drivers again. */
    private static final long IDLE_MILLIS = 50;

    /** What the thread drives: a kind of run with its own state, all of it confined to the engine thread. */
    public interface Driver {
        /** Whether it wants a training step now. */
        boolean running();

        /** One training step. */
        void step();

        /**
         * After every command and step on the thread, the driver's own or another's: publish if due, complete whoever
         * waits for what has happened.
         */
        void settle(boolean afterCommand);

        /** Its step failed, or the memory ran out during it; it stops and says so, and the thread lives on. */
        void failed(Throwable e);

        /** ND4J is loaded (info), or could not load (info null, the reason in {@code failure}). */
        void engineStarted(Engine.Info info, Throwable failure);

        /** The thread is closing, or the driver was detached: let go of the models and fail whoever waits. */
        void released();
    }

    private final BlockingQueue<Runnable> commands = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final CompletionStage<?> ready;
    private final List<Driver> drivers = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    // engine thread only
    private Engine.Info engine;
    private Throwable engineFailure;
    private boolean started;

    /** Starts the thread, which loads ND4J at once. */
    public EngineThread() {
        this(CompletableFuture.completedFuture(null));
    }

    /**
     * Starts the thread, which loads ND4J once {@code ready} completes: a window lets its own native libraries load
     * first, because a library opened on another thread while ND4J starts can deadlock both (see the app's
     * NativePreload). Commands sent meanwhile wait in the queue.
     */
    public EngineThread(CompletionStage<?> ready) {
        this.ready = ready;
        thread = new Thread(this::loop, "seqlab-engine");
        thread.setDaemon(true);
        thread.start();
    }

    /** From now on {@code d} is stepped and settled on this thread; it hears at once if ND4J has loaded already. */
    public void attach(Driver d) {
        commands.add(() -> {
            drivers.add(d);
            if (started) {
                d.engineStarted(engine, engineFailure);
            }
        });
    }

    /** {@code d} is no longer stepped; it is released on the thread (after any command queued before). */
    public void detach(Driver d) {
        commands.add(() -> {
            if (drivers.remove(d)) {
                d.released();
            }
        });
    }

    /** Runs {@code r} on the engine thread between steps; a failure goes to {@code owner}. */
    public void post(Driver owner, Runnable r) {
        commands.add(() -> {
            try {
                r.run();
            } catch (RuntimeException | OutOfMemoryError e) {
                owner.failed(e);
            }
        });
    }

    /** Work whose result (or failure) someone waits for. */
    public interface Work<T> {
        T run() throws Exception;
    }

    /** Runs {@code work} on the engine thread between steps; its failure goes to the caller. */
    public <T> CompletableFuture<T> call(Work<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        commands.add(() -> {
            try {
                f.complete(work.run());
            } catch (Exception | Error e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    /** Whether the caller is the engine thread. */
    public boolean isEngineThread() {
        return Thread.currentThread() == thread;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        try {
            ready.toCompletableFuture().get();   // interruptible, so close() ends a thread whose gate never opened
        } catch (InterruptedException e) {
            release();
            return;
        } catch (ExecutionException e) {
            // a failed gate still lets the engine start: it only orders the loading
        }
        try {
            engine = Engine.start();
        } catch (Throwable e) {
            engineFailure = e;
        }
        started = true;
        for (Driver d : drivers) {
            d.engineStarted(engine, engineFailure);
        }
        while (!closed) {
            try {
                boolean anyRunning = engineFailure == null && drivers.stream().anyMatch(Driver::running);
                Runnable cmd = anyRunning ? commands.poll() : commands.poll(IDLE_MILLIS, TimeUnit.MILLISECONDS);
                if (cmd != null) {
                    cmd.run();           // commands run even without an engine (they find none and say so); steps never do
                    settleAll(true);
                    continue;
                }
                for (Driver d : drivers) {
                    if (engineFailure == null && d.running()) {
                        stepOne(d);
                    }
                }
                settleAll(false);
            } catch (InterruptedException e) {
                break;
            }
        }
        release();
    }

    private void stepOne(Driver d) {
        try {
            d.step();
        } catch (RuntimeException | OutOfMemoryError e) {
            d.failed(e);
        }
    }

    private void settleAll(boolean afterCommand) {
        for (Driver d : drivers) {
            try {
                d.settle(afterCommand);
            } catch (RuntimeException e) {
                d.failed(e);
            }
        }
    }

    /** Closed: the models, their checkpoints and data go with the thread, even if someone still holds a driver. */
    private void release() {
        for (Driver d : drivers) {
            d.released();
        }
        drivers.clear();
        commands.clear();
    }
}
