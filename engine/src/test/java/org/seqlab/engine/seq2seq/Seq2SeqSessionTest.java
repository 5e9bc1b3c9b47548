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
import org.seqlab.engine.train.Trainer;

/** The encoder–decoder window's engine: trains on its own thread, measures, inspects, and answers a scene's statements. */
class Seq2SeqSessionTest {

    @Test
    void trainsMeasuresAndInspectsOnItsOwnThread() throws Exception {
        try (Seq2SeqSession s = new Seq2SeqSession()) {
            Seq2SeqExperiment.Spec spec = new Seq2SeqExperiment.Spec(Task.COPY, List.of(new Seq2SeqConfig(Seq2SeqConfig.Kind.GRU, null, 8, 16),
                    new Seq2SeqConfig(Seq2SeqConfig.Kind.ATTENTION, Attention.Score.DOT, 8, 16)), 8, 3, 3e-3);
            s.setUp(spec).get(60, TimeUnit.SECONDS);
            Seq2SeqSession.Snapshot ready = s.latest();
            assertThat(ready.step()).isZero();
            assertThat(ready.inspection().runs()).hasSize(2);
            assertThat(ready.inspection().runs().get(1).weights()).as("the attentive model's alignment").isNotEmpty();
            assertThat(ready.inspection().runs().get(0).encoderStates().length).isEqualTo(ready.inspection().source().length());

            s.train(30);
            Seq2SeqSession.Snapshot done = s.whenMeasured(30).get(120, TimeUnit.SECONDS);
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
     * One engine thread drives both kinds of run: the lab's Trainer and an encoder–decoder session attached to its
     * thread train at the same time, each to its own step, their work runs on that one thread, and closing the
     * session lets go of its models without stopping the lab's.
     */
    @Test
    void theLabsTrainerAndAnEncoderDecoderTakeTurnsOnOneEngineThread() throws Exception {
        try (Trainer trainer = new Trainer()) {
            trainer.configure(new SyntheticCorpus(SyntheticSources.embeddedReber()), TrainConfig.defaults().withBatch(8).withSteps(400),
                    List.of(new RunConfig(new ModelConfig(Family.RNN, 0, 16, 1), OptimizerConfig.defaults()))).get(60, TimeUnit.SECONDS);
            Seq2SeqSession s = new Seq2SeqSession(trainer.thread());
            s.setUp(new Seq2SeqExperiment.Spec(Task.COPY, List.of(new Seq2SeqConfig(Seq2SeqConfig.Kind.GRU, null, 8, 16)), 8, 3, 3e-3))
                    .get(60, TimeUnit.SECONDS);
            CompletableFuture<Integer> lab = trainer.trainTo(60);
            s.train(20);
            Seq2SeqSession.Snapshot done = s.whenMeasured(20).get(120, TimeUnit.SECONDS);
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
}
