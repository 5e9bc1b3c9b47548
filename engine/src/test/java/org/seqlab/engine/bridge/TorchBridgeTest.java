package org.seqlab.engine.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.Batch;
import org.seqlab.engine.data.ExactSource;
import org.seqlab.engine.data.catalog.DataSources;
import org.seqlab.engine.metrics.TextScore;
import org.seqlab.engine.model.Activation;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.Norm;
import org.seqlab.engine.model.Positional;
import org.seqlab.engine.train.ModelRun;
import org.seqlab.engine.train.OptimizerConfig;
import org.seqlab.engine.train.RunConfig;
import org.seqlab.engine.train.TrainConfig;
import org.seqlab.engine.train.TrainingSession;

/**
 * A SeqLab model written as a PyTorch program reproduces it: {@code run.py --score} gives SeqLab's bits per symbol
 * (as {@code seqlab score} computes them) within 1e-4, and one training step from the exported Adam state on the same
 * batch gives SeqLab's weights. Runs wherever a {@code python3} with PyTorch is found ({@code .ci/run} installs Debian's
 * {@code python3-torch}); elsewhere it is skipped, saying why.
 */
class TorchBridgeTest {

    @TempDir
    Path dir;

    static String python;

    @BeforeAll
    static void start() {
        Engine.start();
        python = Python.withTorch();
    }

    static Stream<Arguments> models() {
        ModelConfig t = new ModelConfig(Family.TRANSFORMER, 0, 16, 2, 2, 24, Positional.SINUSOIDAL);
        return Stream.of(
                Arguments.of("RNN, two layers", new ModelConfig(Family.RNN, 8, 16, 2)),
                Arguments.of("LSTM, two layers", new ModelConfig(Family.LSTM, 8, 16, 2)),
                Arguments.of("GRU", new ModelConfig(Family.GRU, 0, 16, 1)),
                Arguments.of("Transformer, sinusoidal", t),
                Arguments.of("Transformer, learned, post-LN", new ModelConfig(Family.TRANSFORMER, 0, 16, 2, 2, 24, Positional.LEARNED)
                        .withNorm(Norm.POST)),
                Arguments.of("Transformer, no positions, one key/value head", new ModelConfig(Family.TRANSFORMER, 0, 16, 1, 4, 24,
                        Positional.NONE).withKvHeads(1)),
                Arguments.of("Transformer, ALiBi", new ModelConfig(Family.TRANSFORMER, 0, 16, 1, 2, 24, Positional.ALIBI)),
                Arguments.of("Transformer, RoPE", new ModelConfig(Family.TRANSFORMER, 0, 16, 1, 2, 24, Positional.ROPE)),
                Arguments.of("causal conv, dilated", ModelConfig.conv1d(8, 3, 2, true)),
                Arguments.of("causal conv, three taps, undilated", ModelConfig.conv1d(8, 2, 3, false)),
                Arguments.of("Transformer, no biases (nanoGPT's bias=False)", new ModelConfig(Family.TRANSFORMER, 0, 16, 2, 2, 24,
                        Positional.LEARNED).withBias(false)),
                Arguments.of("Transformer, exact GELU", new ModelConfig(Family.TRANSFORMER, 0, 16, 1, 2, 24, Positional.LEARNED)
                        .withActivation(Activation.GELU)),
                Arguments.of("Transformer, tanh GELU", new ModelConfig(Family.TRANSFORMER, 0, 16, 1, 2, 24, Positional.LEARNED)
                        .withActivation(Activation.GELU_TANH)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void thePyTorchProgramScoresAndTrainsAsSeqLab(String name, ModelConfig config) throws Exception {
        assumeTrue(python != null, Python.WHY);
        OptimizerConfig opt = OptimizerConfig.defaults();
        TrainingSession session = new TrainingSession(DataSources.open("synthetic:reber"), new TrainConfig(8, 20, 3, 1000, 1),
                List.of(new RunConfig(config, opt)));
        for (int i = 0; i < 40; i++) {
            session.trainStep();
        }
        ModelRun run = session.runs().get(0);
        Path out = dir.resolve("torch");
        TorchExport.write(out, TorchExport.Source.of(run, session.data().vocabulary(), null));

        // the score: a text longer than the Transformer's context, so its sliding window is exercised too
        String text = String.join("", session.data().examples()).substring(0, 90);
        Files.writeString(dir.resolve("text.txt"), text);
        int[] ids = session.data().vocabulary().encode(text);
        double seqlab = -Arrays.stream(TextScore.of(run.model(), ids).bits()).average().orElseThrow();
        JsonObject score = Python.lastJson(Python.run(python, out, "--score", dir.resolve("text.txt").toString()));
        assertThat(score.get("symbols").getAsInt()).isEqualTo(ids.length - 1);
        assertThat(score.get("bits_per_symbol").getAsDouble()).as("bits per symbol").isCloseTo(seqlab,
                org.assertj.core.data.Offset.offset(1e-4));

        // one training step, from the exported Adam state, on one batch
        int[][] windows = new int[4][];
        for (int b = 0; b < windows.length; b++) {
            windows[b] = Arrays.copyOfRange(ids, 7 * b, 7 * b + 17);
        }
        Batch batch = Batch.ofWindows(windows);
        Files.writeString(dir.resolve("batch.json"), new Gson().toJson(Map.of("inputs", rows(batch.inputs(), 4), "targets",
                rows(batch.targets(), 4))));
        Python.run(python, out, "--step-on", dir.resolve("batch.json").toString(), "--save", dir.resolve("after.safetensors").toString());
        run.step(batch, session.stepsTaken());
        Map<String, float[]> torch = Python.read(dir.resolve("after.safetensors"));
        Map<String, float[]> mine = TorchExport.weights(run.model());
        // ‖w_PyTorch − w_SeqLab‖ / ‖w_SeqLab‖ over all the weights. Per tensor, the keys' bias (c_attn's k part) differs
        // more: its gradient is zero but for rounding (a bias on every key adds the same q·b to a query's scores, which the
        // softmax ignores), so Adam's steps on it follow float noise, in both programs differently
        double relative = Python.difference(mine, torch);
        System.out.printf("to-pytorch %s: bits per symbol %.6f (SeqLab) vs %.6f (PyTorch); after one step, weights within %.1e%n",
                name, seqlab, score.get("bits_per_symbol").getAsDouble(), relative);
        assertThat(relative).as("‖w_PyTorch − w_SeqLab‖ / ‖w_SeqLab‖ after one step").isLessThan(1e-5);
    }

    /**
     * A synthetic source travels as the machine it is (source.json): generate.py draws windows from its start state that
     * the grammar allows, and run.py --train trains on such fresh windows, as SeqLab does.
     */
    @Test
    void aSyntheticSourceTravelsAsItsMachine() throws Exception {
        assumeTrue(python != null, Python.WHY);
        var data = DataSources.open("synthetic:reber");
        TrainingSession session = new TrainingSession(data, new TrainConfig(8, 20, 3, 1000, 1),
                List.of(new RunConfig(new ModelConfig(Family.GRU, 0, 8, 1), OptimizerConfig.defaults())));
        session.trainStep();
        Path out = dir.resolve("torch");
        TorchExport.write(out, TorchExport.Source.of(session.runs().get(0), data));
        assertThat(out.resolve("source.json")).isNotEmptyFile();
        List<String> cmd = List.of(python, out.resolve("generate.py").toString(), "--windows", "20", "--length", "40");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> windows = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip().lines().toList();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(windows).hasSize(20).allSatisfy(w -> {
            assertThat(w).hasSize(40);
            // the exact probability of the window under the grammar, from its start state: never zero
            assertThat(((ExactSource) data).probability(data.vocabulary().encode(w))).as(w).isPositive();
        });
        assertThat(Python.run(python, out, "--train", "2", "--batch", "4", "--seq", "16")).contains("\"step\": 2");
    }

    /** A model over byte-pair tokens: run.py applies SeqLab's merges (merges.json) in their order and scores the same tokens. */
    @Test
    void aModelOverBytePairTokens() throws Exception {
        assumeTrue(python != null, Python.WHY);
        TrainingSession session = new TrainingSession(DataSources.open("names:bpe-60"), new TrainConfig(8, 20, 3, 1000, 1),
                List.of(new RunConfig(new ModelConfig(Family.LSTM, 8, 16, 1), OptimizerConfig.defaults())));
        for (int i = 0; i < 20; i++) {
            session.trainStep();
        }
        ModelRun run = session.runs().get(0);
        Path out = dir.resolve("torch");
        TorchExport.write(out, TorchExport.Source.of(run, session.data().vocabulary(), null));
        assertThat(out.resolve("merges.json")).isNotEmptyFile();
        String text = String.join("", session.data().examples());
        Files.writeString(dir.resolve("text.txt"), text);
        int[] ids = session.data().vocabulary().encode(text);
        assertThat(ids.length).as("merged tokens").isLessThan(text.length());
        double seqlab = -Arrays.stream(TextScore.of(run.model(), ids).bits()).average().orElseThrow();
        JsonObject score = Python.lastJson(Python.run(python, out, "--score", dir.resolve("text.txt").toString()));
        assertThat(score.get("symbols").getAsInt()).as("tokens scored").isEqualTo(ids.length - 1);
        assertThat(score.get("bits_per_symbol").getAsDouble()).as("bits per token").isCloseTo(seqlab, org.assertj.core.data.Offset.offset(1e-4));
    }

    static Stream<Arguments> imageModels() {
        return Stream.of(Arguments.of("PixelCNN", ModelConfig.pixelCnn(false, 6, 3, 5, 14, 14)),
                Arguments.of("gated PixelCNN", ModelConfig.pixelCnn(true, 6, 2, 3, 14, 14)),
                Arguments.of("MADE", ModelConfig.made(48, 14, 14)));
    }

    /** The image models: every pixel of a whole digit scored, and one step on two digits. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("imageModels")
    void theImageModelsToo(String name, ModelConfig config) throws Exception {
        assumeTrue(python != null, Python.WHY);
        TrainingSession session = new TrainingSession(DataSources.open("digits-14"), new TrainConfig(4, 196, 3, 1000, 1),
                List.of(new RunConfig(config, OptimizerConfig.defaults())));
        for (int i = 0; i < 15; i++) {
            session.trainStep();
        }
        ModelRun run = session.runs().get(0);
        Path out = dir.resolve("torch");
        TorchExport.write(out, TorchExport.Source.of(run, session.data().vocabulary(), null));
        Batch two = session.validation(run).get(0);
        int pixels = 196;
        int[] digit = Arrays.copyOfRange(two.inputs(), 0, pixels);
        Files.writeString(dir.resolve("digit.txt"), session.data().vocabulary().decode(digit));
        double seqlab = -Arrays.stream(TextScore.of(run.model(), digit).bits()).average().orElseThrow();
        JsonObject score = Python.lastJson(Python.run(python, out, "--score", dir.resolve("digit.txt").toString()));
        assertThat(score.get("symbols").getAsInt()).isEqualTo(pixels);
        assertThat(score.get("bits_per_symbol").getAsDouble()).as("bits per pixel").isCloseTo(seqlab,
                org.assertj.core.data.Offset.offset(1e-4));
        int[] both = Arrays.copyOfRange(two.inputs(), 0, 2 * pixels);
        Batch batch = new Batch(2, pixels, both, both);
        Files.writeString(dir.resolve("batch.json"), new Gson().toJson(Map.of("inputs", rows(both, 2), "targets", rows(both, 2))));
        Python.run(python, out, "--step-on", dir.resolve("batch.json").toString(), "--save", dir.resolve("after.safetensors").toString());
        run.step(batch, session.stepsTaken());
        double relative = Python.difference(TorchExport.weights(run.model()), Python.read(dir.resolve("after.safetensors")));
        System.out.printf("to-pytorch %s: bits per pixel %.6f (SeqLab) vs %.6f (PyTorch); after one step, weights within %.1e%n",
                name, seqlab, score.get("bits_per_symbol").getAsDouble(), relative);
        assertThat(relative).as("‖w_PyTorch − w_SeqLab‖ / ‖w_SeqLab‖ after one step").isLessThan(1e-5);
    }

    @Test
    void aFolderThatHoldsFilesIsRefused() throws Exception {
        Files.writeString(dir.resolve("keep.txt"), "mine");
        TrainingSession session = new TrainingSession(DataSources.open("synthetic:reber"), new TrainConfig(8, 20, 3, 1000, 1),
                List.of(new RunConfig(new ModelConfig(Family.LSTM, 0, 8, 1), OptimizerConfig.defaults())));
        assertThatThrownBy(() -> TorchExport.write(dir, TorchExport.Source.of(session.runs().get(0), session.data().vocabulary(), null)))
                .hasMessageContaining("not an empty folder");
        assertThat(Files.readString(dir.resolve("keep.txt"))).isEqualTo("mine");
    }

    @Test
    void theLabWritesEveryModelItCanIntoAFolderOfItsOwnAndNamesTheOthers() throws Exception {
        TrainingSession session = new TrainingSession(DataSources.open("synthetic:reber"), new TrainConfig(8, 20, 3, 1000, 1),
                List.of(new RunConfig(new ModelConfig(Family.LSTM, 0, 8, 1), OptimizerConfig.defaults()),
                        new RunConfig(ModelConfig.conv1d(8, 2, 2, true), OptimizerConfig.defaults())));
        session.trainStep();
        TorchExport.Written first = TorchExport.writeRuns(session, dir);
        assertThat(first.folders()).containsExactly(dir.resolve("A-lstm-pytorch"), dir.resolve("B-conv1d-pytorch"));
        assertThat(first.skipped()).isEmpty();
        assertThat(dir.resolve("A-lstm-pytorch/optimizer.safetensors")).isNotEmptyFile();
        assertThat(Files.readString(dir.resolve("A-lstm-pytorch/data.txt"))).hasSizeGreaterThan(1000).matches("[BTPSXVE]+");
        // again: a new folder beside the first, which stays as it was
        assertThat(TorchExport.writeRuns(session, dir).folders()).containsExactly(dir.resolve("A-lstm-pytorch-2"),
                dir.resolve("B-conv1d-pytorch-2"));
    }

    private static int[][] rows(int[] flat, int n) {
        int t = flat.length / n;
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) {
            out[i] = Arrays.copyOfRange(flat, i * t, (i + 1) * t);
        }
        return out;
    }

}
