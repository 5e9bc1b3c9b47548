package org.seqlab.engine.seq2seq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.seqlab.engine.data.synthetic.SyntheticCorpus;
import org.seqlab.engine.data.synthetic.SyntheticSources;
import org.seqlab.engine.data.tasks.Task;
import org.seqlab.engine.expect.Expectation;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.seq2seq.Attention;
import org.seqlab.engine.model.seq2seq.Seq2SeqConfig;
import org.seqlab.engine.train.OptimizerConfig;
import org.seqlab.engine.train.RunConfig;
import org.seqlab.engine.train.TrainConfig;
import org.seqlab.engine.train.LabTrainer;

/** The encoder–decoder window's engine: trains on its own thread, measures, inspects, and answers a scene's statements. */
class Seq2SeqTrainerTest {

    @Test
    void trainsMeasuresAndInspectsOnItsOwnThread() throws Exception {
        try (Seq2SeqTrainer s = new Seq2SeqTrainer()) {
            Seq2SeqExperiment.Spec spec = new Seq2SeqExperiment.Spec(Task.COPY, List.of(new Seq2SeqConfig(Seq2SeqConfig.Kind.GRU, null, 8, 16),
                    new Seq2SeqConfig(Seq2SeqConfig.Kind.ATTENTION, Attention.Score.DOT, 8, 16)), 8, 3, 3e-3);
            s.setUp(spec).get(60, TimeUnit.SECONDS);
            Seq2SeqTrainer.Snapshot ready = s.latest();
            assertThat(ready.step()).isZero();
            assertThat(ready.inspection().runs()).hasSize(2);
            assertThat(ready.inspection().runs().get(1).weights()).as("the attentive model's alignment").isNotEmpty();
            assertThat(ready.inspection().runs().get(0).encoderStates().length).isEqualTo(ready.inspection().source().length());

            s.train(30);
            Seq2SeqTrainer.Snapshot done = s.whenMeasured(30).get(120, TimeUnit.SECONDS);
            assertThat(done.step()).isEqualTo(30);
            assertThat(done.running()).isFalse();
            assertThat(done.measured()).hasSize(2);
            assertThat(done.measured().get(0).byLength().keySet()).as("test and long lengths").contains(5, 20, 21, 30);
            assertThat(done.lossSteps()).contains(1, 5, 30);
            assertThat(done.lossBits()).allSatisfy(row -> assertThat(row).hasSize(2));

            Expectation e = Expectation.parse("exact(B, 4) >= 0");
            assertThat(e.calls()).singleElement().satisfies(c -> assertThat(Seq2SeqExperiment.value(done.measured(), c))
                    .isEqualTo(done.measured().get(1).exactAround(4)));

            s.inspect("hello").get(30, TimeUnit.SECONDS);
            assertThat(s.latest().inspection().source()).isEqualTo("hello");
            assertThat(s.latest().inspection().reference()).isEqualTo("hello");
            s.inspect("Hello!").get(30, TimeUnit.SECONDS);
            assertThat(s.latest().inspection().source()).as("a source of another alphabet is refused").isEqualTo("hello");
            assertThat(s.latest().message()).contains("not a source of this task");
        }
    }

    /**
     * One engine thread drives both kinds of run: the lab's LabTrainer and an encoder–decoder session attached to its
     * thread train at the same time, each to its own step, their work runs on that one thread, and closing the
     * session lets go of its models without stopping the lab's.
     */
    @Test
    void theLabsTrainerAndAnEncoderDecoderTakeTurnsOnOneEngineThread() throws Exception {
        try (LabTrainer trainer = new LabTrainer()) {
            trainer.configure(new SyntheticCorpus(SyntheticSources.embeddedReber()), TrainConfig.defaults().withBatch(8).withSteps(400),
                    List.of(new RunConfig(new ModelConfig(Family.RNN, 0, 16, 1), OptimizerConfig.defaults()))).get(60, TimeUnit.SECONDS);
            Seq2SeqTrainer s = new Seq2SeqTrainer(trainer.thread());
            s.setUp(new Seq2SeqExperiment.Spec(Task.COPY, List.of(new Seq2SeqConfig(Seq2SeqConfig.Kind.GRU, null, 8, 16)), 8, 3, 3e-3))
                    .get(60, TimeUnit.SECONDS);
            CompletableFuture<Integer> lab = trainer.trainTo(60);
            s.train(20);
            Seq2SeqTrainer.Snapshot done = s.whenMeasured(20).get(120, TimeUnit.SECONDS);
            assertThat(done.step()).isEqualTo(20);
            assertThat(lab.get(120, TimeUnit.SECONDS)).isEqualTo(60);
            Thread labThread = trainer.submit(x -> Thread.currentThread()).get(30, TimeUnit.SECONDS);
            assertThat(labThread.getName()).isEqualTo("seqlab-engine");
            assertThat(trainer.thread().isEngineThread()).isFalse();

            s.close();
            s.train(20);                              // a closed session has let its models go: nothing trains
            assertThat(trainer.trainTo(80).get(120, TimeUnit.SECONDS)).as("the lab trains on").isEqualTo(80);
            assertThat(s.latest().step()).isEqualTo(20);
            assertThat(s.latest().running()).isFalse();
        }
    }

    /**
     * The encoder–decoders are driven by the lab's one Trainer, so they get its commands: new models are undoable, a
     * single step measures where it stops, training to a step completes with that step, and whoever waited for the
     * models that a new set-up replaced is let go rather than left waiting.
     */
    @Test
    void theEncoderDecodersHaveTheLabsCommandsFromTheOneTrainer() throws Exception {
        Seq2SeqExperiment.Spec spec = new Seq2SeqExperiment.Spec(Task.COPY, List.of(new Seq2SeqConfig(Seq2SeqConfig.Kind.GRU, null, 8, 16)),
                8, 3, 3e-3);
        try (Seq2SeqTrainer s = new Seq2SeqTrainer()) {
            s.setUp(spec).get(60, TimeUnit.SECONDS);
            s.train(10);
            assertThat(s.whenMeasured(10).get(120, TimeUnit.SECONDS).step()).isEqualTo(10);
            CompletableFuture<Seq2SeqTrainer.Snapshot> never = s.whenMeasured(1000);
            s.setUp(spec.withSeed(4)).get(60, TimeUnit.SECONDS);
            assertThat(never).as("waiting for models that are gone").isCancelled();
            assertThat(s.latest().step()).isZero();
            assertThat(s.latest().measured()).as("new models are not measured before they train").isNull();

            s.undo();
            Seq2SeqTrainer.Snapshot back = s.settled().get(60, TimeUnit.SECONDS);
            assertThat(back.step()).isEqualTo(10);
            assertThat(back.spec().seed()).isEqualTo(3);
            assertThat(back.message()).isEqualTo("Undone: back at step 10.");

            s.stepOnce();
            Seq2SeqTrainer.Snapshot one = s.settled().get(60, TimeUnit.SECONDS);
            assertThat(one.step()).isEqualTo(11);
            assertThat(one.running()).isFalse();
            assertThat(one.measured()).as("measured where it stopped").allSatisfy(m -> assertThat(m.step()).isEqualTo(11));
            assertThat(s.trainTo(15).get(120, TimeUnit.SECONDS)).isEqualTo(15);
            assertThat(s.measurements().get(60, TimeUnit.SECONDS)).extracting(Seq2SeqMeasurement::step).containsExactly(10, 11, 15);
        }
    }
}
