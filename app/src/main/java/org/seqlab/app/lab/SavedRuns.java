package org.seqlab.app.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import javafx.beans.property.StringProperty;
import org.seqlab.app.text.EngineNames;
import org.seqlab.app.text.Texts;
import org.seqlab.app.work.Background;
import org.seqlab.app.work.Failure;
import org.seqlab.engine.bridge.ModelFiles;
import org.seqlab.engine.io.DataException;
import org.seqlab.engine.train.SessionFile;
import org.seqlab.engine.train.LabTrainer;

/**
 * Saving the lab's whole session to a {@code .seqrun} file and reopening one, off the FX thread; what happened goes to
 * the lab's notice, and a reopened run to whoever shows its settings.
 */
final class SavedRuns {

    private final LabTrainer trainer;
    private final Background work;
    private final StringProperty notice;
    private final IntSupplier step;
    private final Consumer<SessionFile.Loaded> reopened;

    /**
     * @param step     the step shown now (what a save wrote)
     * @param reopened shows a reopened run's settings (FX thread)
     */
    SavedRuns(LabTrainer trainer, Background work, StringProperty notice, IntSupplier step, Consumer<SessionFile.Loaded> reopened) {
        this.trainer = trainer;
        this.work = work;
        this.notice = notice;
        this.step = step;
        this.reopened = reopened;
    }

    /** Writes the session on the engine thread (training waits); completes with the file once the lab says so. */
    CompletableFuture<Path> save(Path file) {
        notice.set(Texts.get("run.saving"));
        return work.await(Texts.get("run.savingJob"), progress -> trainer.submit(session -> {
            try {
                SessionFile.save(file, session);
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException("could not save " + file.getFileName() + ": " + e.getLocalizedMessage(), e);
            }
        }), f -> notice.set(Texts.get("run.saved", step.getAsInt(), f)),
                ex -> notice.set(Texts.get("run.saveFailed", Failure.reason(ex)))).result();
    }

    /** Reads and checks the file off the FX thread, hands its session to the engine, then shows its settings. */
    CompletableFuture<Integer> open(Path file) {
        notice.set(Texts.get("run.opening", file.getFileName()));
        CompletableFuture<Integer> done = new CompletableFuture<>();
        work.await(Texts.get("run.openingJob", file.getFileName()), progress -> work.offUi(() -> {
            try {
                return SessionFile.load(file);
            } catch (DataException e) {
                throw new IllegalArgumentException(e.getLocalizedMessage(), e);
            }
        }).thenCompose(loaded -> trainer.adopt(loaded.session(), Texts.get("run.reopenedAt", file.getFileName(), loaded.session().stepsTaken())).thenApply(v -> loaded)), loaded -> {
                    reopened.accept(loaded);
                    int steps = loaded.session().stepsTaken();
                    notice.set(Texts.get("run.reopened", file.getFileName(), steps));
                    done.complete(steps);
                }, ex -> {
                    notice.set(Texts.get("run.openFailed", Failure.reason(ex)));
                    done.completeExceptionally(ex);
                });
        return done;
    }

    /**
     * Opens a model file — SeqLab's, or a PyTorch checkpoint — as the lab's one model, on the data and batches it has now,
     * Adam fresh (undoable, as a reopened run is); the settings show what it is.
     */
    CompletableFuture<Integer> openModel(Path file, String dataSpec) {
        String name = file.getFileName().toString();
        notice.set(Texts.get("run.opening", name));
        CompletableFuture<Integer> done = new CompletableFuture<>();
        work.await(Texts.get("run.openingJob", name), progress -> work.offUi(() -> {
            try {
                return ModelFiles.load(file);
            } catch (DataException e) {
                throw new IllegalArgumentException(e.getLocalizedMessage(), e);
            }
        }).thenCompose(m -> ModelFiles.openInto(trainer, m, name)).thenApply(next -> new SessionFile.Loaded(next, dataSpec)),
                loaded -> {
                    reopened.accept(loaded);
                    notice.set(Texts.get("model.opened", name, EngineNames.model(loaded.session().runs().get(0).config().model().describe())));
                    done.complete(0);
                }, ex -> {
                    notice.set(Texts.get("model.openFailed", Failure.reason(ex)));
                    done.completeExceptionally(ex);
                });
        return done;
    }
}
