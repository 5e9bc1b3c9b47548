package org.seqlab.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.catalog.DataSources;
import org.seqlab.engine.io.DataException;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.Positional;

/** A saved run reopens exactly, and continues exactly as if it had never stopped. */
class SessionFileTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        Engine.start();
    }

    static TrainingSession session() throws DataException {
        List<RunConfig> runs = List.of(
                new RunConfig(new ModelConfig(Family.LSTM, 0, 24, 1), OptimizerConfig.defaults(), new ScheduledSampling(0.2, 10)),
                new RunConfig(new ModelConfig(Family.TRANSFORMER, 0, 16, 1, 2, 32, Positional.LEARNED), OptimizerConfig.defaults()
                        .withSchedule(Schedule.WARMUP_COSINE, 5, 100)));
        return new TrainingSession(DataSources.open("synthetic:reber"), new TrainConfig(8, 32, 7, 5, 2), runs);
    }

    static List<Double> losses(TrainingSession s, int steps) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            for (ModelRun.StepResult r : s.trainStep().results()) {
                out.add(r.lossNats());
            }
        }
        return out;
    }

    @Test
    void theSameSeedGivesTheSameLosses() throws Exception {
        assertThat(losses(session(), 8)).isEqualTo(losses(session(), 8));
    }

    @Test
    void aSavedRunReopensWithIdenticalWeightsAndContinuesAsIfNeverStopped() throws Exception {
        TrainingSession a = session();
        losses(a, 12);
        Path file = dir.resolve("run" + SessionFile.EXTENSION);
        SessionFile.save(file, a);
        SessionFile.Loaded loaded = SessionFile.load(file);
        TrainingSession b = loaded.session();
        assertThat(loaded.dataSpec()).isEqualTo("synthetic:reber");
        assertThat(b.stepsTaken()).isEqualTo(12);
        for (int i = 0; i < 2; i++) {
            ModelRun ra = a.runs().get(i);
            ModelRun rb = b.runs().get(i);
            assertThat(rb.config()).isEqualTo(ra.config());
            assertThat(rb.model().parameters().flat().toFloatVector()).isEqualTo(ra.model().parameters().flat().toFloatVector());
            assertThat(rb.optimizer().state().toFloatVector()).isEqualTo(ra.optimizer().state().toFloatVector());
            assertThat(rb.steps()).isEqualTo(12);
            assertThat(rb.trainBits().values()).isEqualTo(ra.trainBits().values());
            assertThat(rb.validationBits().steps()).isEqualTo(ra.validationBits().steps());
        }
        // both go on: the same batches, the same updates, the same losses
        assertThat(losses(b, 6)).isEqualTo(losses(a, 6));
        assertThat(b.runs().get(0).model().parameters().flat().toFloatVector())
                .isEqualTo(a.runs().get(0).model().parameters().flat().toFloatVector());
    }

    @Test
    void aDamagedOrForeignFileIsRefusedWithTheReason() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.seqrun"), "not a zip");
        assertThatThrownBy(() -> SessionFile.load(text)).isInstanceOf(DataException.class).hasMessageContaining("not a saved SeqLab run");
        assertThatThrownBy(() -> SessionFile.load(dir.resolve("missing.seqrun"))).hasMessageContaining("no such file");
        TrainingSession a = session();
        assertThat(a.stepsTaken()).isZero();
    }

    @Test
    void aRunOnYourOwnTextCarriesItAndOpensAfterTheTextIsGone() throws Exception {
        Path file = dir.resolve("moved.seqrun");
        Path corpus = Files.writeString(dir.resolve("corpus.txt"), "some text that is long enough to be a corpus. ".repeat(10));
        TrainingSession a = new TrainingSession(DataSources.open(corpus.toString()), new TrainConfig(4, 16, 1, 5, 1),
                List.of(new RunConfig(new ModelConfig(Family.RNN, 0, 8, 1), OptimizerConfig.defaults())));
        losses(a, 3);
        SessionFile.save(file, a);
        Files.delete(corpus);
        SessionFile.Loaded loaded = SessionFile.load(file);
        assertThat(loaded.dataSpec()).isEqualTo("corpus.txt");
        assertThat(loaded.session().data().ownText()).contains("some text that is long enough to be a corpus. ".repeat(10));
        assertThat(losses(loaded.session(), 2)).isEqualTo(losses(a, 2));
    }
}
