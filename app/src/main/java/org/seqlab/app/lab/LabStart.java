package org.seqlab.app.lab;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** What the lab does once the engine is ready: build the default models or reopen a saved run, then train if asked. */
final class LabStart {

    private final LabModel lab;
    Path run;
    int training;

    LabStart(LabModel lab) {
        this.lab = lab;
    }

    void begin() {
        if (run == null) {
            CompletableFuture<Void> applied = lab.apply();
            if (training > 0) {
                applied.thenRun(() -> lab.trainUntil(training));
            }
            return;
        }
        lab.openRun(run).whenComplete((stepsTaken, ex) -> {
            if (ex != null) {
                // a run that will not open leaves the default lab, and the reason stays on screen
                String why = lab.noticeProperty().get();
                lab.apply().whenComplete((w, ex2) -> lab.noticeProperty().set(why));
            } else if (training > 0) {
                lab.trainUntil(stepsTaken + training);   // --train N: N more steps
            }
        });
    }
}
