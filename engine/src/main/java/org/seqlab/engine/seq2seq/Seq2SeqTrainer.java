package org.seqlab.engine.seq2seq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.seqlab.engine.bridge.TorchExport;
import org.seqlab.engine.bridge.TorchSeq2SeqExport;
import org.seqlab.engine.expect.Measured;
import org.seqlab.engine.expect.Point;
import org.seqlab.engine.io.DataException;
import org.seqlab.engine.train.EngineThread;
import org.seqlab.engine.train.Trainer;
import org.seqlab.engine.train.TrainingSnapshot.Phase;

/**
 * The {@link Trainer} of the encoder–decoder window's models: it trains a {@link Seq2SeqSession} (a
 * {@link Seq2SeqExperiment} with its loss curve, measurements and inspection), on the lab's engine thread in the app,
 * and publishes {@link Snapshot}s that the window reads without waiting. The lab's trainer and this one are the same
 * loop, queue, throttle and waiters; this class adds only what the window asks of its models.
 */
public final class Seq2SeqTrainer extends Trainer<Seq2SeqSession, Seq2SeqTrainer.Snapshot> {

    public static final int MEASURE_EVERY = Seq2SeqSession.MEASURE_EVERY;

    /**
     * @param target    the step training goes to, or where it stopped
     * @param lossSteps the steps at which {@code lossBits} were taken
     * @param lossBits  per model, its smoothed training loss at those steps
     * @param measured  the last measurement (null before the first)
     */
    public record Snapshot(long version, Seq2SeqExperiment.Spec spec, int step, int target, boolean running, int[] lossSteps,
            List<double[]> lossBits, List<Seq2SeqExperiment.Measured> measured, Seq2SeqInspection inspection, String message) {

        public static Snapshot empty(String message) {
            return new Snapshot(0, null, 0, 0, false, new int[0], List.of(), null, null, message);
        }
    }

    /** A trainer on an engine thread of its own (the command line, tests). */
    public Seq2SeqTrainer() {
        super(new EngineThread(), true);
    }

    /** A trainer on a thread another owns (the lab's): the window's training and the lab's take turns on it. */
    public Seq2SeqTrainer(EngineThread thread) {
        super(thread, false);
    }

    /** Builds the experiment's models afresh (its data from the spec's seed); the inspected source is kept if it fits. */
    public CompletableFuture<Snapshot> setUp(Seq2SeqExperiment.Spec spec) {
        return replace(old -> new Seq2SeqSession(new Seq2SeqExperiment(spec), old == null ? "" : old.inspected()),
                s -> "New models: " + spec.models().size() + " on " + spec.task().description() + ".");
    }

    /**
     * Replaces the experiment with one saved to {@code file}, paused at its step and measured there; the models as they
     * were stay if the file cannot be read (the future fails with the reason, which is also the message).
     */
    public CompletableFuture<Snapshot> open(Path file) {
        return replace(old -> {
            try {
                return Seq2SeqSession.opened(ExperimentFile.load(file));
            } catch (DataException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }, s -> "Opened " + file.getFileName() + ": " + s.experiment.spec().models().size() + " on "
                + s.experiment.spec().task().description() + ", at step " + s.stepsTaken() + ".");
    }

    /** Writes the experiment, its loss curve and the inspected source to {@code file} (atomically). */
    public CompletableFuture<Snapshot> save(Path file) {
        return command(s -> {
            if (s == null) {
                throw new IllegalStateException("There is nothing to save yet.");
            }
            try {
                ExperimentFile.save(file, s.experiment, s.lossSteps(), s.lossRows(), s.inspected());
            } catch (IOException e) {
                throw new UncheckedIOException("Could not save " + file.getFileName() + ": " + e.getMessage(), e);
            }
            return "Saved step " + s.stepsTaken() + " to " + file.getFileName() + ".";
        });
    }

    /**
     * Writes every encoder–decoder as a PyTorch program ({@code TorchSeq2SeqExport}), each into a new folder of its own
     * inside {@code folder} ({@code A-seq2seq-gru-pytorch} …), with Adam's state and the task's training pairs.
     */
    public CompletableFuture<Snapshot> toPyTorch(Path folder) {
        return command(s -> {
            if (s == null) {
                throw new IllegalStateException("There is nothing to write yet.");
            }
            Seq2SeqExperiment experiment = s.experiment;
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
            return "Wrote " + String.join(", ", written) + " in " + folder + " (python3 run.py --help in each).";
        });
    }

    /** Trains {@code steps} more, measuring as it goes and where it stops. */
    public void train(int steps) {
        trainFor(steps);
    }

    @Override
    public void pause() {
        halt(s -> "Paused at step " + s.stepsTaken() + ".");
    }

    /** Shows every model's output and alignment for this source (refused with a message if it is not the task's). */
    public CompletableFuture<Snapshot> inspect(String source) {
        return command(s -> s == null ? null : s.inspect(source));
    }

    /** Completes with the first snapshot measured at or after {@code step} (for lessons and tests). */
    public CompletableFuture<Snapshot> whenMeasured(int step) {
        return when(s -> s.measuredStep() >= step);
    }

    /**
     * A scene's point on the models as last measured, and at every measurement since they were built (see
     * {@link Seq2SeqSession#measure}); null before the first measurement.
     */
    public CompletableFuture<Measured> measure(Point point) {
        return call(() -> session() == null ? null : session().measure(point));
    }

    /** Every measurement since the models were built, with its time. */
    public CompletableFuture<List<Seq2SeqMeasurement>> measurements() {
        return call(() -> session() == null ? List.of() : session().history());
    }

    @Override
    protected void refreshed(Seq2SeqSession s) {
        s.measureIfNew();
    }

    @Override
    protected String outOfMemory() {
        return "Out of memory: these encoder–decoders need more than SeqLab's heap holds; choose a smaller width.";
    }

    @Override
    protected Snapshot snapshot(Seq2SeqSession s, Status status) {
        boolean running = status.phase() == Phase.RUNNING;
        String message = status.message();
        if (s == null) {
            return Snapshot.empty(message.isEmpty() ? "Choose a task and press Train." : message);
        }
        int step = s.stepsTaken();
        int target = status.stepLimit() > 0 ? status.stepLimit() : step;
        if (message.isEmpty()) {
            message = running ? "Training to step " + target + "." : step > 0 ? "Trained to step " + step + "." : "";
        }
        return new Snapshot(status.version(), s.experiment.spec(), step, target, running, s.lossSteps(), s.lossRows(), s.measured(),
                s.inspection(), message);
    }
}
