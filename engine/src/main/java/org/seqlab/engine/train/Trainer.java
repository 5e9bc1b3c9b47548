package org.seqlab.engine.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.DataSource;
import org.seqlab.engine.data.Vocabulary;
import org.seqlab.engine.inspect.Inspection;
import org.seqlab.engine.model.Trace;
import org.seqlab.engine.sample.Sampler;
import org.seqlab.engine.train.TrainingSnapshot.DataInfo;
import org.seqlab.engine.train.TrainingSnapshot.InspectionSnapshot;
import org.seqlab.engine.train.TrainingSnapshot.Phase;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;
import org.seqlab.engine.train.TrainingSnapshot.Samples;

/**
 * The engine thread: owns every model, runs a {@link TrainingSession} step after step, and publishes
 * {@link TrainingSnapshot}s. Commands (train, pause, step, reset, inspect …) are queued and run between steps,
 * so no model is ever touched by two threads. Callers never wait for it: they read {@link #latest()}.
 * The first thing the thread does is load ND4J, so a window can appear before the engine is ready.
 */
public final class Trainer implements AutoCloseable {

    /** Publication cap: about 30 snapshots a second. */
    static final long PUBLISH_NANOS = 33_000_000L;
    /** While training, fresh samples every 2 s and fresh traces of the inspected string every 0.4 s. */
    static final long SAMPLE_NANOS = 2_000_000_000L;
    static final long INSPECT_NANOS = 400_000_000L;
    static final int MAX_INSPECT_CHARS = 400;

    private final BlockingQueue<Runnable> commands = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile TrainingSnapshot latest = TrainingSnapshot.loading();
    private volatile boolean closed;

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
    private String inspectText = "";
    private int inspectPosition = -1;
    private InspectionSnapshot inspection;
    private long lastInspect;
    private double temperature = 0.8;
    private int sampleLength = 120;
    private final Map<String, Samples> samples = new LinkedHashMap<>();
    private long lastSamples;
    private long sampleCost;
    private final java.util.concurrent.CompletionStage<?> ready;

    /** Starts the engine thread, which loads ND4J at once. */
    public Trainer() {
        this(java.util.concurrent.CompletableFuture.completedFuture(null));
    }

    /**
     * Starts the engine thread, which loads ND4J once {@code ready} completes: a window lets its own native
     * libraries load first, because a library opened on another thread while ND4J starts can deadlock both (see
     * the app's NativePreload). Commands sent meanwhile wait in the queue.
     */
    public Trainer(java.util.concurrent.CompletionStage<?> ready) {
        this.ready = ready;
        thread = new Thread(this::loop, "seqlab-engine");
        thread.setDaemon(true);
        thread.start();
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
            refreshSamples();
            refreshInspection();
        });
    }

    /** Exactly one training step, then paused. */
    public void stepOnce() {
        post(() -> {
            running = false;
            if (session != null && !session.allDiverged()) {
                doStep();
                refreshSamples();
                refreshInspection();
            }
        });
    }

    /** Trains until the session has taken {@code steps} steps, then pauses. */
    public void trainUntil(int steps) {
        post(() -> {
            if (session == null || session.allDiverged()) {
                message = session == null ? "Nothing to train yet." : "Every model has diverged; reset to start again.";
            } else if (session.stepsTaken() >= steps) {
                message = "Already at step " + session.stepsTaken() + ".";
            } else {
                stepLimit = steps;
                running = true;
                message = "";
            }
        });
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
                samples.clear();
                message = "Undone: back at step " + session.stepsTaken() + ".";
                refreshSamples();
                refreshInspection();
            }
        });
    }

    /** The string the views inspect; traces follow the models as they train. */
    public void inspect(String text) {
        post(() -> {
            inspectText = text == null ? "" : text;
            refreshInspection();
        });
    }

    /** The output whose loss the inspection back-propagates (−1: the last); for an image, the pixel whose receptive field is mapped. */
    public void inspectAt(int position) {
        post(() -> {
            inspectPosition = position;
            refreshInspection();
        });
    }

    public void setSampling(double temperature, int length) {
        post(() -> {
            this.temperature = Math.max(0, temperature);
            this.sampleLength = Math.max(1, Math.min(2000, length));
            refreshSamples();
        });
    }

    /** Runs work on the engine thread between steps (saving a model, exporting, measuring). */
    public <T> CompletableFuture<T> submit(Function<TrainingSession, T> work) {
        return call(() -> {
            if (session == null) {
                throw new IllegalStateException("nothing is configured yet");
            }
            return work.apply(session);
        });
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

    private interface Work<T> {
        T run() throws Exception;
    }

    private <T> CompletableFuture<T> call(Work<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        commands.add(() -> {
            try {
                f.complete(work.run());
            } catch (Exception | Error e) {
                message = e.getMessage() == null ? e.toString() : e.getMessage();
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    private void post(Runnable r) {
        call(() -> {
            r.run();
            return null;
        });
    }

    // ---- the engine thread ----

    private void loop() {
        try {
            ready.toCompletableFuture().get();   // interruptible, so close() ends a trainer whose gate never opened
        } catch (InterruptedException e) {
            return;
        } catch (java.util.concurrent.ExecutionException e) {
            // a failed gate still lets the engine start: it only orders the loading
        }
        try {
            engine = Engine.start();
        } catch (Throwable e) {
            failed = Phase.FAILED;
            message = "ND4J could not load: " + e;
            publish(true);
            return;
        }
        publish(true);
        while (!closed) {
            try {
                Runnable cmd = running ? commands.poll() : commands.poll(50, TimeUnit.MILLISECONDS);
                if (cmd != null) {
                    cmd.run();
                    dirty = true;
                } else if (running) {
                    doStep();
                    long now = System.nanoTime();
                    // samples at most every 2 s, and never more than a sixth of the time (images take a forward per pixel)
                    if (now - lastSamples > Math.max(SAMPLE_NANOS, 5 * sampleCost)) {
                        refreshSamples();
                    }
                    if (now - lastInspect > INSPECT_NANOS) {
                        refreshInspection();
                    }
                }
                publish(false);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                running = false;
                message = "Training stopped: " + e.getMessage();
                dirty = true;
                publish(true);
            }
        }
    }

    private void doStep() {
        TrainingSession.StepOutcome out = session.trainStep();
        dirty = true;
        if (!out.divergences().isEmpty()) {
            running = false;
            // the runs' own messages tell the whole story; the status line only names who stopped
            message = out.divergences().size() == 1 ? "A model diverged; it is paused on its last good weights."
                    : out.divergences().size() + " models diverged; they are paused on their last good weights.";
            refreshSamples();
        }
        if (stepLimit > 0 && out.step() >= stepLimit) {
            running = false;
            stepLimit = 0;
            refreshSamples();
            refreshInspection();
        }
    }

    private void replaceSession(TrainingSession next, String msg) {
        previous = session;
        session = next;
        running = false;
        stepLimit = 0;
        samples.clear();
        message = msg;
        refreshSamples();
        refreshInspection();
    }

    private void refreshSamples() {
        lastSamples = System.nanoTime();
        if (session == null) {
            return;
        }
        long t0 = System.nanoTime();
        Vocabulary vocab = session.data().vocabulary();
        List<String> examples = session.data().examples();
        String prompt = examples.isEmpty() ? vocab.decode(0) : examples.get(0).substring(0, examples.get(0).offsetByCodePoints(0, 1));
        // an image is drawn whole: its first pixel as the prompt, then every other pixel
        int length = session.data().fixedSteps() > 0 ? session.data().fixedSteps() - 1 : sampleLength;
        for (ModelRun run : session.runs()) {
            // a fixed seed per step: the same model at the same step always shows the same sample
            SplittableRandom rng = new SplittableRandom(session.config().seed() * 31 + session.stepsTaken());
            String greedy = Sampler.generate(run.model(), vocab, prompt, length, 0, rng);
            String sampled = Sampler.generate(run.model(), vocab, prompt, length, temperature, rng);
            samples.put(run.id(), new Samples(session.stepsTaken(), prompt, greedy, sampled, temperature));
        }
        sampleCost = System.nanoTime() - t0;
        dirty = true;
    }

    private void refreshInspection() {
        lastInspect = System.nanoTime();
        if (session == null) {
            inspection = null;
            return;
        }
        Vocabulary vocab = session.data().vocabulary();
        String text = inspectText;
        List<String> labels = new ArrayList<>();
        text.codePoints().forEach(cp -> labels.add(Vocabulary.display(cp)));
        String error = "";
        Map<String, Trace> traces = new LinkedHashMap<>();
        int length = text.codePointCount(0, text.length());
        int fixed = session.data().fixedSteps();
        if (fixed > 0 && length != fixed) {
            error = "Pick a digit to inspect (an image of " + fixed + " pixels).";
        } else if (length < 2) {
            error = "Type at least two characters to inspect.";
        } else if (length > MAX_INSPECT_CHARS) {
            error = "Inspect at most " + MAX_INSPECT_CHARS + " characters (this text has " + length + ").";
        } else {
            try {
                int[] ids = vocab.encode(text);
                for (ModelRun run : session.runs()) {
                    int context = run.model().spec().context();
                    if (context > 0 && ids.length - 1 > context) {
                        throw new IllegalArgumentException(run.label() + " reads at most " + (context + 1)
                                + " characters (its context is " + context + "); this text has " + ids.length);
                    }
                    traces.put(run.id(), Inspection.of(run.model(), ids, inspectPosition));
                }
            } catch (IllegalArgumentException e) {
                error = "Cannot inspect this text: " + e.getMessage() + ".";
            }
        }
        inspection = new InspectionSnapshot(text, List.copyOf(labels), Map.copyOf(traces), error, session.stepsTaken(), inspectPosition);
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
        if (session != null) {
            DataSource d = session.data();
            data = new DataInfo(d.name(), d.description(), d.vocabulary().symbols(), d.examples(), session.config().steps(),
                    session.entropyFloorBits(), d.entropyRateBits(), d.imageShape());
            step = session.stepsTaken();
            for (ModelRun r : session.runs()) {
                runs.add(new RunSnapshot(r.id(), r.label(), r.config(), r.model().parameters().size(), r.trainBits(),
                        r.validationBits(), r.stepsPerSecond(), r.computeSeconds(), r.lastGradNorm(), r.lastLearningRate(),
                        r.lastClipped(), r.status(), r.message(), samples.get(r.id())));
            }
        }
        latest = new TrainingSnapshot(++version, phase, step, message, engine, data, List.copyOf(runs), inspection, stepLimit,
                previous != null);
    }
}
