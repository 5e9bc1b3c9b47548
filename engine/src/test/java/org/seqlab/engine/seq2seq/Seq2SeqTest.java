package org.seqlab.engine.seq2seq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.tasks.Pair;
import org.seqlab.engine.data.tasks.PairBatch;
import org.seqlab.engine.data.tasks.Seq2SeqVocab;
import org.seqlab.engine.data.tasks.Task;
import org.seqlab.engine.data.tasks.TaskData;
import org.seqlab.engine.io.DataException;
import org.seqlab.engine.model.seq2seq.Attention;
import org.seqlab.engine.model.seq2seq.Seq2SeqConfig;
import org.seqlab.engine.model.seq2seq.Seq2SeqModel;
import org.seqlab.engine.model.seq2seq.Seq2SeqModels;
import org.seqlab.engine.train.OptimizerConfig;

/** The tasks' exact references and splits, and an encoder–decoder that learns, decodes consistently and saves. */
@Tag("slow")
class Seq2SeqTest {

    @BeforeAll
    static void start() {
        Engine.start();
    }

    @Test
    void paddedTargetsGiveEachPairExactlyItsOwnLossAndGradient() {
        Seq2SeqVocab vocab = new Seq2SeqVocab("abcd");
        List<Pair> pairs = List.of(new Pair("abc", "acbaadb"), new Pair("ddb", "d"), new Pair("cbd", "db"));
        for (Seq2SeqConfig c : List.of(new Seq2SeqConfig(Seq2SeqConfig.Kind.GRU, null, 3, 5), new Seq2SeqConfig(Seq2SeqConfig.Kind.LSTM, null, 3, 5),
                new Seq2SeqConfig(Seq2SeqConfig.Kind.ATTENTION, Attention.Score.ADDITIVE, 3, 5), new Seq2SeqConfig(Seq2SeqConfig.Kind.TRANSFORMER, null, 4, 8))) {
            Seq2SeqModel m = Seq2SeqModels.create(c, vocab.size(), DataType.DOUBLE, 3);
            PairBatch all = PairBatch.of(pairs, vocab);
            m.forward(all.source(), all.sourceLengths(), all.sourceSteps(), all.targetIn(), all.targets(), all.targetSteps(), all.size());
            double[] rows = m.lastRowLosses().clone();
            m.backward();
            org.nd4j.linalg.api.ndarray.INDArray together = m.parameters().flatGradient().dup();
            org.nd4j.linalg.api.ndarray.INDArray sum = together.like();
            for (int i = 0; i < pairs.size(); i++) {
                PairBatch one = PairBatch.of(List.of(pairs.get(i)), vocab);
                m.forward(one.source(), one.sourceLengths(), one.sourceSteps(), one.targetIn(), one.targets(), one.targetSteps(), 1);
                double[] own = m.lastRowLosses();
                for (int t = 0; t < own.length; t++) {
                    assertThat(rows[t * pairs.size() + i]).as("%s, pair %d, step %d", c.describe(), i, t).isCloseTo(own[t], within(1e-12));
                }
                m.backward();
                sum.addi(m.parameters().flatGradient().mul(one.targetTokens()));
            }
            sum.divi(all.targetTokens());
            assertThat(sum.sub(together).norm2Number().doubleValue()).as(c.describe()).isLessThan(1e-12 * together.norm2Number().doubleValue() + 1e-15);
        }
    }

    /** Overfit: with attention, reversing a few hundred strings of up to 20 letters is learned almost exactly. */
    @Test
    void anAttentiveEncoderDecoderLearnsToReverse() {
        TaskData data = TaskData.generate(Task.REVERSE, 5, 20_000, 200);
        Seq2SeqRun run = new Seq2SeqRun(data, new Seq2SeqConfig(Seq2SeqConfig.Kind.ATTENTION, Attention.Score.DOT, 32, 64),
                OptimizerConfig.defaults().withLearningRate(3e-3), 32, 5);
        double first = run.trainStep();
        for (int i = 0; i < 800; i++) {
            run.trainStep();
        }
        Seq2SeqRun.Evaluation v = run.evaluate(data.validation());
        assertThat(v.bits()).isLessThan(first / Math.log(2) / 5);
        assertThat(v.exactMatch()).isGreaterThan(0.5);
        assertThat(v.bleu().score()).isGreaterThan(0.8);

        // decoding does not depend on the company a source keeps; a beam holds greedy's output or ranks above it
        List<String> sources = data.validation().stream().limit(12).map(Pair::source).toList();
        List<Translator.Decoded> together = run.greedy(sources);
        Translator translator = new Translator(run.model(), Task.REVERSE);
        for (int i = 0; i < sources.size(); i++) {
            String greedy = together.get(i).text();
            assertThat(run.greedy(List.of(sources.get(i))).get(0).text()).isEqualTo(greedy);
            assertThat(run.beam(sources.get(i), 1)).extracting(Translator.Hypothesis::text).contains(greedy);
            double greedyPerSymbol = java.util.Arrays.stream(translator.score(sources.get(i), greedy)).sum() * Math.log(2) / (greedy.length() + 1);
            for (int width : new int[] {1, 4}) {
                Translator.Hypothesis best = run.beam(sources.get(i), width).get(0);
                assertThat(best.perSymbol()).as("width %d on %s", width, sources.get(i)).isGreaterThanOrEqualTo(greedyPerSymbol - 1e-6);
                double own = java.util.Arrays.stream(translator.score(sources.get(i), best.text())).sum() * Math.log(2);
                assertThat(best.logProb()).as("the beam's score is its output's").isCloseTo(own, within(1e-4));
            }
            for (double[] row : together.get(i).weights()) {
                assertThat(row).hasSize(sources.get(i).length());
                assertThat(java.util.Arrays.stream(row).sum()).isCloseTo(1.0, within(1e-9));
            }
        }
        List<Translator.Hypothesis> beam = run.beam(sources.get(0), 4);
        assertThat(beam).isNotEmpty().isSortedAccordingTo((x, y) -> Double.compare(y.perSymbol(), x.perSymbol()));
    }

    /**
     * A Transformer encoder–decoder saved by SeqLab before its attention became the decoder-only Transformer's layer
     * (format 1, separate W_q, W_k, W_v; written by commit 114efbb after 150 steps on the numbers task) opens with its
     * projections fused and computes what it computed then: the loss of a fixed batch and its greedy outputs, as that
     * commit printed them.
     */
    @Test
    void aTransformerSavedInFormatOneOpensToWhatItComputedThen() throws Exception {
        Path file = Path.of(getClass().getResource("/seq2seq/numbers-transformer-v1.seq2seq").toURI());
        Seq2SeqFile.Loaded loaded = Seq2SeqFile.load(file);
        assertThat(loaded.header().version()).isEqualTo(1);
        Seq2SeqModel m = loaded.model();
        PairBatch b = PairBatch.of(List.of(new Pair("12", "twelve"), new Pair("45", "forty-five")), Seq2SeqVocab.of(Task.NUMBERS));
        double loss = m.forward(b.source(), b.sourceLengths(), b.sourceSteps(), b.targetIn(), b.targets(), b.targetSteps(), b.size());
        assertThat(loss).isCloseTo(2.0334787704820623, within(1e-5));
        Seq2SeqRun run = new Seq2SeqRun(TaskData.generate(Task.NUMBERS, 2, 500, 20), m, OptimizerConfig.defaults(), 8, 2);
        assertThat(run.greedy(List.of("45")).get(0).text())
                .isEqualTo("twonenty-fenty-fenty-fenty-fonty-fonty-nnennnnnentwonentonntwonntwontwonee");
    }

    @Test
    void aSavedModelLoadsToTheSameOutputsAndADamagedOneIsRefused(@TempDir Path dir) throws Exception {
        TaskData data = TaskData.generate(Task.NUMBERS, 2, 500, 20);
        for (Seq2SeqConfig c : List.of(new Seq2SeqConfig(Seq2SeqConfig.Kind.GRU, null, 8, 12),
                new Seq2SeqConfig(Seq2SeqConfig.Kind.LSTM, null, 6, 9),
                new Seq2SeqConfig(Seq2SeqConfig.Kind.ATTENTION, Attention.Score.ADDITIVE, 8, 12),
                new Seq2SeqConfig(Seq2SeqConfig.Kind.ATTENTION, Attention.Score.DOT, 5, 7),
                new Seq2SeqConfig(Seq2SeqConfig.Kind.TRANSFORMER, null, 5, 8))) {
            Seq2SeqModel m = Seq2SeqModels.create(c, Seq2SeqVocab.of(Task.NUMBERS).size(), DataType.FLOAT, 1);
            assertThat(Seq2SeqSize.parameters(c, Seq2SeqVocab.of(Task.NUMBERS).size())).as(c.describe()).isEqualTo(m.parameters().size());
        }
        Seq2SeqRun run = new Seq2SeqRun(data, new Seq2SeqConfig(Seq2SeqConfig.Kind.ATTENTION, Attention.Score.ADDITIVE, 8, 12),
                OptimizerConfig.defaults(), 8, 2);
        for (int i = 0; i < 20; i++) {
            run.trainStep();
        }
        Path file = dir.resolve("n.seq2seq");
        Seq2SeqFile.save(file, run);
        assertThat(Seq2SeqFile.holdsOne(file)).isTrue();
        Seq2SeqFile.Loaded loaded = Seq2SeqFile.load(file);
        assertThat(loaded.task()).isEqualTo(Task.NUMBERS);
        assertThat(loaded.header().steps()).isEqualTo(20);
        Seq2SeqRun again = new Seq2SeqRun(data, loaded.model(), OptimizerConfig.defaults(), 8, 2);
        List<String> sources = List.of("7", "2021", "45");
        assertThat(again.greedy(sources)).extracting(Translator.Decoded::text)
                .containsExactlyElementsOf(run.greedy(sources).stream().map(Translator.Decoded::text).toList());

        byte[] bytes = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.seq2seq");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> Seq2SeqFile.load(cut)).isInstanceOf(DataException.class);
        Path text = dir.resolve("text.seq2seq");
        Files.writeString(text, "not a model");
        assertThatThrownBy(() -> Seq2SeqFile.load(text)).isInstanceOf(DataException.class).hasMessageContaining("text.seq2seq");
    }

    /**
     * Causality and consistency, for every kind: a prediction never depends on later target symbols, and decoding
     * step by step gives exactly the symbols the teacher-forced pass ranks first when fed its own output.
     */
    @Test
    void theDecoderSeesOnlyThePastAndStepsAgreeWithTheTeacherForcedPass() {
        Seq2SeqVocab vocab = Seq2SeqVocab.of(Task.REVERSE);
        for (Seq2SeqConfig c : List.of(new Seq2SeqConfig(Seq2SeqConfig.Kind.GRU, null, 8, 12),
                new Seq2SeqConfig(Seq2SeqConfig.Kind.LSTM, null, 8, 12),
                new Seq2SeqConfig(Seq2SeqConfig.Kind.ATTENTION, Attention.Score.ADDITIVE, 8, 12),
                new Seq2SeqConfig(Seq2SeqConfig.Kind.TRANSFORMER, null, 8, 12))) {
            Seq2SeqModel m = Seq2SeqModels.create(c, vocab.size(), DataType.DOUBLE, 4);
            PairBatch a = PairBatch.of(List.of(new Pair("abcdef", "fedcba"), new Pair("ghijkl", "lkjihg")), vocab);
            PairBatch b = PairBatch.of(List.of(new Pair("abcdef", "fedxyz"), new Pair("ghijkl", "lkjqqq")), vocab);
            m.forward(a.source(), a.sourceLengths(), a.sourceSteps(), a.targetIn(), a.targets(), a.targetSteps(), 2);
            double[] before = m.lastRowLosses();
            m.forward(b.source(), b.sourceLengths(), b.sourceSteps(), b.targetIn(), b.targets(), b.targetSteps(), 2);
            double[] after = m.lastRowLosses();
            for (int row = 0; row < 3 * 2; row++) {   // steps 0–2 read ⟨s⟩ and the first two symbols, the same in both
                assertThat(after[row]).as(c.describe() + " row " + row).isEqualTo(before[row]);
            }
            assertThat(after[3 * 2]).as(c.describe() + ": step 3 reads a changed symbol").isNotEqualTo(before[3 * 2]);

            Translator tr = new Translator(m, Task.REVERSE);
            String out = tr.greedy(List.of("abcdef")).get(0).text();
            PairBatch own = PairBatch.of(List.of(new Pair("abcdef", out)), vocab);
            m.forward(own.source(), own.sourceLengths(), own.sourceSteps(), own.targetIn(), own.targets(), own.targetSteps(), 1);
            int[] best = m.lastPredictions();
            int[] expected = java.util.Arrays.copyOf(vocab.encode(out), out.length() + 1);
            if (out.length() < Task.REVERSE.maxOutput(6)) {
                expected[out.length()] = Seq2SeqVocab.EOS;
                assertThat(best).as(c.describe() + ": greedy " + out).containsExactly(expected);
            } else {
                assertThat(java.util.Arrays.copyOf(best, out.length())).as(c.describe()).containsExactly(vocab.encode(out));
            }
        }
    }
}
