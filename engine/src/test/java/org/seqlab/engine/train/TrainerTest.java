package org.seqlab.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seqlab.engine.data.synthetic.SyntheticCorpus;
import org.seqlab.engine.data.synthetic.SyntheticSources;
import org.seqlab.engine.follow.InspectionFollower;
import org.seqlab.engine.follow.SamplesFollower;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.Probe;
import org.seqlab.engine.train.TrainingSnapshot.Phase;

/** The engine thread: commands between steps, exact single steps, pausing, divergence, undo. */
class TrainerTest {

    LabTrainer trainer;
    InspectionFollower inspection;

    @BeforeEach
    void setUp() throws Exception {
        trainer = new LabTrainer();
        new SamplesFollower(trainer);
        inspection = new InspectionFollower(trainer);
        trainer.configure(new SyntheticCorpus(SyntheticSources.embeddedReber()), TrainConfig.defaults().withBatch(8).withSteps(16),
                List.of(new RunConfig(new ModelConfig(Family.RNN, 0, 16, 1), OptimizerConfig.defaults()),
                        new RunConfig(new ModelConfig(Family.LSTM, 0, 16, 1), OptimizerConfig.defaults())))
                .get();
    }

    @AfterEach
    void tearDown() {
        trainer.close();
    }

    /** Waits for the engine to publish a snapshot that meets the condition (the deadline only guards against a hang). */
    TrainingSnapshot await(Predicate<TrainingSnapshot> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            TrainingSnapshot s = trainer.latest();
            if (condition.test(s)) {
                return s;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("condition not reached; last snapshot: " + trainer.latest());
    }

    /** Every queued command has run: the snapshot of that moment, with the followers' parts made afresh. */
    TrainingSnapshot settle() throws Exception {
        return trainer.settled().get(120, TimeUnit.SECONDS);
    }

    @Test
    void aGatedTrainerWaitsToLoadAndRunsTheQueuedCommandsAfter() throws Exception {
        java.util.concurrent.CountDownLatch atTheGate = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CompletableFuture<Void> windowUp = new java.util.concurrent.CompletableFuture<>() {
            @Override
            public java.util.concurrent.CompletableFuture<Void> toCompletableFuture() {
                atTheGate.countDown();   // the engine thread asks for the gate: from here on it waits
                return this;
            }
        };
        try (LabTrainer gated = new LabTrainer(windowUp)) {
            var configured = gated.configure(new SyntheticCorpus(SyntheticSources.embeddedReber()), TrainConfig.defaults().withBatch(8)
                    .withSteps(16), List.of(new RunConfig(new ModelConfig(Family.RNN, 0, 16, 1), OptimizerConfig.defaults())));
            assertThat(atTheGate.await(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(gated.latest().phase()).isEqualTo(Phase.LOADING);   // nothing loads or runs before the gate opens
            assertThat(configured).isNotDone();
            windowUp.complete(null);
            configured.get(120, java.util.concurrent.TimeUnit.SECONDS);
            gated.stepOnce();
            assertThat(gated.submit(s -> s.stepsTaken()).get()).isEqualTo(1);
        }
    }

    @Test
    void stepTakesExactlyOneStepAndPauseHolds() throws Exception {
        assertThat(settle().step()).isZero();
        trainer.stepOnce();
        trainer.stepOnce();
        trainer.stepOnce();
        TrainingSnapshot s = settle();
        assertThat(s.step()).isEqualTo(3);
        assertThat(s.phase()).isEqualTo(Phase.PAUSED);
        assertThat(s.runs()).allSatisfy(r -> assertThat(r.train().size()).isEqualTo(3));

        trainer.play();
        await(x -> x.step() > 20);
        trainer.pause();
        int paused = settle().step();
        // the engine runs queued commands between steps: had it gone on training, steps would lie between these
        for (int i = 0; i < 3; i++) {
            assertThat(trainer.submit(x -> x.stepsTaken()).get()).isEqualTo(paused);
        }
        assertThat(settle().phase()).isEqualTo(Phase.PAUSED);
    }

    @Test
    void trainUntilPausesAtTheLimit() throws Exception {
        trainer.trainUntil(40);
        TrainingSnapshot s = await(x -> x.step() == 40 && x.phase() == Phase.PAUSED);   // what a window sees, published
        assertThat(trainer.submit(x -> x.stepsTaken()).get()).isEqualTo(40);
        assertThat(trainer.submit(x -> x.stepsTaken()).get()).isEqualTo(40);
        assertThat(s.runs().get(0).samples()).isNotNull();
    }

    /** The future says where training stopped, without polling: at the limit, at once when there, and when paused early. */
    @Test
    void trainToCompletesWhereTrainingStopped() throws Exception {
        assertThat(trainer.trainTo(30).get()).isEqualTo(30);
        assertThat(trainer.submit(x -> x.stepsTaken()).get()).isEqualTo(30);    // paused there: nothing ran on
        assertThat(trainer.trainTo(20).get()).as("already past it").isEqualTo(30);
        var far = trainer.trainTo(1_000_000);
        trainer.pause();                                                        // stopped by hand long before
        int stoppedAt = far.get();
        assertThat(stoppedAt).isGreaterThanOrEqualTo(30).isLessThan(1_000_000);
        assertThat(trainer.submit(x -> x.stepsTaken()).get()).isEqualTo(stoppedAt);
    }

    @Test
    void snapshotsArePublishedAtMostAboutThirtyTimesASecond() {
        // the rule, with the times given: one publication per 33 ms however often the loop asks
        Throttle t = new Throttle(Trainer.PUBLISH_NANOS);
        int published = 0;
        for (long now = 0; now < 1_000_000_000L; now += 1_000_000L) {   // asked every millisecond for a second
            if (t.tryAcquire(now)) {
                published++;
            }
        }
        assertThat(published).isEqualTo(31);   // 0, 33, 66 … 990 ms
        t.mark(2_000_000_000L);                // a forced publication starts a new interval
        assertThat(t.tryAcquire(2_000_000_000L + Trainer.PUBLISH_NANOS - 1)).isFalse();
        assertThat(t.tryAcquire(2_000_000_000L + Trainer.PUBLISH_NANOS)).isTrue();
    }

    /** While it runs, each published snapshot is newer and carries every step's loss so far, for every run. */
    @Test
    void aRunningTrainerPublishesEveryStepsLoss() throws Exception {
        trainer.play();
        TrainingSnapshot early = await(x -> x.step() > 5);
        TrainingSnapshot later = await(x -> x.version() > early.version() && x.step() > early.step());
        trainer.pause();
        for (TrainingSnapshot s : List.of(early, later)) {
            assertThat(s.phase()).isEqualTo(Phase.RUNNING);
            assertThat(s.runs()).allSatisfy(r -> assertThat(r.train().size()).isEqualTo(s.step()));
        }
        // the curve only grows: what the early snapshot showed is the start of the later one
        assertThat(later.runs().get(0).train().value(early.step() - 1)).isEqualTo(early.runs().get(0).train().value(early.step() - 1));
    }

    @Test
    void aNonFiniteLossPausesThatRunWithAMessageAndKeepsItsWeights() throws Exception {
        // the last weights that gave a sane loss: those before step 1's update
        double[] before = trainer.submit(s -> s.runs().get(0).model().parameters().toArray()).get();
        trainer.stepOnce();
        settle();
        // poison run A's embedding: its next forward produces NaN
        trainer.submit(s -> s.runs().get(0).model().parameters().flat().putScalar(0, Double.POSITIVE_INFINITY)).get();
        assertThat(trainer.trainTo(1000).get(120, TimeUnit.SECONDS)).as("training stops where A diverges").isEqualTo(2);
        TrainingSnapshot s = settle();
        assertThat(s.runs().get(0).status()).isEqualTo(ModelRun.Status.DIVERGED);
        assertThat(s.phase()).isEqualTo(Phase.PAUSED);
        assertThat(s.runs().get(0).message()).contains("A · Vanilla RNN 1×16 diverged at step 2").contains("last good");
        assertThat(s.message()).isEqualTo("A model diverged; it is paused on its last good weights.");
        double[] after = trainer.submit(x -> x.runs().get(0).model().parameters().toArray()).get();
        assertThat(after).containsExactly(before); // back to the last weights that gave a sane loss, poison gone
        assertThat(s.runs().get(1).status()).isEqualTo(ModelRun.Status.OK);

        // the healthy run trains on when asked; the diverged one stays put
        trainer.trainTo(6).get(120, TimeUnit.SECONDS);
        TrainingSnapshot later = settle();
        assertThat(later.runs().get(1).train().size()).isGreaterThanOrEqualTo(5);
        assertThat(later.runs().get(0).train().size()).isEqualTo(1);
    }

    @Test
    void resetCanBeUndone() throws Exception {
        assertThat(trainer.trainTo(10).get(120, TimeUnit.SECONDS)).isEqualTo(10);
        trainer.reset();
        TrainingSnapshot s = settle();
        assertThat(s.step()).isZero();
        assertThat(s.canUndo()).isTrue();
        trainer.undo();
        TrainingSnapshot undone = settle();
        assertThat(undone.step()).isEqualTo(10);
        assertThat(undone.message()).contains("Undone");
    }

    /** The trainer only trains and publishes: without followers its snapshots carry no samples and no traces. */
    @Test
    void withoutFollowersATrainerPublishesNoSamplesAndNoTraces() throws Exception {
        try (LabTrainer bare = new LabTrainer()) {
            bare.configure(new SyntheticCorpus(SyntheticSources.embeddedReber()), TrainConfig.defaults().withBatch(8).withSteps(16),
                    List.of(new RunConfig(new ModelConfig(Family.RNN, 0, 16, 1), OptimizerConfig.defaults()))).get();
            assertThat(bare.trainTo(3).get(120, TimeUnit.SECONDS)).isEqualTo(3);
            TrainingSnapshot s = bare.settled().get(120, TimeUnit.SECONDS);
            assertThat(s.step()).isEqualTo(3);
            assertThat(s.runs().get(0).samples()).isNull();
            assertThat(s.inspection()).isNull();
        }
    }

    @Test
    void inspectionTracesEveryModelAndExplainsBadInput() throws Exception {
        inspection.inspect("BTBTSSXSETE");
        TrainingSnapshot s = settle();
        assertThat(s.inspection().text()).isEqualTo("BTBTSSXSETE");
        assertThat(s.inspection().error()).isEmpty();
        assertThat(s.inspection().traces().get("A").get(new Probe.Hidden(0)).shape()).containsExactly(10, 16);
        assertThat(s.inspection().traces().get("B").get(new Probe.GateValues(Probe.Gate.FORGET, 0)).shape()).containsExactly(10, 16);
        assertThat(s.inspection().traces().get("B").get(new Probe.GradientNorm(Probe.GradientOf.HIDDEN, 0)).shape()).containsExactly(10);
        inspection.inspect("BTZ");
        TrainingSnapshot bad = settle();
        assertThat(bad.inspection().text()).isEqualTo("BTZ");
        assertThat(bad.inspection().error()).contains("Z").contains("not in the vocabulary");
    }

    /** Waiting for a state, not a frame: the settled snapshot is the step trained to, with its inspection made there. */
    @Test
    void aSettledSnapshotCarriesTheStepAndItsInspection() throws Exception {
        inspection.inspect("BTBTSSXSETE");
        int reached = trainer.trainTo(12).get();
        TrainingSnapshot s = trainer.settled().get();
        assertThat(s.step()).isEqualTo(reached).isEqualTo(12);
        assertThat(s.inspection().step()).isEqualTo(12);
        assertThat(s.inspection().text()).isEqualTo("BTBTSSXSETE");
        assertThat(s.runs()).allSatisfy(r -> assertThat(r.train().size()).isEqualTo(12));
    }
}
