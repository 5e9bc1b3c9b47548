package org.seqlab.app.lab;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import javafx.beans.property.StringProperty;

/**
 * What the lab does once the engine is ready: build the default models, reopen a saved run, or open a model file on
 * the start-up data, then train if asked.
 * It is given the lab's operations it needs, not the lab.
 */
final class LabStart {

    private final Supplier<CompletableFuture<Void>> apply;
    private final IntConsumer trainUntil;
    private final Function<Path, CompletableFuture<Integer>> openRun;
    private final Function<Path, CompletableFuture<Integer>> openModel;
    private final StringProperty notice;
    Path run;
    int training;

    LabStart(Supplier<CompletableFuture<Void>> apply, IntConsumer trainUntil, Function<Path, CompletableFuture<Integer>> openRun,
            Function<Path, CompletableFuture<Integer>> openModel, StringProperty notice) {
        this.apply = apply;
        this.trainUntil = trainUntil;
        this.openRun = openRun;
        this.openModel = openModel;
        this.notice = notice;
    }

    void begin() {
        if (run == null) {
            CompletableFuture<Void> applied = apply.get();
            if (training > 0) {
                applied.thenRun(() -> trainUntil.accept(training));
            }
            return;
        }
        String name = run.getFileName().toString();
        if (name.endsWith(".seqlab") || name.endsWith(".safetensors")) {
            // a model file: the start-up data and batches, then the file's model on them (it says why when it won't fit)
            apply.get().thenCompose(v -> openModel.apply(run)).thenRun(() -> {
                if (training > 0) {
                    trainUntil.accept(training);
                }
            });
            return;
        }
        openRun.apply(run).whenComplete((stepsTaken, ex) -> {
            if (ex != null) {
                // a run that will not open leaves the default lab, and the reason stays on screen
                String why = notice.get();
                apply.get().whenComplete((w, ex2) -> notice.set(why));
            } else if (training > 0) {
                trainUntil.accept(stepsTaken + training);   // --train N: N more steps
            }
        });
    }
}
