package org.seqlab.app.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.seqlab.app.work.Background;
import org.seqlab.app.work.Failure;
import org.seqlab.engine.io.DataException;
import org.seqlab.engine.train.SessionFile;
import org.seqlab.engine.train.Trainer;

/** Saving the lab's whole session to a {@code .seqrun} file and reopening one, off the FX thread. */
final class SavedRuns {

    private final LabModel lab;
    private final Trainer trainer;
    private final Background work;

    SavedRuns(LabModel lab, Trainer trainer, Background work) {
        this.lab = lab;
        this.trainer = trainer;
        this.work = work;
    }

    /** Writes the session on the engine thread (training waits); completes with the file once the lab says so. */
    CompletableFuture<Path> save(Path file) {
        lab.noticeProperty().set("Saving the run…");
        return work.await("Saving the run", progress -> trainer.submit(session -> {
            try {
                SessionFile.save(file, session);
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException("could not save " + file.getFileName() + ": " + e.getMessage(), e);
            }
        }), f -> lab.noticeProperty().set("Saved the run at step " + lab.snapshot().step() + " to " + f),
                ex -> lab.noticeProperty().set("Could not save: " + Failure.reason(ex))).result();
    }

    /** Reads and checks the file off the FX thread, hands its session to the engine, then shows its settings. */
    CompletableFuture<Integer> open(Path file) {
        lab.noticeProperty().set("Opening " + file.getFileName() + "…");
        CompletableFuture<Integer> done = new CompletableFuture<>();
        work.await("Opening " + file.getFileName(), progress -> work.offUi(() -> {
            try {
                return SessionFile.load(file);
            } catch (DataException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }).thenCompose(loaded -> trainer.adopt(loaded.session(), "Reopened " + file.getFileName() + " at step "
                + loaded.session().stepsTaken() + ".").thenApply(v -> loaded)), loaded -> {
                    lab.reopened(loaded);
                    int steps = loaded.session().stepsTaken();
                    lab.noticeProperty().set("Reopened " + file.getFileName() + " at step " + steps + "; Train continues it.");
                    done.complete(steps);
                }, ex -> {
                    lab.noticeProperty().set("Could not open the run: " + Failure.reason(ex));
                    done.completeExceptionally(ex);
                });
        return done;
    }

    /** The settings a reopened run was built with, shown as they are. */
    static void showSettings(LabModel lab, SessionFile.Loaded loaded) {
        var session = loaded.session();
        lab.data.set(loaded.dataSpec());
        lab.batch.set(session.config().batch());
        lab.sequenceLength.set(session.config().steps());
        lab.seed.set((int) session.config().seed());
        lab.runs.setAll(session.runConfigs().stream().map(RunSettings::of).toList());
    }
}
