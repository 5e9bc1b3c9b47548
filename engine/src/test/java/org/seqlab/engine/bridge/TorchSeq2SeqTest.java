package org.seqlab.engine.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.tasks.Pair;
import org.seqlab.engine.data.tasks.PairBatch;
import org.seqlab.engine.data.tasks.Task;
import org.seqlab.engine.data.tasks.TaskData;
import org.seqlab.engine.model.seq2seq.Attention;
import org.seqlab.engine.model.seq2seq.Seq2SeqConfig;
import org.seqlab.engine.seq2seq.Seq2SeqExperiment;
import org.seqlab.engine.seq2seq.Seq2SeqRun;
import org.seqlab.engine.seq2seq.Seq2SeqTrainer;
import org.seqlab.engine.seq2seq.Translator;
import org.seqlab.engine.train.OptimizerConfig;

/**
 * The encoder–decoders written as PyTorch programs reproduce SeqLab's: {@code run.py --score} gives the bits per
 * target symbol SeqLab's {@code score} gives (end of output included) within 1e-4, and one step from the exported Adam
 * state on a batch of pairs gives SeqLab's weights.
 */
class TorchSeq2SeqTest {

    @TempDir
    Path dir;

    static String python;

    @BeforeAll
    static void start() {
        Engine.start();
        python = Python.withTorch();
    }

    static Stream<Arguments> kinds() {
        return Stream.of(Arguments.of(new Seq2SeqConfig(Seq2SeqConfig.Kind.GRU, null, 8, 16)),
                Arguments.of(new Seq2SeqConfig(Seq2SeqConfig.Kind.LSTM, null, 8, 16)),
                Arguments.of(new Seq2SeqConfig(Seq2SeqConfig.Kind.ATTENTION, Attention.Score.ADDITIVE, 8, 16)),
                Arguments.of(new Seq2SeqConfig(Seq2SeqConfig.Kind.ATTENTION, Attention.Score.DOT, 8, 16)),
                Arguments.of(new Seq2SeqConfig(Seq2SeqConfig.Kind.TRANSFORMER, null, 16, 16)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void thePyTorchProgramScoresAndTrainsAsSeqLab(Seq2SeqConfig config) throws Exception {
        assumeTrue(python != null, Python.WHY);
        TaskData data = TaskData.generate(Task.parse("task:reverse"), 3);
        Seq2SeqRun run = new Seq2SeqRun(data, config, OptimizerConfig.defaults(), 16, 5);
        for (int i = 0; i < 30; i++) {
            run.trainStep();
        }
        double[] state = run.optimizerState().toDoubleVector();
        int n = state.length / 2;
        Path out = dir.resolve("torch");
        TorchSeq2SeqExport.write(out, new TorchSeq2SeqExport.Source(run.model(), run.vocab(), OptimizerConfig.defaults(),
                new TorchExport.AdamState(Arrays.copyOfRange(state, 0, n), Arrays.copyOfRange(state, n, 2 * n), run.step()),
                data.split("train")));

        List<Pair> pairs = data.split("validation").subList(0, 6);
        Translator t = new Translator(run.model(), data.task());
        double bits = 0;
        int symbols = 0;
        for (Pair p : pairs) {
            double[] b = t.score(p.source(), p.target());
            bits -= Arrays.stream(b).sum();
            symbols += b.length;
        }
        Files.writeString(dir.resolve("pairs.tsv"), pairs.stream().map(p -> p.source() + "\t" + p.target()).collect(Collectors.joining("\n")));
        JsonObject score = Python.lastJson(Python.run(python, out, "--score", dir.resolve("pairs.tsv").toString()));
        assertThat(score.get("symbols").getAsInt()).isEqualTo(symbols);
        assertThat(score.get("bits_per_symbol").getAsDouble()).as("bits per target symbol").isCloseTo(bits / symbols, within(1e-4));

        // one step on four pairs whose sources share a length
        int length = pairs.get(0).source().length();
        List<Pair> four = new ArrayList<>(data.split("train").stream().filter(p -> p.source().length() == length).limit(4).toList());
        PairBatch b = PairBatch.of(four, run.vocab());
        Files.writeString(dir.resolve("batch.json"), new Gson().toJson(Map.of("source", rows(b.source(), b.size(), b.sourceSteps()),
                "target_in", rows(b.targetIn(), b.size(), b.targetSteps()), "targets", rows(b.targets(), b.size(), b.targetSteps()))));
        Python.run(python, out, "--step-on", dir.resolve("batch.json").toString(), "--save", dir.resolve("after.safetensors").toString());
        run.trainStep(b);
        var layout = config.kind() == Seq2SeqConfig.Kind.TRANSFORMER ? TorchLayouts.seq2seqTransformer(config, run.vocab().size())
                : TorchLayouts.seq2seq(config, run.vocab().size());
        var reader = TorchExport.reader(run.model().parameters(), run.model().parameters().toArray());
        Map<String, float[]> mine = new LinkedHashMap<>();
        layout.forEach(e -> mine.put(e.name(), e.make().apply(reader)));
        double relative = Python.difference(mine, Python.read(dir.resolve("after.safetensors")));
        System.out.printf("to-pytorch %s: bits per target symbol %.6f (SeqLab) vs %.6f (PyTorch); after one step, weights within %.1e%n",
                config.describe(), bits / symbols, score.get("bits_per_symbol").getAsDouble(), relative);
        assertThat(relative).as("‖w_PyTorch − w_SeqLab‖ / ‖w_SeqLab‖ after one step").isLessThan(1e-5);
    }

    /** Time-major [T·B] → B rows of T. */
    private static int[][] rows(int[] timeMajor, int batch, int steps) {
        int[][] out = new int[batch][steps];
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < batch; i++) {
                out[i][t] = timeMajor[t * batch + i];
            }
        }
        return out;
    }

    /** The encoder–decoder lab writes every model of its experiment, each into a folder of its own, with Adam's state. */
    @Test
    void theEncoderDecoderLabWritesEveryModel() throws Exception {
        var spec = new Seq2SeqExperiment.Spec(Task.REVERSE, List.of(new Seq2SeqConfig(Seq2SeqConfig.Kind.GRU, null, 8, 8),
                new Seq2SeqConfig(Seq2SeqConfig.Kind.TRANSFORMER, null, 8, 8)), 8, 5, 3e-3, 400);
        try (var session = new Seq2SeqTrainer()) {
            session.setUp(spec).get(2, TimeUnit.MINUTES);
            session.train(3);
            session.whenMeasured(3).get(2, TimeUnit.MINUTES);
            var s = session.toPyTorch(dir).get(2, TimeUnit.MINUTES);
            assertThat(s.message()).startsWith("Wrote A-seq2seq-gru-pytorch, B-seq2seq-transformer-pytorch in ");
        }
        assertThat(dir.resolve("A-seq2seq-gru-pytorch/optimizer.safetensors")).isNotEmptyFile();
        assertThat(dir.resolve("B-seq2seq-transformer-pytorch/model.py")).content().contains("class DecoderBlock");
        assertThat(dir.resolve("A-seq2seq-gru-pytorch/config.json")).content().contains("\"steps\": 3");
    }
}
