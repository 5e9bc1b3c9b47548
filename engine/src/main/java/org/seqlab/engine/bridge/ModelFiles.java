package org.seqlab.engine.bridge;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.seqlab.engine.io.DataException;
import org.seqlab.engine.model.build.ModelFile;
import org.seqlab.engine.train.RunConfig;
import org.seqlab.engine.train.LabTrainer;
import org.seqlab.engine.train.TrainingSession;

/** A language model from a file: SeqLab's own ({@code .seqlab}) or a PyTorch checkpoint ({@code .safetensors}). */
public final class ModelFiles {

    private ModelFiles() {
    }

    public static ModelFile.Loaded load(Path file) throws DataException {
        return file.getFileName().toString().endsWith(".safetensors") ? TorchImport.load(file) : ModelFile.load(file);
    }

    /**
     * A session on {@code current}'s data and batches whose one model is {@code m}, its weights as loaded and Adam fresh:
     * what the lab shows and trains on when a model is opened. The model must read the data's symbols, in the same order.
     *
     * @throws IllegalArgumentException saying what the model reads and what the data has, when they differ
     */
    public static TrainingSession session(ModelFile.Loaded m, TrainingSession current, String name) {
        var data = current.data();
        if (!data.vocabulary().equals(m.vocabulary())) {
            throw new IllegalArgumentException(name + " reads " + m.vocabulary().size() + " symbols (" + m.vocabulary().printable()
                    + "), and the lab's data " + data.name() + " has " + data.vocabulary().size() + " (" + data.vocabulary().printable()
                    + "): open a text of the model's symbols first (File → Open text file…)");
        }
        if (m.header().config().family().image() != (data.imageShape() != null)) {
            throw new IllegalArgumentException(name + " is " + (m.header().config().family().image() ? "an image model" : "a text model")
                    + "; the lab's data " + data.name() + " is not");
        }
        RunConfig run = new RunConfig(m.header().config(), RunConfig.defaults(m.header().config().family()).optimizer());
        TrainingSession next = new TrainingSession(data, current.config(), List.of(run));
        next.runs().get(0).model().parameters().flat().assign(m.model().parameters().flat());
        next.evaluate();   // its validation loss at step 0 is the opened model's, so the chart starts where it stands
        return next;
    }

    /**
     * Makes a loaded model the trainer's one model, on the data and batches its session has now ({@link #session}); the
     * session before can be brought back with undo. What the lab, {@code check-lessons} and {@code export} all call for a
     * model file, from the lab's File menu or a lesson scene's {@code load:}.
     *
     * @return completes (on the engine thread) with the new session, or fails saying why the model does not fit the data
     */
    public static CompletableFuture<TrainingSession> openInto(LabTrainer trainer, ModelFile.Loaded m, String name) {
        return trainer.submit(current -> session(m, current, name))
                .thenCompose(next -> trainer.adopt(next, "Opened " + name + ".").thenApply(v -> next));
    }
}
