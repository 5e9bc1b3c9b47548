package org.seqlab.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seqlab.engine.data.synthetic.SyntheticCorpus;
import org.seqlab.engine.data.synthetic.SyntheticSources;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.train.TrainingSnapshot.Phase;

/** The engine thread: commands between steps, exact single steps, pausing, divergence, undo. */
class TrainerTest {

    Trainer trainer;

    @BeforeEach
    void setUp() throws Exception {
        trainer = new Trainer();
        trainer.configure(new SyntheticCorpus(SyntheticSources.embeddedReber()), TrainConfig.defaults().withBatch(8).withSteps(16),
                List.of(new RunConfig(new ModelConfig(Family.RNN, 0, 16, 1), OptimizerConfig.defaults()),
                        new RunConfig(new ModelConfig(Family.LSTM, 0, 16, 1), OptimizerConfig.defaults())))
                .get();
    }

    @AfterEach
    void tearDown() {
        trainer.close();
    }

    TrainingSnapshot await(Predicate<TrainingSnapshot> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            TrainingSnapshot s = trainer.latest();
            if (condition.test(s)) {
                return s;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("condition not reached; last snapshot: " + trainer.latest());
    }

    /** Waits until every queued command has run and a snapshot reflects it. */
    TrainingSnapshot settle() throws Exception {
        trainer.submit(s -> null).get();
        long v = trainer.latest().version();
        return await(s -> s.version() > v || s.phase() != Phase.RUNNING);
    }

    @Test
    void aGatedTrainerWaitsToLoadAndRunsTheQueuedCommandsAfter() throws Exception {
        java.util.concurrent.CompletableFuture<Void> windowUp = new java.util.concurrent.CompletableFuture<>();
        try (Trainer gated = new Trainer(windowUp)) {
            var configured = gated.configure(new SyntheticCorpus(SyntheticSources.embeddedReber()), TrainConfig.defaults().withBatch(8)
                    .withSteps(16), List.of(new RunConfig(new ModelConfig(Family.RNN, 0, 16, 1), OptimizerConfig.defaults())));
            Thread.sleep(300);
            assertThat(gated.latest().phase()).isEqualTo(Phase.LOADING);   // nothing loads or runs before the gate opens
            assertThat(configured).isNotDone();
            windowUp.complete(null);
            configured.get(20, java.util.concurrent.TimeUnit.SECONDS);
            gated.stepOnce();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (gated.latest().step() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(gated.latest().step()).isEqualTo(1);
        }
    }

    @Test
    void stepTakesExactlyOneStepAndPauseHolds() throws Exception {
        assertThat(settle().step()).isZero();
        trainer.stepOnce();
        trainer.stepOnce();
        trainer.stepOnce();
        TrainingSnapshot s = await(x -> x.step() == 3);
        assertThat(s.phase()).isEqualTo(Phase.PAUSED);
        assertThat(s.runs()).allSatisfy(r -> assertThat(r.train().size()).isEqualTo(3));

        trainer.play();
        await(x -> x.step() > 20);
        trainer.pause();
        int paused = settle().step();
        Thread.sleep(300);
        assertThat(trainer.latest().step()).isEqualTo(paused);
        assertThat(trainer.latest().phase()).isEqualTo(Phase.PAUSED);
    }

    @Test
    void trainUntilPausesAtTheLimit() throws Exception {
        trainer.trainUntil(40);
        TrainingSnapshot s = await(x -> x.step() == 40 && x.phase() == Phase.PAUSED);
        Thread.sleep(200);
        assertThat(trainer.latest().step()).isEqualTo(40);
        assertThat(s.runs().get(0).samples()).isNotNull();
    }

    @Test
    void snapshotsArePublishedAtMostAboutThirtyTimesASecond() throws Exception {
        trainer.play();
        await(x -> x.step() > 5);
        long v0 = trainer.latest().version();
        long t0 = System.nanoTime();
        Thread.sleep(1500);
        long published = trainer.latest().version() - v0;
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(published / seconds).isLessThan(35).isGreaterThan(2);
    }

    @Test
    void aNonFiniteLossPausesThatRunWithAMessageAndKeepsItsWeights() throws Exception {
        trainer.stepOnce();
        settle();
        // poison run A's embedding: its next forward produces NaN
        double[] before = trainer.submit(s -> {
            var flat = s.runs().get(0).model().parameters().flat();
            flat.putScalar(0, Double.POSITIVE_INFINITY);
            return s.runs().get(0).model().parameters().toArray();
        }).get();
        trainer.play();
        TrainingSnapshot s = await(x -> x.runs().get(0).status() == ModelRun.Status.DIVERGED && x.phase() == Phase.PAUSED);
        assertThat(s.message()).contains("A · Vanilla RNN 1×16 diverged at step 2").contains("last good");
        double[] after = trainer.submit(x -> x.runs().get(0).model().parameters().toArray()).get();
        assertThat(after).containsExactly(before); // no update was applied after the bad loss
        assertThat(s.runs().get(1).status()).isEqualTo(ModelRun.Status.OK);

        // the healthy run trains on when asked; the diverged one stays put
        trainer.play();
        TrainingSnapshot later = await(x -> x.step() >= 6);
        assertThat(later.runs().get(1).train().size()).isGreaterThanOrEqualTo(5);
        assertThat(later.runs().get(0).train().size()).isEqualTo(1);
    }

    @Test
    void resetCanBeUndone() throws Exception {
        trainer.trainUntil(10);
        await(x -> x.step() == 10 && x.phase() == Phase.PAUSED);
        trainer.reset();
        TrainingSnapshot s = await(x -> x.step() == 0);
        assertThat(s.canUndo()).isTrue();
        trainer.undo();
        assertThat(await(x -> x.step() == 10).message()).contains("Undone");
    }

    @Test
    void inspectionTracesEveryModelAndExplainsBadInput() throws Exception {
        trainer.inspect("BTBTSSXSETE");
        TrainingSnapshot s = await(x -> x.inspection() != null && x.inspection().text().equals("BTBTSSXSETE"));
        assertThat(s.inspection().error()).isEmpty();
        assertThat(s.inspection().traces().get("A").get("h.layer0").shape()).containsExactly(10, 16);
        assertThat(s.inspection().traces().get("B").get("gate.f.layer0").shape()).containsExactly(10, 16);
        assertThat(s.inspection().traces().get("B").get("grad.h.layer0").shape()).containsExactly(10);
        trainer.inspect("BTZ");
        TrainingSnapshot bad = await(x -> x.inspection() != null && x.inspection().text().equals("BTZ"));
        assertThat(bad.inspection().error()).contains("Z").contains("not in the vocabulary");
    }
}
