package org.seqlab.app.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.beans.Observable;
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
import org.seqlab.app.figures.EngineTasks;
import org.seqlab.app.figures.TrainerTasks;
import org.seqlab.app.lessons.ScenePlan;
import org.seqlab.app.text.Texts;
import org.seqlab.app.work.Background;
import org.seqlab.app.work.Failure;
import org.seqlab.app.work.FxBackground;
import org.seqlab.engine.data.DataSource;
import org.seqlab.engine.data.catalog.DataSources;
import org.seqlab.engine.io.DataException;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.train.EngineThread;
import org.seqlab.engine.train.RunConfig;
import org.seqlab.engine.train.SessionFile;
import org.seqlab.engine.train.TrainConfig;
import org.seqlab.engine.train.LabTrainer;
import org.seqlab.engine.train.TrainingSnapshot.Phase;
import org.seqlab.engine.train.TrainingSnapshot;

/**
 * The lab's view-model: the settings the user edits, the newest snapshot from the {@link Trainer}, and the
 * commands (apply, train, pause, step, reset, undo, inspect). Views bind to it; nothing here blocks the FX
 * thread — data loads on a background thread and every model lives on the trainer's thread.
 */
public final class LabModel {

    private final LabTrainer trainer;
    private final TrainerTasks tasks;
    private final SavedRuns savedRuns;
    private final Background work;
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
    private final LabStart start = new LabStart(this::apply, this::trainUntil, this::openRun, this::openModel, notice);

    public LabModel(LabTrainer trainer) {
        this(trainer, FxBackground.onOwnThread("seqlab-io"));
    }

    /** @param work how the lab works off the UI thread (the window's own thread; at once, in tests without a toolkit) */
    public LabModel(LabTrainer trainer, Background work) {
        this.trainer = trainer;
        this.work = work;
        this.tasks = new TrainerTasks(trainer);
        this.savedRuns = new SavedRuns(trainer, work, notice, () -> snapshot().step(), this::reopened);
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
            RunList.fitToData(runs, b, notice);
        });
        batch.addListener((o, a, b) -> dirty.set(true));
        sequenceLength.addListener((o, a, b) -> dirty.set(true));
        seed.addListener((o, a, b) -> dirty.set(true));
        inspectText.addListener((o, a, b) -> tasks.inspect(b));
    }

    private void watch(RunSettings r) {
        for (Observable o : r.observables()) {
            o.addListener(x -> dirty.set(true));
        }
    }

    /** The one port through which views ask the models for what they draw (answered on the engine thread). */
    public EngineTasks tasks() {
        return tasks;
    }

    /** The one way the lab and its views work in the background (progress, cancel, results on the FX thread). */
    /** The engine thread the lab trains on, which the encoder–decoder window's session shares. */
    public EngineThread engineThread() {
        return trainer.thread();
    }

    public Background work() {
        return work;
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
                start.begin();
            }
        }
    }

    /** Opens this saved run once the engine is ready, instead of the default models (a run that won't open says why). */
    public void setStartRun(Path file) {
        start.run = file;
    }

    /** Train this many steps as soon as the engine is ready (0: wait for the user). */
    public void setStartTraining(int steps) {
        start.training = steps;
    }

    /** Checks the settings, builds the data off the FX thread, and replaces the models (undoable). */
    public CompletableFuture<Void> apply() {
        autoApplied = true;   // a scene clicked while ND4J loads replaces the start-up apply (they raced: training stopped)
        List<RunConfig> configs = new ArrayList<>();
        TrainConfig config;
        try {
            if (runs.isEmpty()) {
                throw new IllegalArgumentException(Texts.get("lab.addModel"));
            }
            for (int i = 0; i < runs.size(); i++) {
                try {
                    configs.add(runs.get(i).toConfig());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(Texts.get("lab.modelProblem", String.valueOf((char) ('A' + i)), e.getLocalizedMessage()), e);
                }
            }
            config = ScenePlan.trainConfig(batch.get(), sequenceLength.get(), seed.get());
        } catch (IllegalArgumentException e) {
            settingsError.set(e.getLocalizedMessage());
            return CompletableFuture.failedFuture(e);
        }
        String spec = data.get();
        settingsError.set("");
        applying.set(true);
        notice.set(Texts.get("progress.preparing", spec));
        CompletableFuture<Void> done = new CompletableFuture<>();   // on the FX thread once the lab shows the new models
        // the data shown is the data applied (a reopened run's own text, which lives nowhere else): keep it
        DataSource reuse = spec.equals(appliedData) ? appliedSource : null;
        work.await(Texts.get("progress.preparingJob", spec), progress -> work.offUi(() -> {
            try {
                return reuse != null ? reuse : DataSources.open(spec);
            } catch (DataException e) {
                throw new IllegalArgumentException(e.getLocalizedMessage(), e);
            }
        }).thenCompose(source -> trainer.configure(source, config, configs).thenApply(v -> source)),
                source -> {
                    applied(spec, source, null);
                    done.complete(null);
                },
                ex -> done.completeExceptionally(applied(spec, null, ex)));
        return done;
    }

    /** @return why it failed, or null */
    private Throwable applied(String spec, DataSource source, Throwable ex) {
        applying.set(false);
        if (ex != null) {
            Throwable cause = Failure.cause(ex);
            settingsError.set(Failure.reason(cause));
            notice.set(Texts.get("settings.notApplied", Failure.reason(cause)));
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
    /** The data the models were last built on (null before). */
    DataSource appliedSource() {
        return appliedSource;
    }

    /** Adds a model like the last one but of the other family; at most four. */
    public void addRun() {
        RunList.add(runs, data.get(), sequenceLength.get(), notice);
    }

    public void removeRun(int index) {
        RunList.remove(runs, index, notice);
    }

    /** Saves the whole session (data, settings, weights, optimiser state, history) to one file; training waits meanwhile. */
    public CompletableFuture<Path> saveRun(Path file) {
        return savedRuns.save(file);
    }

    /**
     * Reopens a saved run where it stopped, ready to train on (undoable); the settings show what it was built with.
     *
     * @return completes on the FX thread with the steps the run had taken
     */
    public CompletableFuture<Integer> openRun(Path file) {
        autoApplied = true;   // a run opened before the engine is ready replaces the start-up models too
        return savedRuns.open(file);
    }

    /** Opens a model file (SeqLab's, or a PyTorch .safetensors checkpoint) as the one model on the lab's data; undoable. */
    public CompletableFuture<Integer> openModel(Path file) {
        return savedRuns.openModel(file, appliedData);
    }

    /** Shows what reopened models are, and the settings they were built with, without rebuilding them. */
    private void reopened(SessionFile.Loaded loaded) {
        var session = loaded.session();
        data.set(loaded.dataSpec());
        batch.set(session.config().batch());
        sequenceLength.set(session.config().steps());
        seed.set((int) session.config().seed());
        runs.setAll(session.runConfigs().stream().map(RunSettings::of).toList());
        appliedData = loaded.dataSpec();
        appliedSource = session.data();
        dirty.set(false);
        settingsError.set("");
        List<String> examples = session.data().examples();
        inspectText.set(examples.isEmpty() ? "" : examples.get(0));
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

    public void pause() {
        trainer.pause();
    }

    public void step() {
        trainer.stepOnce();
    }

    public void reset() {
        trainer.reset();
    }

    /** Shows every model as it was at a checkpoint's step (−1: as it is now); training on returns to now. */
    public void scrubTo(int step) {
        trainer.scrubTo(step);
    }

    public void undo() {
        trainer.undo();
    }

    public void trainUntil(int steps) {
        trainer.trainUntil(steps);
    }

    public void shutdown() {
        work.shutdown();
        trainer.close();
    }
}
