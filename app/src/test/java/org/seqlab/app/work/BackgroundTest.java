package org.seqlab.app.work;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.seqlab.app.figures.TrainerTasks;
import org.seqlab.engine.data.synthetic.SyntheticCorpus;
import org.seqlab.engine.data.synthetic.SyntheticSources;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.sample.DecodingConfig;
import org.seqlab.engine.sample.Strategy;
import org.seqlab.engine.train.OptimizerConfig;
import org.seqlab.engine.train.RunConfig;
import org.seqlab.engine.train.TrainConfig;
import org.seqlab.engine.train.LabTrainer;

/** The one background mechanism: results and failures handed back, progress reported, cancel stopping the work. */
class BackgroundTest {

    final Background work = new CallingThread();

    @Test
    void theResultReachesDoneAndTheJobCompletesAfterIt() throws Exception {
        List<String> seen = new ArrayList<>();
        Job<Integer> job = work.run("adding", p -> {
            p.report(0.5);
            return 2 + 2;
        }, v -> seen.add("done " + v), ex -> seen.add("failed " + ex));
        assertThat(seen).containsExactly("done 4");
        assertThat(job.result().get()).isEqualTo(4);
        assertThat(job.share()).isEqualTo(0.5);
    }

    @Test
    void aFailureReachesFailedUnwrapped() {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Job<Object> job = work.await("engine work", p -> CompletableFuture.supplyAsync(() -> {
            throw new IllegalArgumentException("no such model");
        }), v -> { }, failure::set);
        assertThat(failure.get()).isInstanceOf(IllegalArgumentException.class).hasMessage("no such model");
        assertThat(job.result()).isCompletedExceptionally();
    }

    @Test
    void cancellingStopsTheWorkAtItsNextReport() {
        List<String> seen = new ArrayList<>();
        List<Integer> reached = new ArrayList<>();
        AtomicReference<Job<?>> self = new AtomicReference<>();
        work.run("counting", p -> {
            for (int i = 0; i < 10; i++) {
                reached.add(i);
                if (i == 3) {
                    ((Job<?>) p).cancel();   // as the status bar's button would, while the work runs
                }
                p.report(i / 10.0);
            }
            return "all";
        }, v -> seen.add("done"), ex -> seen.add(ex.getClass().getSimpleName()));
        assertThat(reached).containsExactly(0, 1, 2, 3);
        assertThat(seen).containsExactly("CancellationException");
    }

    /** A cancelled request on the engine thread stops there, and the engine goes on answering. */
    @Test
    void cancellingEngineWorkStopsItAndTheEngineGoesOn() throws Exception {
        try (LabTrainer trainer = new LabTrainer()) {
            TrainerTasks tasks = new TrainerTasks(trainer);
            trainer.configure(new SyntheticCorpus(SyntheticSources.embeddedReber()), TrainConfig.defaults().withBatch(4).withSteps(16),
                    List.of(new RunConfig(new ModelConfig(Family.LSTM, 0, 8, 1), OptimizerConfig.defaults()))).get(300, TimeUnit.SECONDS);
            Background threads = new CallingThread();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Double> reports = new ArrayList<>();
            threads.await("exposure", p -> tasks.exposure(0, -1, DecodingConfig.of(Strategy.GREEDY), share -> {
                reports.add(share);
                ((Job<?>) p).cancel();
                p.report(share);
            }), v -> { }, failure::set);
            assertThat(failure.get()).isInstanceOf(CancellationException.class);
            assertThat(reports).hasSize(1);   // it stopped at its first report
            assertThat(trainer.submit(s -> s.stepsTaken()).get(300, TimeUnit.SECONDS)).isZero();
        }
    }
}
