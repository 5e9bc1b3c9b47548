package org.seqlab.engine.seq2seq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.seqlab.engine.Engine;
import org.seqlab.engine.io.DataException;
import org.seqlab.engine.model.seq2seq.Attention;
import org.seqlab.engine.model.seq2seq.Seq2SeqConfig;
import org.seqlab.engine.model.seq2seq.Seq2SeqModel;
import org.seqlab.engine.train.OptimizerConfig;

/** The tasks' exact references and splits, and an encoder–decoder that learns, decodes consistently and saves. */
@Tag("slow")
class Seq2SeqTest {

    @BeforeAll
    static void start() {
        Engine.start();
    }

    @Test
    void referencesAreExact() {
        assertThat(Task.REVERSE.reference("abcz")).isEqualTo("zcba");
        assertThat(Task.SORT.reference("dbca")).isEqualTo("abcd");
        assertThat(Task.COPY.reference("qq")).isEqualTo("qq");
        assertThat(List.of(0, 13, 21, 40, 100, 105, 999, 1000, 2021, 70_000, 999_999).stream().map(NumberWords::of).toList()).containsExactly(
                "zero", "thirteen", "twenty-one", "forty", "one hundred", "one hundred five", "nine hundred ninety-nine", "one thousand",
                "two thousand twenty-one", "seventy thousand", "nine hundred ninety-nine thousand nine hundred ninety-nine");
        LocalDate d = LocalDate.of(1999, 11, 3);
        for (int form = 0; form < Task.Dates.FORMS; form++) {
            String s = Task.Dates.format(d, form);
            assertThat(Task.DATES.reference(s)).as(s).isEqualTo("1999-11-03");
            assertThat(Task.DATES.alphabet().chars().boxed().toList()).as(s).containsAll(s.chars().boxed().toList());
        }
        assertThat(Task.Dates.format(d, 0)).isEqualTo("Nov 3, 1999");
        assertThat(Task.Dates.format(d, 1)).isEqualTo("3 November 1999");
        assertThat(Task.Dates.format(d, 5)).isEqualTo("Wednesday, November 3, 1999");
        assertThatThrownBy(() -> Task.parse("task:translate")).hasMessageContaining("task:reverse");
    }

    @Test
    void splitsAreSeededHeldOutAndTheLongSplitIsLonger() {
        for (Task task : Task.values()) {
            TaskData a = TaskData.generate(task, 3, 2000, 100);
            assertThat(TaskData.generate(task, 3, 2000, 100)).as("the same seed, the same data").isEqualTo(a);
            assertThat(a.train()).hasSize(2000);
            assertThat(a.validation()).hasSize(100);
            Set<String> trained = new HashSet<>();
            a.train().forEach(p -> trained.add(p.source()));
            int longestTrained = a.train().stream().mapToInt(p -> p.source().length()).max().orElseThrow();
            for (Pair p : a.validation()) {
                assertThat(p.target()).isEqualTo(task.reference(p.source()));
                assertThat(trained).as(task + ": held out").doesNotContain(p.source());
            }
            assertThat(a.test()).allSatisfy(p -> assertThat(trained).as(task + ": held out").doesNotContain(p.source()));
            assertThat(a.longer()).allSatisfy(p -> assertThat(p.source().length()).as(task + " long split").isGreaterThan(longestTrained));
            assertThat(a.train()).allSatisfy(p -> Seq2SeqVocab.of(task).encode(p.source() + p.target()));
        }
    }

    /** Each split measures what its name says: numbers of every length held out, dates of every form trained on. */
    @Test
    void heldOutNumbersHaveEveryLengthAndDatesTrainOnEveryForm() {
        TaskData numbers = TaskData.generate(Task.NUMBERS, 1);
        java.util.Map<Integer, Long> byDigits = numbers.validation().stream()
                .collect(java.util.stream.Collectors.groupingBy(p -> p.source().length(), java.util.stream.Collectors.counting()));
        assertThat(byDigits.keySet()).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
        assertThat(byDigits.get(3) + byDigits.get(2) + byDigits.get(1)).as("under four digits").isGreaterThanOrEqualTo(100);
        assertThat(numbers.train().stream().filter(p -> p.source().length() == 1).map(Pair::source).distinct().count())
                .as("most one-digit numbers still train").isGreaterThanOrEqualTo(8);

        TaskData dates = TaskData.generate(Task.DATES, 1);
        Set<String> trainedForms = new HashSet<>();
        dates.train().forEach(p -> trainedForms.add(Task.DATES.form(p.source())));
        assertThat(trainedForms).hasSize(7).doesNotContain("other");
        Set<String> longForms = new HashSet<>();
        dates.longer().forEach(p -> longForms.add(Task.DATES.form(p.source())));
        assertThat(trainedForms).as("the long split's forms were all trained on").containsAll(longForms);

        assertThatThrownBy(() -> Task.DATES.reference("31.2.2000")).hasMessage(
                "'31.2.2000' is not a date the dates task writes (1950 to 2049, in forms like 'Nov 3, 1999', '3 November 1999' or '3.11.1999')");
        assertThatThrownBy(() -> Task.DATES.reference("a  b c")).hasMessageContaining("is not a date the dates task writes");
        assertThatThrownBy(() -> Task.NUMBERS.reference("99999999999")).hasMessageContaining("from 0 to 999,999");
    }

    @Test
    void aBatchIsTeacherForcedAndRefusesSourcesThatPaddingWouldChange() {
        Seq2SeqVocab v = new Seq2SeqVocab("ab");
        PairBatch b = PairBatch.of(List.of(new Pair("ab", "ba"), new Pair("bb", "b")), v);
        int a = v.id('a');
        int bb = v.id('b');
        assertThat(b.source()).containsExactly(a, bb, bb, bb);              // time-major: step 0, then step 1
        assertThat(b.targetIn()).containsExactly(Seq2SeqVocab.BOS, Seq2SeqVocab.BOS, bb, bb, a, Seq2SeqVocab.PAD);
        assertThat(b.targets()).containsExactly(bb, bb, a, Seq2SeqVocab.EOS, Seq2SeqVocab.EOS, -1);
        assertThat(b.targetTokens()).isEqualTo(5);
        assertThatThrownBy(() -> PairBatch.of(List.of(new Pair("ab", "ba"), new Pair("b", "b")), v))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sources of 2 and 1 symbols cannot share a batch");
    }

    /** Targets of different lengths share a batch exactly: each pair's losses and gradient are those it has alone (double precision). */
    @Test
    void paddedTargetsGiveEachPairExactlyItsOwnLossAndGradient() {
        Seq2SeqVocab vocab = new Seq2SeqVocab("abcd");
        List<Pair> pairs = List.of(new Pair("abc", "acbaadb"), new Pair("ddb", "d"), new Pair("cbd", "db"));
        for (Seq2SeqConfig c : List.of(new Seq2SeqConfig(Seq2SeqConfig.Kind.GRU, null, 3, 5), new Seq2SeqConfig(Seq2SeqConfig.Kind.LSTM, null, 3, 5),
                new Seq2SeqConfig(Seq2SeqConfig.Kind.ATTENTION, Attention.Score.ADDITIVE, 3, 5), new Seq2SeqConfig(Seq2SeqConfig.Kind.TRANSFORMER, null, 4, 8))) {
            Seq2SeqModel m = Seq2SeqModel.create(c, vocab.size(), DataType.DOUBLE, 3);
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
            Seq2SeqModel m = Seq2SeqModel.create(c, Seq2SeqVocab.of(Task.NUMBERS).size(), DataType.FLOAT, 1);
            assertThat(Seq2SeqFile.parameters(c, Seq2SeqVocab.of(Task.NUMBERS).size())).as(c.describe()).isEqualTo(m.parameters().size());
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
            Seq2SeqModel m = Seq2SeqModel.create(c, vocab.size(), DataType.DOUBLE, 4);
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
