package org.seqlab.engine.seq2seq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.seqlab.engine.Engine;
import org.seqlab.engine.bridge.TorchExport;
import org.seqlab.engine.bridge.TorchSeq2SeqExport;
import org.seqlab.engine.data.tasks.Task;
import org.seqlab.engine.expect.Measured;
import org.seqlab.engine.io.DataException;
import org.seqlab.engine.expect.Point;
import org.seqlab.engine.expect.PointHistory;
import org.seqlab.engine.train.EngineThread;
import org.seqlab.engine.train.Throttle;

/**
 * Drives the encoder–decoder window's models on the {@link EngineThread} (the lab's, in the app): owns a
 * {@link Seq2SeqExperiment}, trains it when asked, measures it every {@link #MEASURE_EVERY} steps and when it stops,
 * and publishes immutable {@link Snapshot}s that a window reads without waiting. Commands run between steps, so no
 * model is touched by two threads.
 */
public final class Seq2SeqSession implements AutoCloseable, EngineThread.Driver {

    public static final int MEASURE_EVERY = 100;
    private static final long PUBLISH_NANOS = 100_000_000L;

    /** Where each model looked and what it kept, for one source. */
    public record RunInspection(String id, String label, boolean attends, String output, double[][] weights, double[][] encoderStates,
            double[] context, LinkedHashMap<String, double[][]> heads) {
    }

    /** The inspected source, its reference, and each model's output for it. */
    public record Inspection(String source, String reference, List<RunInspection> runs) {
    }

    /**
     * @param lossSteps the steps at which {@code lossBits} were taken
     * @param lossBits  per model, its smoothed training loss at those steps
     * @param measured  the last measurement (null before the first)
     */
    public record Snapshot(long version, Seq2SeqExperiment.Spec spec, int step, int target, boolean running, int[] lossSteps,
            List<double[]> lossBits, List<Seq2SeqExperiment.Measured> measured, Inspection inspection, String message) {

        public static Snapshot empty(String message) {
            return new Snapshot(0, null, 0, 0, false, new int[0], List.of(), null, null, message);
        }
    }

    private final EngineThread thread;
    private final boolean ownsThread;
    private volatile Snapshot latest = Snapshot.empty("Choose a task and press Train.");

    // confined to the session thread
    private Seq2SeqExperiment experiment;
    private int target;
    private boolean running;
    private String inspect = "";
    private Inspection inspection;
    private List<Seq2SeqExperiment.Measured> measured;
    private final List<Integer> lossSteps = new ArrayList<>();
    private final List<double[]> lossRows = new ArrayList<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private String message = "";
    private long version;
    private boolean released;
    private final Throttle publishing = new Throttle(PUBLISH_NANOS);

    private record Waiter(int step, CompletableFuture<Snapshot> future) {
    }

    /** Every model measured at one step, and when (System.nanoTime()). */
    public record Measurement(int step, long nanoTime, List<Seq2SeqExperiment.Measured> measured) {
    }

    /** Every measurement since the models were built (session thread). */
    private final List<Measurement> history = new ArrayList<>();

    /** A session on an engine thread of its own (the command line, tests). */
    public Seq2SeqSession() {
        this(new EngineThread(), true);
    }

    /** A session on a thread another owns (the lab's): the window's training and the lab's take turns on it. */
    public Seq2SeqSession(EngineThread thread) {
        this(thread, false);
    }

    private Seq2SeqSession(EngineThread thread, boolean ownsThread) {
        this.thread = thread;
        this.ownsThread = ownsThread;
        thread.attach(this);
    }

    public Snapshot latest() {
        return latest;
    }

    /** Builds the experiment's models afresh (its data from the spec's seed); the inspected source is kept if it fits. */
    public CompletableFuture<Snapshot> setUp(Seq2SeqExperiment.Spec spec) {
        return call(() -> {
            replaceWith(new Seq2SeqExperiment(spec), inspect);
            measured = null;
            inspection = inspectNow();
            message = "New models: " + spec.models().size() + " on " + spec.task().description() + ".";
        });
    }

    /** Writes the experiment, its loss curve and the inspected source to {@code file} (atomically). */
    public CompletableFuture<Snapshot> save(Path file) {
        return call(() -> {
            if (experiment == null) {
                throw new IllegalStateException("There is nothing to save yet.");
            }
            int[] steps = lossSteps.stream().mapToInt(Integer::intValue).toArray();
            try {
                ExperimentFile.save(file, experiment, steps, lossRows, inspect);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not save " + file.getFileName() + ": " + e.getMessage(), e);
            }
            message = "Saved step " + experiment.step() + " to " + file.getFileName() + ".";
        });
    }

    /**
     * Writes every encoder–decoder as a PyTorch program ({@code TorchSeq2SeqExport}), each into a new folder of its own
     * inside {@code folder} ({@code A-seq2seq-gru-pytorch} …), with Adam's state and the task's training pairs.
     */
    public CompletableFuture<Snapshot> toPyTorch(Path folder) {
        return call(() -> {
            if (experiment == null) {
                throw new IllegalStateException("There is nothing to write yet.");
            }
            List<String> written = new ArrayList<>();
            for (int i = 0; i < experiment.runs().size(); i++) {
                Path dir = TorchExport.newFolder(folder, Seq2SeqExperiment.id(i) + "-"
                        + experiment.runs().get(i).model().config().kind().id() + "-pytorch");
                try {
                    TorchSeq2SeqExport.write(dir, experiment.pytorch(i));
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not write into " + folder + ": " + e.getMessage(), e);
                }
                written.add(dir.getFileName().toString());
            }
            message = "Wrote " + String.join(", ", written) + " in " + folder + " (python3 run.py --help in each).";
        });
    }

    /**
     * Replaces the experiment with one saved to {@code file}, paused at its step and measured there; the models as they
     * were stay if the file cannot be read (the future fails with the reason, which is also the message).
     */
    public CompletableFuture<Snapshot> open(Path file) {
        return call(() -> {
            ExperimentFile.Loaded loaded;
            try {
                loaded = ExperimentFile.load(file);
            } catch (DataException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            replaceWith(loaded.experiment(), loaded.inspect());
            for (int i = 0; i < loaded.lossSteps().length; i++) {
                lossSteps.add(loaded.lossSteps()[i]);
                lossRows.add(loaded.lossBits().get(i));
            }
            measureNow();
            message = "Opened " + file.getFileName() + ": " + experiment.spec().models().size() + " on "
                    + experiment.spec().task().description() + ", at step " + experiment.step() + ".";
        });
    }

    /**
     * The session's models are now {@code next}'s, paused at its step, with no loss curve or measurement yet and nobody
     * waiting for the old ones; {@code source} is inspected if it is one of the task's, else the first validation source.
     */
    private void replaceWith(Seq2SeqExperiment next, String source) {
        experiment = next;
        running = false;
        target = next.step();
        lossSteps.clear();
        lossRows.clear();
        history.clear();
        waiters.forEach(w -> w.future().cancel(false));
        waiters.clear();
        inspect = !source.isEmpty() && fits(source) ? source : next.data().validation().get(0).source();
    }

    /** Trains {@code steps} more, measuring as it goes. */
    public void train(int steps) {
        command(() -> {
            if (experiment != null) {
                target = experiment.step() + steps;
                running = true;
                message = "Training to step " + target + ".";
            }
        });
    }

    public void pause() {
        command(() -> {
            if (running) {
                running = false;
                measureNow();
                message = "Paused at step " + experiment.step() + ".";
            }
        });
    }

    /** Shows every model's output and alignment for this source (refused with a message if it is not the task's). */
    public CompletableFuture<Snapshot> inspect(String source) {
        return call(() -> {
            if (experiment == null) {
                return;
            }
            if (!fits(source)) {
                message = "\"" + source + "\" is not a source of this task: " + experiment.spec().task().description() + ", with the symbols "
                        + experiment.spec().task().alphabet();
                return;
            }
            inspect = source;
            inspection = inspectNow();
            message = "";
        });
    }

    /** Completes with the first snapshot measured at or after {@code step} (for lessons and tests). */
    public CompletableFuture<Snapshot> whenMeasured(int step) {
        CompletableFuture<Snapshot> f = new CompletableFuture<>();
        command(() -> {
            if (measured != null && measured.get(0).step() >= step) {
                f.complete(snapshot());
            } else {
                waiters.add(new Waiter(step, f));
            }
        });
        return f;
    }

    /**
     * A scene's point on the models as last measured, and at every measurement since they were built: what the
     * encoder–decoder lab shows under a scene's button and what {@code check-lessons} reports, by one piece of code.
     * Completes with null before the first measurement.
     */
    public CompletableFuture<Measured> measure(Point point) {
        CompletableFuture<Measured> f = new CompletableFuture<>();
        command(() -> {
            if (measured == null || history.isEmpty()) {
                f.complete(null);
                return;
            }
            int n = history.size();
            int[] steps = new int[n];
            boolean[] met = new boolean[n];
            Map<String, double[]> values = new LinkedHashMap<>();
            for (int k = 0; k < n; k++) {
                List<Seq2SeqExperiment.Measured> m = history.get(k).measured();
                steps[k] = history.get(k).step();
                Point.Verdict v = point.evaluate(call -> Seq2SeqExperiment.value(m, call));
                met[k] = v.met();
                int at = k;
                v.values().forEach((name, x) -> values.computeIfAbsent(name, x0 -> new double[n])[at] = x);
            }
            f.complete(new Measured(point.evaluate(call -> Seq2SeqExperiment.value(measured, call)), new PointHistory(steps, values, met)));
        });
        return f;
    }

    /** Every measurement since the models were built, with its time. */
    public CompletableFuture<List<Measurement>> measurements() {
        CompletableFuture<List<Measurement>> f = new CompletableFuture<>();
        command(() -> f.complete(List.copyOf(history)));
        return f;
    }

    @Override
    public void close() {
        if (ownsThread) {
            thread.close();
        } else {
            thread.detach(this);
        }
    }

    /** Runs on the engine thread and publishes what it changed; its failure stops training and is said. */
    private void command(Runnable work) {
        thread.post(this, () -> {
            if (released) {
                return;                  // closed: its models are gone, and its last snapshot stays what it was
            }
            work.run();
            publish(true);
        });
    }

    private CompletableFuture<Snapshot> call(Runnable work) {
        CompletableFuture<Snapshot> f = new CompletableFuture<>();
        thread.post(this, () -> {
            if (released) {
                f.cancel(false);
                return;
            }
            try {
                work.run();
                publish(true);
                f.complete(latest);
            } catch (RuntimeException | OutOfMemoryError e) {
                message = e instanceof OutOfMemoryError ? "Out of memory: SeqLab's heap cannot hold these encoder–decoders." : e.getMessage();
                publish(true);
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    // ---- on the engine thread: what it calls ----

    @Override
    public void engineStarted(Engine.Info info, Throwable failure) {
        if (failure != null) {
            message = "ND4J could not load: " + failure;
            publish(true);
        }
    }

    @Override
    public boolean running() {
        return running && experiment != null;
    }

    @Override
    public void step() {
        trainOne();
    }

    @Override
    public void settle(boolean afterCommand) {
        // its commands and steps publish what they change themselves
    }

    @Override
    public void failed(Throwable e) {
        running = false;
        message = e instanceof OutOfMemoryError ? "Out of memory: these encoder–decoders need more than SeqLab's heap holds; choose a smaller width."
                : "Training stopped: " + e.getMessage();
        publish(true);
    }

    @Override
    public void released() {
        // the models and the task's data go, even if a window still holds this session
        released = true;
        experiment = null;
        running = false;
        waiters.forEach(w -> w.future().cancel(false));
        waiters.clear();
    }

    private void trainOne() {
        experiment.trainStep();
        int step = experiment.step();
        if (step % 5 == 0 || step == 1) {
            lossSteps.add(step);
            lossRows.add(experiment.recentTrainBits());
        }
        if (step >= target) {
            running = false;
            message = "Trained to step " + step + ".";
        }
        if (step % MEASURE_EVERY == 0 || !running) {
            measureNow();
        }
        publish(!running);
    }

    private void measureNow() {
        measured = experiment.measure();
        if (history.isEmpty() || history.get(history.size() - 1).step() != experiment.step()) {
            history.add(new Measurement(experiment.step(), System.nanoTime(), measured));
        }
        inspection = inspectNow();
        Snapshot s = snapshot();
        latest = s;                      // published before anyone waiting hears of it: they may read latest() at once
        publishing.mark(System.nanoTime());
        waiters.removeIf(w -> {
            if (experiment.step() >= w.step()) {
                w.future().complete(s);
                return true;
            }
            return false;
        });
    }

    private Inspection inspectNow() {
        List<RunInspection> runs = new ArrayList<>();
        List<Seq2SeqRun> all = experiment.runs();
        for (int i = 0; i < all.size(); i++) {
            Seq2SeqRun r = all.get(i);
            Translator.Decoded d = r.greedy(List.of(inspect)).get(0);
            Translator.EncoderView enc = r.translator().encoderView(inspect);
            runs.add(new RunInspection(Seq2SeqExperiment.id(i), r.model().config().describe(), r.model().config().attends(), d.text(),
                    d.weights(), enc.states(), enc.context(), r.translator().crossAttentionMaps(inspect, d.text())));
        }
        String reference;
        try {
            reference = experiment.spec().task().reference(inspect);
        } catch (RuntimeException e) {
            reference = null;
        }
        return new Inspection(inspect, reference, List.copyOf(runs));
    }

    private boolean fits(String source) {
        if (source.isEmpty() || source.length() > Task.LONG_MAX_LETTERS + 10) {
            return false;
        }
        try {
            experiment.runs().get(0).vocab().encode(source);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Snapshot snapshot() {
        int[] steps = lossSteps.stream().mapToInt(Integer::intValue).toArray();
        return new Snapshot(++version, experiment == null ? null : experiment.spec(), experiment == null ? 0 : experiment.step(), target,
                running, steps, List.copyOf(lossRows), measured, inspection, message);
    }

    private void publish(boolean force) {
        long now = System.nanoTime();
        if (force) {
            publishing.mark(now);
        } else if (!publishing.tryAcquire(now)) {
            return;
        }
        latest = snapshot();
    }
}
