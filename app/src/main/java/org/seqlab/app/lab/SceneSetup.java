package org.seqlab.app.lab;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.value.ChangeListener;
import org.seqlab.app.lessons.Scene;
import org.seqlab.app.lessons.ScenePlan;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.data.DataSource;
import org.seqlab.engine.expect.Measured;
import org.seqlab.engine.train.ModelRun;
import org.seqlab.engine.train.TrainingSnapshot.Phase;
import org.seqlab.engine.train.TrainingSnapshot;

/** A lesson's scene applied to the lab: its data and models, then its input, its view and the training it asks for. */
public final class SceneSetup {

    private final LabModel lab;

    private SceneSetup(LabModel lab) {
        this.lab = lab;
    }

    /**
     * Sets the lab up as a lesson's scene says and trains it, then its point measured on the models as they are and at
     * every checkpoint (null when it states none), through the engine port; completes on the FX thread.
     */
    public static CompletableFuture<Measured> run(LabModel lab, Scene scene, Consumer<String> progress, Runnable afterApply) {
        return new SceneSetup(lab).setUp(scene, progress, afterApply).thenCompose(v -> {
            if (scene.point() == null) {
                return CompletableFuture.completedFuture(null);
            }
            // now, and at every checkpoint on the way: when the point was made
            return lab.tasks().measure(scene.point(), lab.inspectTextProperty().get()).thenApplyAsync(x -> x, Platform::runLater);
        });
    }

    CompletableFuture<Void> setUp(Scene scene, Consumer<String> progress, Runnable afterApply) {
        if (scene.checkpoint() != null) {
            // a lesson pack's trained scene: its models and their history as packed (Back in time replays them), no training
            lab.pause();
            progress.accept(Texts.get("scene.fromCheckpoint"));
            return lab.openRun(scene.checkpoint()).thenAccept(steps -> {
                if (scene.inspect() != null) {
                    lab.inspectTextProperty().set(inspectable(scene.inspect()));
                }
                afterApply.run();
                progress.accept("");
            });
        }
        if (scene.keepsModels()) {
            if (scene.inspect() != null) {
                lab.inspectTextProperty().set(inspectable(scene.inspect()));
            }
            afterApply.run();
            if (scene.train() == 0) {
                return CompletableFuture.completedFuture(null);
            }
            int target = lab.snapshot().step() + scene.train();
            lab.trainUntil(target);
            return whenTrained(lab.snapshotProperty(), target, progress);
        }
        lab.pause();
        // the same plan check-lessons and export run; the lab shows it in its settings and builds it from there
        ScenePlan plan = ScenePlan.of(scene, null);
        lab.data.set(plan.dataSpec());
        lab.batch.set(plan.train().batch());
        lab.sequenceLength.set(plan.train().steps());
        lab.seed.set(scene.seed());   // the scene's own: the lab has no seed override
        lab.runs.setAll(plan.runs().stream().map(RunSettings::of).toList());
        lab.noticeProperty().set("");
        progress.accept(Texts.get("progress.preparing", scene.data()));
        // a scene that loads its model: the lab's File → Open model, once the data and batches are applied
        return lab.apply().thenCompose(v -> scene.load() == null ? CompletableFuture.completedFuture(0) : lab.openModel(scene.load()))
                .thenCompose(v -> inspectAndTrain(scene, progress, afterApply));
    }

    /** Once the scene's models are there: its input, its view, and the training it asks for. */
    private CompletableFuture<Void> inspectAndTrain(Scene scene, Consumer<String> progress, Runnable afterApply) {
        if (scene.inspect() != null) {
            lab.inspectTextProperty().set(inspectable(scene.inspect()));
        }
        afterApply.run();
        if (scene.train() == 0) {
            progress.accept("");
            return CompletableFuture.completedFuture(null);
        }
        progress.accept(Texts.get("progress.training", 0, scene.train()));
        lab.trainUntil(scene.train());
        return whenTrained(lab.snapshotProperty(), scene.train(), progress);
    }

    /** A scene's input as {@link org.seqlab.app.lessons.ScenePlan#input} reads it on the data the lab has applied. */
    private String inspectable(String inspect) {
        DataSource applied = lab.appliedSource();
        return applied == null ? inspect : ScenePlan.input(inspect, applied).text();
    }

    /** Completes on the FX thread once the session has trained {@code steps} steps and paused. */
    static CompletableFuture<Void> whenTrained(ReadOnlyObjectProperty<TrainingSnapshot> snapshot, int steps, Consumer<String> progress) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        boolean[] started = {false};
        ChangeListener<TrainingSnapshot> watch = (o, a, s) -> {
            if (s.phase() == Phase.RUNNING) {
                started[0] = true;
                progress.accept(Texts.get("progress.training", s.step(), steps));
            } else if (s.step() >= steps) {
                progress.accept("");
                done.complete(null);
            } else if (started[0]) {
                done.complete(null);    // the learner paused or stepped in: the lab is theirs
            } else if (s.runs().stream().allMatch(r -> r.status() == ModelRun.Status.DIVERGED)) {
                done.completeExceptionally(new IllegalStateException(Texts.get("scene.allDiverged", String.valueOf(s.step()))));
            }
        };
        snapshot.addListener(watch);
        done.whenComplete((v, ex) -> snapshot.removeListener(watch));
        return done;
    }
}
