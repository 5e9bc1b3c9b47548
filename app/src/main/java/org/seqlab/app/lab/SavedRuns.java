package org.seqlab.app.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import javafx.beans.property.StringProperty;
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
        notice.set("Saving the run…");
        return work.await("Saving the run", progress -> trainer.submit(session -> {
            try {
                SessionFile.save(file, session);
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException("could not save " + file.getFileName() + ": " + e.getMessage(), e);
            }
        }), f -> notice.set("Saved the run at step " + step.getAsInt() + " to " + f),
                ex -> notice.set("Could not save: " + Failure.reason(ex))).result();
    }

    /** Reads and checks the file off the FX thread, hands its session to the engine, then shows its settings. */
    CompletableFuture<Integer> open(Path file) {
        notice.set("Opening " + file.getFileName() + "…");
        CompletableFuture<Integer> done = new CompletableFuture<>();
        work.await("Opening " + file.getFileName(), progress -> work.offUi(() -> {
            try {
                return SessionFile.load(file);
            } catch (DataException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }).thenCompose(loaded -> trainer.adopt(loaded.session(), "Reopened " + file.getFileName() + " at step "
                + loaded.session().stepsTaken() + ".").thenApply(v -> loaded)), loaded -> {
                    reopened.accept(loaded);
                    int steps = loaded.session().stepsTaken();
                    notice.set("Reopened " + file.getFileName() + " at step " + steps + "; Train continues it.");
                    done.complete(steps);
                }, ex -> {
                    notice.set("Could not open the run: " + Failure.reason(ex));
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
        notice.set("Opening " + name + "…");
        CompletableFuture<Integer> done = new CompletableFuture<>();
        work.await("Opening " + name, progress -> work.offUi(() -> {
            try {
                return ModelFiles.load(file);
            } catch (DataException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }).thenCompose(m -> ModelFiles.openInto(trainer, m, name)).thenApply(next -> new SessionFile.Loaded(next, dataSpec)),
                loaded -> {
                    reopened.accept(loaded);
                    notice.set("Opened " + name + " as model A (" + loaded.session().runs().get(0).config().model().describe()
                            + "); Train trains it on.");
                    done.complete(0);
                }, ex -> {
                    notice.set("Could not open the model: " + Failure.reason(ex));
                    done.completeExceptionally(ex);
                });
        return done;
    }
}
