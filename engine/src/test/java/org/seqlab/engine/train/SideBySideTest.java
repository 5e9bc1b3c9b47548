package org.seqlab.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.BuiltInCorpora;
import org.seqlab.engine.data.DataSource;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.Positional;

/** A session's models stepped at once, each on its own core, train exactly as they would alone. */
class SideBySideTest {

    @BeforeAll
    static void start() {
        Engine.start();
    }

    private static RunConfig transformer(Positional positions) {
        return new RunConfig(new ModelConfig(Family.TRANSFORMER, 0, 32, 2, 4, 16, positions), OptimizerConfig.defaults());
    }

    @Test
    void modelsSteppedSideBySideEndWithTheWeightsEachReachesAlone() {
        DataSource names = BuiltInCorpora.names();
        TrainConfig config = new TrainConfig(8, 16, 3, 5, 2);
        // two of the same class at once: they share no scratch, thread-local or otherwise
        List<RunConfig> both = List.of(transformer(Positional.SINUSOIDAL), transformer(Positional.LEARNED),
                RunConfig.defaults(Family.LSTM));
        TrainingSession together = new TrainingSession(names, config, both);
        for (int i = 0; i < 12; i++) {
            together.trainStep();
        }
        for (int k = 0; k < both.size(); k++) {
            TrainingSession alone = new TrainingSession(names, config, List.of(both.get(k)));
            for (int i = 0; i < 12; i++) {
                alone.trainStep();
            }
            assertThat(together.runs().get(k).model().parameters().flat().toFloatVector())
                    .as("model " + k + " trained beside the others and alone").containsExactly(
                            alone.runs().get(0).model().parameters().flat().toFloatVector());
            assertThat(together.runs().get(k).validationBits().last()).isEqualTo(alone.runs().get(0).validationBits().last());
        }
    }

    @Test
    void theWorkRunsOnOneThreadPerItemAndTheResultsComeInOrder() {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        List<Integer> squares = SideBySide.each(3, i -> {
            threads.add(Thread.currentThread());
            return i * i;
        });
        assertThat(squares).containsExactly(0, 1, 4);
        assertThat(threads).doesNotContain(Thread.currentThread()).allMatch(Thread::isDaemon);
        assertThat(SideBySide.each(1, i -> Thread.currentThread())).containsExactly(Thread.currentThread());   // one: no hand-over
    }

    @Test
    void aFailureIsRethrownAsItWasOnceEveryOtherItemHasFinished() {
        AtomicBoolean otherFinished = new AtomicBoolean();
        assertThatThrownBy(() -> SideBySide.each(2, i -> {
            if (i == 0) {
                throw new IllegalArgumentException("model A cannot");
            }
            double sum = 0;
            for (int k = 0; k < 5_000_000; k++) {
                sum += Math.sqrt(k);
            }
            otherFinished.set(sum > 0);
            return sum;
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("model A cannot");
        assertThat(otherFinished).as("the other model's step was not abandoned half-done").isTrue();
    }
}
