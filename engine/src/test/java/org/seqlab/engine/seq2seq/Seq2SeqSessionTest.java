package org.seqlab.engine.seq2seq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.seqlab.engine.data.tasks.Task;
import org.seqlab.engine.expect.Expectation;
import org.seqlab.engine.model.seq2seq.Attention;
import org.seqlab.engine.model.seq2seq.Seq2SeqConfig;

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
}
