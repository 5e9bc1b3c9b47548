package org.seqlab.engine.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.Batch;
import org.seqlab.engine.data.synthetic.RepeatCorpus;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.Forward;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.SequenceModel;
import org.seqlab.engine.model.TraceLevel;
import org.seqlab.engine.model.build.Models;
import org.seqlab.engine.sample.Decoder;
import org.seqlab.engine.sample.DecodingConfig;
import org.seqlab.engine.sample.Strategy;

class ExposureBiasTest {

    static final DecodingConfig GREEDY = DecodingConfig.of(Strategy.GREEDY);

    @BeforeAll
    static void start() {
        Engine.start();
    }

    /** Teacher-forced losses are the model's ordinary cross-entropy on prefix · reference. */
    @Test
    void teacherForcedLossEqualsTheForwardPass() {
        SequenceModel m = Models.create(new ModelConfig(Family.LSTM, 0, 16, 1), 6, 4);
        int[] prefix = {0, 3, 1};
        int[] reference = {5, 2, 2, 4, 0, 1};
        ExposureBias.Result r = ExposureBias.compute(m, prefix, reference, GREEDY, null);
        int[] all = new int[prefix.length + reference.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(reference, 0, all, prefix.length, reference.length);
        Forward f = m.forward(Batch.ofSequence(all), TraceLevel.NONE);
        for (int t = 0; t < reference.length; t++) {
            int position = prefix.length - 1 + t;
            float[] row = Arrays.copyOfRange(f.logits(), position * 6, position * 6 + 6);
            assertThat(r.teacherForced()[t]).isCloseTo(-Math.log(Decoder.softmax(row, 1)[reference[t]]), within(1e-5));
        }
    }

    /** Both histories agree until the generation leaves the reference, and differ right after. */
    @Test
    void theCurvesSplitWhereTheGenerationDiverges() {
        SequenceModel m = Models.create(new ModelConfig(Family.RNN, 0, 16, 1), 6, 9);
        int[] prefix = {1, 2};
        int[] greedy = Decoder.generate(m, org.seqlab.engine.data.Vocabulary.ofSymbols("abcdef"), "bc", 8, GREEDY, -1).tokens();
        ExposureBias.Result same = ExposureBias.compute(m, prefix, greedy, GREEDY, null);
        assertThat(same.divergence()).isEqualTo(-1);
        assertThat(same.generated()).isEqualTo(greedy);
        assertThat(same.freeRunning()).containsExactly(same.teacherForced(), within(1e-12));

        int[] reference = greedy.clone();
        reference[3] = (reference[3] + 1) % 6;
        ExposureBias.Result split = ExposureBias.compute(m, prefix, reference, GREEDY, null);
        assertThat(split.divergence()).isEqualTo(3);
        for (int t = 0; t <= 3; t++) {
            assertThat(split.freeRunning()[t]).isCloseTo(split.teacherForced()[t], within(1e-12));
        }
        assertThat(split.freeRunning()[4]).isNotCloseTo(split.teacherForced()[4], within(1e-9));
    }

    @Test
    void findsWhereAGenerationBecomesImpossible() {
        RepeatCorpus repeat = RepeatCorpus.standard();
        var v = repeat.vocabulary();
        // an untrained model soon writes something the repeat task cannot produce (a wrong copy)
        SequenceModel m = Models.create(new ModelConfig(Family.RNN, 0, 16, 1), v.size(), 1);
        int[] prefix = v.encode("abcdefgh|");
        ExposureBias.Result r = ExposureBias.compute(m, prefix, v.encode("abcdefgh|abc"), GREEDY, repeat);
        assertThat(r.impossibleAt()).isBetween(0, r.divergence());
        int[] upTo = Arrays.copyOf(prefix, prefix.length + r.impossibleAt() + 1);
        System.arraycopy(r.generated(), 0, upTo, prefix.length, r.impossibleAt() + 1);
        assertThat(repeat.probability(upTo)).isZero();
        assertThat(repeat.probability(Arrays.copyOf(upTo, upTo.length - 1))).isPositive();
    }

    @Test
    void averagesOverValidationWindows() {
        RepeatCorpus repeat = RepeatCorpus.standard();
        SequenceModel m = Models.create(new ModelConfig(Family.LSTM, 0, 16, 1), repeat.vocabulary().size(), 1);
        var sequences = ExposureBias.sequences(repeat, 40, 6);
        assertThat(sequences).hasSize(6).allSatisfy(q -> assertThat(q).hasSize(41));
        ExposureBias.Average a = ExposureBias.average(m, sequences, 20, GREEDY);
        assertThat(a.windows()).isEqualTo(6);
        assertThat(a.teacherForced()).hasSize(21);
        // shares only grow: once a generation has left its reference it stays counted
        for (int t = 1; t < 21; t++) {
            assertThat(a.divergedShare()[t]).isGreaterThanOrEqualTo(a.divergedShare()[t - 1]);
        }
        assertThat(a.divergedShare()[20]).isPositive();
        // an image is one whole sequence of pixels, not shifted
        var digits = org.seqlab.engine.data.DigitsCorpus.tiny();
        var images = ExposureBias.sequences(digits, 196, 3);
        assertThat(images).hasSize(3).allSatisfy(q -> assertThat(q).hasSize(196));
    }

    /** Stepping B sequences together gives each the same result as stepping it alone. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = Family.class, names = {"RNN", "LSTM", "TRANSFORMER", "CONV1D"})
    void batchedEqualsOneAtATime(Family family) {
        ModelConfig c = family == Family.CONV1D ? ModelConfig.conv1d(12, 3, 2, true) : new ModelConfig(family, 0, 12, 1);
        SequenceModel m = Models.create(c, 5, 2);
        int[][] prefixes = {{0, 1, 2}, {4, 4, 3}, {2, 0, 1}};
        int[][] references = {{1, 2, 3, 4, 0, 1}, {0, 0, 1, 2, 3, 4}, {3, 3, 3, 2, 2, 2}};
        DecodingConfig sampling = DecodingConfig.of(Strategy.SAMPLE).withSeed(11);
        var all = ExposureBias.computeAll(m, prefixes, references, sampling, null, done -> { });
        for (int i = 0; i < 3; i++) {
            ExposureBias.Result one = ExposureBias.compute(m, prefixes[i], references[i], sampling.withSeed(11 + i), null);
            assertThat(all.get(i).generated()).isEqualTo(one.generated());
            assertThat(all.get(i).teacherForced()).containsExactly(one.teacherForced(), within(1e-5));
            assertThat(all.get(i).freeRunning()).containsExactly(one.freeRunning(), within(1e-5));
        }
    }
}
