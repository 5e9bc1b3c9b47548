package org.seqlab.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.catalog.DataSources;
import org.seqlab.engine.follow.InspectionFollower;
import org.seqlab.engine.inspect.Inspection;
import org.seqlab.engine.model.Probe;
import org.seqlab.engine.model.SequenceModel;
import org.seqlab.engine.model.Trace;
import org.seqlab.engine.model.build.Models;

/** Going back in time: checkpoints on a schedule, views of them that are the checkpoint's model, training that goes on live. */
class CheckpointsTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        Engine.start();
    }

    @Test
    void theScheduleIsDenseEarlyAndSparseLater() {
        int[] due = IntStream.rangeClosed(0, 2000).filter(Checkpoints::due).toArray();
        assertThat(due).startsWith(0, 5, 10, 15, 20, 25, 30, 40, 50, 60, 80, 100, 150, 200, 250, 300, 400, 500, 600, 800, 1000)
                .endsWith(1500, 2000).doesNotContain(7, 35, 90, 120, 999);
    }

    @Test
    void viewingACheckpointShowsThatModelAndTrainingGoesOnFromTheLiveOne() throws Exception {
        TrainingSession viewed = SessionFileTest.session();
        TrainingSession twin = SessionFileTest.session();
        SessionFileTest.losses(viewed, 12);
        SessionFileTest.losses(twin, 12);
        assertThat(viewed.checkpoints().steps()).containsExactly(0, 5, 10);
        float[][] at10 = viewed.checkpoints().weights(10);

        viewed.view(5);
        assertThat(viewed.checkpoints().viewing()).isEqualTo(5);
        assertThat(viewed.runs().get(0).model().parameters().flat().toFloatVector()).isEqualTo(viewed.checkpoints().weights(5)[0]);
        viewed.view(10);
        assertThat(viewed.runs().get(1).model().parameters().flat().toFloatVector()).isEqualTo(at10[1]);
        // the next step trains the live weights: exactly as a session that never looked back
        assertThat(SessionFileTest.losses(viewed, 3)).isEqualTo(SessionFileTest.losses(twin, 3));
        assertThat(viewed.checkpoints().viewing()).isEqualTo(-1);
        assertThat(viewed.checkpoints().steps()).containsExactly(0, 5, 10, 15);
    }

    @Test
    void aSavedRunKeepsItsCheckpointsAndItsLiveWeightsEvenWhileViewingOne() throws Exception {
        TrainingSession a = SessionFileTest.session();
        SessionFileTest.losses(a, 11);
        float[] live = a.runs().get(0).model().parameters().flat().toFloatVector();
        a.view(5);
        Path file = dir.resolve("run" + SessionFile.EXTENSION);
        SessionFile.save(file, a);
        TrainingSession b = SessionFile.load(file).session();
        assertThat(b.checkpoints().steps()).containsExactly(0, 5, 10);
        assertThat(b.checkpoints().weights(5)[1]).isEqualTo(a.checkpoints().weights(5)[1]);
        assertThat(b.runs().get(0).model().parameters().flat().toFloatVector()).isEqualTo(live);
        assertThat(b.checkpoints().viewing()).isEqualTo(-1);
    }

    @Test
    void pastItsBudgetTheDensestInnerCheckpointGoesFirst() throws Exception {
        TrainingSession s = SessionFileTest.session();
        long one = s.checkpoints().bytes();
        Checkpoints small = new Checkpoints(3 * one);
        for (int step : new int[] {0, 5, 10, 15, 20}) {
            small.record(step, s.runs());
        }
        assertThat(small.steps()).hasSize(3).startsWith(0).endsWith(20);
        assertThat(small.bytes()).isLessThanOrEqualTo(3 * one);
    }

    @Test
    void aScrubbedViewDrawsWhatAModelLoadedWithTheCheckpointDraws() throws Exception {
        try (LabTrainer trainer = new LabTrainer()) {
            InspectionFollower inspection = new InspectionFollower(trainer);
            var data = DataSources.open("synthetic:reber");
            RunConfig lstm = SessionFileTest.session().runConfigs().get(0);
            trainer.configure(data, new TrainConfig(8, 32, 7, 5, 2), List.of(lstm)).get(300, TimeUnit.SECONDS);
            inspection.inspect("BTSSXXTVVEBT");
            assertThat(trainer.trainTo(12).get(300, TimeUnit.SECONDS)).isEqualTo(12);
            float[][] at5 = trainer.submit(session -> session.checkpoints().weights(5)).get(300, TimeUnit.SECONDS);

            trainer.scrubTo(5);
            TrainingSnapshot scrubbed = trainer.settled().get(300, TimeUnit.SECONDS);   // after the scrub, the views made afresh
            assertThat(scrubbed.timeline().viewing()).isEqualTo(5);
            // a model built afresh and given the checkpoint's weights
            SequenceModel fresh = Models.create(lstm.model(), data.vocabulary().size(), 99);
            double[] w = new double[at5[0].length];
            for (int i = 0; i < w.length; i++) {
                w[i] = at5[0][i];
            }
            fresh.parameters().assign(w);
            Trace expected = Inspection.of(fresh, data.vocabulary().encode("BTSSXXTVVEBT"));
            Trace shown = scrubbed.inspection().traces().get("A");
            for (Probe p : fresh.probes()) {
                assertThat(shown.get(p).data()).as(p.toString()).isEqualTo(expected.get(p).data());
            }
            assertThat(scrubbed.timeline().steps()).containsExactly(0, 5, 10);

            trainer.scrubTo(-1);
            assertThat(trainer.settled().get(300, TimeUnit.SECONDS).timeline().scrubbed()).isFalse();
        }
    }
}
