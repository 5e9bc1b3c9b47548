package org.seqlab.engine.tutor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.BuiltInCorpora;
import org.seqlab.engine.expect.MeasureCall;
import org.seqlab.engine.expect.SessionMeasures;
import org.seqlab.engine.inspect.Health;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.Probe;
import org.seqlab.engine.model.Trace;
import org.seqlab.engine.train.OptimizerConfig;
import org.seqlab.engine.train.RunConfig;
import org.seqlab.engine.train.Schedule;
import org.seqlab.engine.train.TrainConfig;
import org.seqlab.engine.train.TrainingSession;
import org.seqlab.engine.tutor.vocabulary.Cause;
import org.seqlab.engine.tutor.vocabulary.Diagnosis;

/** The tutor's instruments, exactly, and its rules on short real runs. */
class TutorTest {

    @BeforeAll
    static void start() {
        Engine.start();
    }

    @Test
    void pinnedUnitsKeepOneSignNearSaturationAtEveryPosition() {
        // four units over three positions: two pinned (one at +, one at −), one that changes sign, one of one sign but small
        Trace t = Trace.builder().put(new Probe.Hidden(0), new int[] {3, 4}, new float[] {
                0.99f, -0.97f, 0.99f, 0.2f,
                0.98f, -0.99f, -0.99f, 0.3f,
                0.99f, -0.96f, 0.99f, 0.1f}).build();
        assertThat(Health.pinnedShare(t)).isEqualTo(0.5);
    }

    @Test
    void saturatedGatesAreTheSigmoidGatesWithinTwoHundredthsOfZeroOrOne() {
        Trace t = Trace.builder()
                .put(new Probe.GateValues(Probe.Gate.INPUT, 0), new int[] {2, 2}, new float[] {0.01f, 0.5f, 0.995f, 0.3f})
                .put(new Probe.GateValues(Probe.Gate.FORGET, 0), new int[] {2, 2}, new float[] {0.999f, 0.999f, 0.97f, 0.97f})
                // the candidate is a tanh in (−1, 1): never counted
                .put(new Probe.GateValues(Probe.Gate.CANDIDATE, 0), new int[] {2, 2}, new float[] {1, 1, 1, 1}).build();
        assertThat(Health.saturatedShare(t)).isEqualTo(4.0 / 8);
    }

    private static TrainingSession rnn(double lr, double clip, int steps) {
        RunConfig run = new RunConfig(new ModelConfig(Family.RNN, 0, 32, 1),
                OptimizerConfig.of(lr, Schedule.CONSTANT, 100, 3000, true, clip, OptimizerConfig.Method.ADAM));
        TrainingSession s = new TrainingSession(BuiltInCorpora.names(), new TrainConfig(16, 32, 1, 25, 2), List.of(run));
        for (int i = 0; i < steps; i++) {
            s.trainStep();
        }
        return s;
    }

    @Test
    void theUpdateRatioFollowsTheLearningRateAndNamesItWhenFarOff() {
        TrainingSession usual = rnn(3e-3, 1, 60);
        TrainingSession high = rnn(0.1, 1, 60);
        TrainingSession low = rnn(1e-7, 1, 60);
        double r = new SessionMeasures(usual, null).value(MeasureCall.of("update_ratio(A)"));
        assertThat(r).isBetween(1e-4, 1e-2);   // about a thousandth: healthy
        assertThat(new SessionMeasures(high, null).value(MeasureCall.of("update_ratio(A)"))).isGreaterThan(5 * r);   // 33× the rate
        assertThat(Tutor.diagnose(usual, 0)).isEmpty();
        assertThat(Tutor.diagnose(high, 0)).extracting(Diagnosis::cause).contains(Cause.LR_TOO_HIGH);
        assertThat(Tutor.diagnose(low, 0)).extracting(Diagnosis::cause).first().isEqualTo(Cause.LR_TOO_LOW);
        assertThat(Tutor.diagnose(rnn(0.1, 1, 30), 0)).as("before step 50 the tutor reads nothing").isEmpty();
    }

    @Test
    void atACheckpointTheTutorReadsTheRunAsItStoodThen() {
        TrainingSession s = rnn(0.1, 1, 100);
        assertThat(Tutor.diagnose(s, 0)).filteredOn(d -> d.cause() == Cause.LR_TOO_HIGH).singleElement()
                .extracting(Diagnosis::step).isEqualTo(100);
        s.view(20);
        assertThat(Tutor.diagnose(s, 0)).as("20 steps in: before step 50 the tutor reads nothing").isEmpty();
        s.view(50);
        Diagnosis then = Tutor.diagnose(s, 0).stream().filter(d -> d.cause() == Cause.LR_TOO_HIGH).findFirst().orElseThrow();
        assertThat(then.step()).isEqualTo(50);
        double ratioThen = Health.median(s.runs().get(0).updateRatios().upTo(50), Health.WINDOW);
        assertThat(then.evidence().get("update_ratio")).isEqualTo(ratioThen)
                .isNotEqualTo(Health.updateRatio(s.runs().get(0)));   // not the last 50 steps' median
        s.live();
        assertThat(Tutor.diagnose(s, 0)).extracting(Diagnosis::step).containsOnly(100);
    }

    @Test
    void clippingOnEveryStepFarBelowTheGradientIsNamedExplodingGradient() {
        TrainingSession clippedAlways = rnn(3e-3, 1e-3, 60);
        assertThat(new SessionMeasures(clippedAlways, null).value(MeasureCall.of("clipped(A)"))).isEqualTo(1.0);
        Diagnosis d = Tutor.diagnose(clippedAlways, 0).get(0);
        assertThat(d.cause()).isEqualTo(Cause.EXPLODING_GRADIENT);
        assertThat(d.evidence()).containsEntry("clipped", 1.0);
        assertThat(d.says()).endsWith("clipped 1 at step 60)");
    }

    @Test
    void everyCauseHasItsSentenceLessonAndACounterExperimentThatChangesTheModel() {
        for (Cause c : Cause.values()) {
            assertThat(Cause.of(c.id())).isSameAs(c);
            assertThat(c.says()).endsWith(".");
            assertThat(c.lesson()).matches("\\d\\d");
            // each on a model it can be said of
            RunConfig original = switch (c) {
                case NO_POSITIONS -> RunConfig.defaults(Family.TRANSFORMER).withModel(
                        RunConfig.defaults(Family.TRANSFORMER).model().withPositional(org.seqlab.engine.model.Positional.NONE));
                case CONTEXT_TOO_SHORT -> RunConfig.defaults(Family.CONV1D).withModel(ModelConfig.conv1d(64, 1, 2, false));
                case LR_TOO_LOW -> RunConfig.defaults(Family.RNN).withOptimizer(RunConfig.defaults(Family.RNN).optimizer().withLearningRate(1e-6));
                default -> RunConfig.defaults(Family.RNN);
            };
            CounterExperiment e = CounterExperiment.of(c, original);
            assertThat(e.fix()).as(c.id()).isNotEqualTo(original);
            assertThat(e.point().checks()).isNotEmpty();
        }
    }
}
