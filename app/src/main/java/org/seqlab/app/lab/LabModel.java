package org.seqlab.app.lab;

import org.seqlab.app.figures.EngineTasks;
import org.seqlab.app.figures.TrainerTasks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.seqlab.app.export.FigureExporter;
import org.seqlab.engine.data.DataException;
import org.seqlab.engine.data.DataSource;
import org.seqlab.engine.data.DataSources;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.train.RunConfig;
import org.seqlab.engine.train.TrainConfig;
import org.seqlab.engine.train.Trainer;
import org.seqlab.engine.train.TrainingSession;
import org.seqlab.engine.train.TrainingSnapshot;
import org.seqlab.engine.train.TrainingSnapshot.Phase;

/**
 * The lab's view-model: the settings the user edits, the newest snapshot from the {@link Trainer}, and the
 * commands (apply, train, pause, step, reset, undo, inspect). Views bind to it; nothing here blocks the FX
 * thread — data loads on a background thread and every model lives on the trainer's thread.
 */
public final class LabModel {

    private final Trainer trainer;
    private final TrainerTasks tasks;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "seqlab-io");
        t.setDaemon(true);
        return t;
    });
    private final ObjectProperty<TrainingSnapshot> snapshot = new SimpleObjectProperty<>(TrainingSnapshot.loading());

    /** A data name ({@code synthetic:reber}, {@code names} …) or the path of a text file. */
    public final StringProperty data = new SimpleStringProperty("synthetic:reber");
    public final IntegerProperty batch = new SimpleIntegerProperty(32);
    public final IntegerProperty sequenceLength = new SimpleIntegerProperty(64);
    public final IntegerProperty seed = new SimpleIntegerProperty(1);
    public final ObservableList<RunSettings> runs = FXCollections.observableArrayList();

    private final BooleanProperty dirty = new SimpleBooleanProperty(true);
    private final BooleanProperty applying = new SimpleBooleanProperty(false);
    private final StringProperty settingsError = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");
    private final StringProperty inspectText = new SimpleStringProperty("");
    private final ObjectProperty<Path> figuresFolder = new SimpleObjectProperty<>(FigureExporter.defaultFolder());
    private String appliedData;
    private DataSource appliedSource;
    private boolean autoApplied;
    private int startTraining;
    private Path startRun;

    public LabModel(Trainer trainer) {
        this.trainer = trainer;
        this.tasks = new TrainerTasks(trainer);
        RunSettings rnn = new RunSettings(Family.RNN);
        RunSettings lstm = new RunSettings(Family.LSTM);
        runs.addAll(rnn, lstm);
        for (RunSettings r : runs) {
            watch(r);
        }
        runs.addListener((ListChangeListener<RunSettings>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(this::watch);
            }
            dirty.set(true);
        });
        data.addListener((o, a, b) -> {
            dirty.set(true);
            fitModelsToData(b);
        });
        batch.addListener((o, a, b) -> dirty.set(true));
        sequenceLength.addListener((o, a, b) -> dirty.set(true));
        seed.addListener((o, a, b) -> dirty.set(true));
        inspectText.addListener((o, a, b) -> tasks.inspect(b));
    }

    /** Images need image models and text needs text models: swap the ones that cannot read the new data, and say so. */
    private void fitModelsToData(String spec) {
        boolean image = spec != null && spec.startsWith("digits");
        if (runs.stream().allMatch(r -> r.family.get().image() == image)) {
            return;
        }
        List<RunSettings> kept = runs.stream().filter(r -> r.family.get().image() == image).toList();
        List<RunSettings> next = new ArrayList<>(kept);
        for (Family f : image ? new Family[] {Family.PIXELCNN, Family.GATED_PIXELCNN} : new Family[] {Family.RNN, Family.LSTM}) {
            if (next.size() < 2 && next.stream().noneMatch(r -> r.family.get() == f)) {
                next.add(new RunSettings(f));
            }
        }
        runs.setAll(next);
        notice.set(image ? "Digits are images: the models are now a PixelCNN and a Gated PixelCNN."
                : "Text data: the image models were replaced by an RNN and an LSTM.");
    }

    private void watch(RunSettings r) {
        for (javafx.beans.Observable o : r.observables()) {
            o.addListener(x -> dirty.set(true));
        }
    }

    /** The one port through which views ask the models for what they draw (answered on the engine thread). */
    public EngineTasks tasks() {
        return tasks;
    }

    public ExecutorService background() {
        return background;
    }

    public ReadOnlyObjectProperty<TrainingSnapshot> snapshotProperty() {
        return snapshot;
    }

    public TrainingSnapshot snapshot() {
        return snapshot.get();
    }

    /** True when the settings differ from what the models were built with. */
    public BooleanProperty dirtyProperty() {
        return dirty;
    }

    public BooleanProperty applyingProperty() {
        return applying;
    }

    /** Why the last Apply was refused, or "". */
    public StringProperty settingsErrorProperty() {
        return settingsError;
    }

    /** The latest one-off message for the status bar (an export, a refusal). */
    public StringProperty noticeProperty() {
        return notice;
    }

    /** The string the model views inspect. */
    public StringProperty inspectTextProperty() {
        return inspectText;
    }

    public ObjectProperty<Path> figuresFolderProperty() {
        return figuresFolder;
    }

    /** Takes the newest snapshot if there is one; called every frame. The first time ND4J is ready, applies the settings. */
    public void poll() {
        TrainingSnapshot latest = trainer.latest();
        if (latest.version() != snapshot.get().version()) {
            snapshot.set(latest);
            if (!autoApplied && latest.phase() == Phase.IDLE) {
                autoApplied = true;
                if (startRun != null) {
                    openRunAtStart(startRun);
                    return;
                }
                CompletableFuture<Void> applied = apply();
                if (startTraining > 0) {
                    int steps = startTraining;
                    applied.thenRun(() -> trainer.trainUntil(steps));
                }
            }
        }
    }

    /**
     * Opens this saved run as soon as the engine is ready, instead of building the default models (so the two cannot
     * race); a run that will not open leaves the default lab and says why.
     */
    public void setStartRun(Path file) {
        this.startRun = file;
    }

    private void openRunAtStart(Path file) {
        openRun(file).whenComplete((stepsTaken, ex) -> {
            if (ex != null) {
                String why = notice.get();
                apply().whenComplete((w, ex2) -> notice.set(why));
            } else if (startTraining > 0) {
                trainer.trainUntil(stepsTaken + startTraining);   // --train N: N more steps
            }
        });
    }

    /** Train this many steps as soon as the engine is ready (0: wait for the user). */
    public void setStartTraining(int steps) {
        this.startTraining = steps;
    }

    /** Checks the settings, builds the data off the FX thread, and replaces the models (undoable). */
    public CompletableFuture<Void> apply() {
        List<RunConfig> configs = new ArrayList<>();
        TrainConfig config;
        try {
            if (runs.isEmpty()) {
                throw new IllegalArgumentException("add at least one model");
            }
            for (int i = 0; i < runs.size(); i++) {
                try {
                    configs.add(runs.get(i).toConfig());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Model " + (char) ('A' + i) + ": " + e.getMessage(), e);
                }
            }
            config = new TrainConfig(batch.get(), sequenceLength.get(), seed.get(), 25, 4);
        } catch (IllegalArgumentException e) {
            settingsError.set(e.getMessage());
            return CompletableFuture.failedFuture(e);
        }
        String spec = data.get();
        settingsError.set("");
        applying.set(true);
        notice.set("Preparing " + spec + "…");
        // completes on the FX thread once the lab shows the new models (or failed with the reason)
        CompletableFuture<Void> done = new CompletableFuture<>();
        // the data shown is the data applied (a reopened run's own text, which lives nowhere else): keep it
        DataSource reuse = spec.equals(appliedData) ? appliedSource : null;
        CompletableFuture.supplyAsync(() -> {
            try {
                return reuse != null ? reuse : DataSources.open(spec);
            } catch (DataException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }, background).thenCompose(source -> trainer.configure(source, config, configs).thenApply(v -> source))
                .handle((source, ex) -> {
                    Platform.runLater(() -> {
                        Throwable cause = applied(spec, source, ex);
                        if (cause == null) {
                            done.complete(null);
                        } else {
                            done.completeExceptionally(cause);
                        }
                    });
                    return null;
                });
        return done;
    }

    /** @return why it failed, or null */
    private Throwable applied(String spec, DataSource source, Throwable ex) {
        applying.set(false);
        if (ex != null) {
            Throwable cause = Failure.cause(ex);
            settingsError.set(Failure.reason(cause));
            notice.set("Settings not applied: " + Failure.reason(cause));
            return cause;
        }
        appliedSource = source;
        dirty.set(false);
        notice.set("");
        if (!spec.equals(appliedData) || inspectText.get().isEmpty()) {
            appliedData = spec;
            List<String> examples = source.examples();
            inspectText.set(examples.isEmpty() ? "" : examples.get(0));
        } else {
            tasks.inspect(inspectText.get());
        }
        return null;
    }

    /**
     * Sets the lab up as a lesson's scene says: data, batches and models, applied fresh (undoable); then the input
     * to inspect, {@code afterApply} (the window shows the scene's view), and the training the scene asks for.
     *
     * @param progress told what is happening, on the FX thread
     * @return completes on the FX thread when the lab is set up and trained
     */
    public CompletableFuture<Void> setUp(org.seqlab.app.lessons.Scene scene, java.util.function.Consumer<String> progress, Runnable afterApply) {
        if (scene.keepsModels()) {
            if (scene.inspect() != null) {
                inspectText.set(inspectable(scene.inspect()));
            }
            afterApply.run();
            if (scene.train() == 0) {
                return CompletableFuture.completedFuture(null);
            }
            int target = snapshot.get().step() + scene.train();
            trainer.trainUntil(target);
            return whenTrained(target, progress);
        }
        trainer.pause();
        data.set(scene.dataSpec());
        batch.set(scene.batch());
        sequenceLength.set(scene.seq());
        seed.set(scene.seed());
        runs.setAll(scene.models().stream().map(m -> RunSettings.of(m.toConfig())).toList());
        notice.set("");
        progress.accept("Preparing " + scene.data() + "…");
        return apply().thenCompose(v -> {
            if (scene.inspect() != null) {
                inspectText.set(inspectable(scene.inspect()));
            }
            afterApply.run();
            if (scene.train() == 0) {
                progress.accept("");
                return CompletableFuture.completedFuture(null);
            }
            progress.accept("Training 0 / " + scene.train());
            trainer.trainUntil(scene.train());
            return whenTrained(scene.train(), progress);
        });
    }

    /** A scene's input: text as written; on digits, the number of one of the examples (0 to 5). */
    private String inspectable(String inspect) {
        if (appliedSource != null && appliedSource.imageShape() != null) {
            List<String> examples = appliedSource.examples();
            try {
                return examples.get(Integer.parseInt(inspect.strip()));
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                throw new IllegalArgumentException("on digits, 'inspect' is the number of an example digit, 0 to " + (examples.size() - 1));
            }
        }
        return inspect;
    }

    /** Completes on the FX thread once the session has trained {@code steps} steps and paused. */
    public CompletableFuture<Void> whenTrained(int steps, java.util.function.Consumer<String> progress) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        boolean[] started = {false};
        javafx.beans.value.ChangeListener<TrainingSnapshot> watch = (o, a, s) -> {
            if (s.phase() == Phase.RUNNING) {
                started[0] = true;
                progress.accept("Training " + s.step() + " / " + steps);
            } else if (s.step() >= steps) {
                progress.accept("");
                done.complete(null);
            } else if (started[0]) {
                done.complete(null);    // the learner paused or stepped in: the lab is theirs
            } else if (s.runs().stream().allMatch(r -> r.status() == org.seqlab.engine.train.ModelRun.Status.DIVERGED)) {
                done.completeExceptionally(new IllegalStateException("every model diverged at step " + s.step()));
            }
        };
        snapshot.addListener(watch);
        done.whenComplete((v, ex) -> snapshot.removeListener(watch));
        return done;
    }

    /**
     * Saves the whole session — data, settings, every model's weights, optimiser state and history — to one file.
     * Training waits while it writes.
     */
    public CompletableFuture<Path> saveRun(Path file) {
        notice.set("Saving the run…");
        return trainer.submit(session -> {
            try {
                org.seqlab.engine.train.SessionFile.save(file, session);
                return file;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("could not save " + file.getFileName() + ": " + e.getMessage(), e);
            }
        }).whenComplete((f, ex) -> Platform.runLater(() -> notice.set(ex == null ? "Saved the run at step " + snapshot.get().step()
                + " to " + f : "Could not save: " + Failure.reason(ex))));
    }

    /**
     * Reopens a saved run where it stopped, ready to train on (undoable); the settings show what it was built with.
     *
     * @return completes on the FX thread with the steps the run had taken
     */
    public CompletableFuture<Integer> openRun(Path file) {
        notice.set("Opening " + file.getFileName() + "…");
        CompletableFuture<Integer> done = new CompletableFuture<>();
        CompletableFuture.supplyAsync(() -> {
            try {
                return org.seqlab.engine.train.SessionFile.load(file);
            } catch (DataException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }, background).thenCompose(loaded -> trainer.adopt(loaded.session(), "Reopened " + file.getFileName() + " at step "
                + loaded.session().stepsTaken() + ".").thenApply(v -> loaded)).whenComplete((loaded, ex) -> Platform.runLater(() -> {
                    if (ex != null) {
                        notice.set("Could not open the run: " + Failure.reason(ex));
                        done.completeExceptionally(ex);
                        return;
                    }
                    // show what the reopened models are, without rebuilding them
                    var session = loaded.session();
                    data.set(loaded.dataSpec());
                    batch.set(session.config().batch());
                    sequenceLength.set(session.config().steps());
                    seed.set((int) session.config().seed());
                    List<RunSettings> settings = new ArrayList<>();
                    for (RunConfig c : session.runConfigs()) {
                        RunSettings r = new RunSettings(c.model().family());
                        r.set(c);
                        settings.add(r);
                    }
                    runs.setAll(settings);
                    appliedData = loaded.dataSpec();
                    appliedSource = session.data();
                    dirty.set(false);
                    settingsError.set("");
                    List<String> examples = session.data().examples();
                    inspectText.set(examples.isEmpty() ? "" : examples.get(0));
                    notice.set("Reopened " + file.getFileName() + " at step " + session.stepsTaken() + "; Train continues it.");
                    done.complete(session.stepsTaken());
                }));
        return done;
    }

    /** After a divergence: the diverged models go back to their last good weights with the learning rate ÷ 10. */
    public void rollBackDiverged() {
        trainer.resumeDiverged(10);
    }

    /** Train or pause. With unapplied settings at step 0, applies them first. */
    public void toggleTraining() {
        TrainingSnapshot s = snapshot.get();
        if (s.phase() == Phase.RUNNING) {
            trainer.pause();
        } else if (dirty.get() && s.step() == 0) {
            apply().thenRun(trainer::play);
        } else {
            trainer.play();
        }
    }

    public void play() {
        trainer.play();
    }

    public void pause() {
        trainer.pause();
    }

    public void step() {
        trainer.stepOnce();
    }

    public void reset() {
        trainer.reset();
    }

    public void undo() {
        trainer.undo();
    }

    public void trainUntil(int steps) {
        trainer.trainUntil(steps);
    }

    /** Adds a model like the last one but of the other family; at most four. */
    public void addRun() {
        if (runs.size() >= TrainingSession.MAX_RUNS) {
            notice.set("The lab trains at most " + TrainingSession.MAX_RUNS + " models side by side.");
            return;
        }
        // the first family not yet in the lab, so that "Add model" builds a comparison
        boolean image = data.get() != null && data.get().startsWith("digits");
        Family[] order = image ? new Family[] {Family.PIXELCNN, Family.GATED_PIXELCNN}
                : new Family[] {Family.RNN, Family.LSTM, Family.TRANSFORMER, Family.CONV1D};
        Family next = java.util.Arrays.stream(order)
                .filter(f -> runs.stream().noneMatch(r -> r.family.get() == f)).findFirst()
                .orElse(runs.isEmpty() ? Family.LSTM : runs.get(runs.size() - 1).family.get());
        RunSettings added = new RunSettings(next);
        added.context.set(Math.max(added.context.get(), sequenceLength.get()));
        runs.add(added);
    }

    public void removeRun(int index) {
        if (runs.size() <= 1) {
            notice.set("Keep at least one model.");
            return;
        }
        runs.remove(index);
    }

    public void shutdown() {
        background.shutdownNow();
        trainer.close();
    }
}
