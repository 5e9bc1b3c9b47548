package org.seqlab.engine.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.engine.Engine;
import org.seqlab.engine.metrics.TextScore;
import org.seqlab.engine.model.Activation;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.build.ModelFile;
import org.seqlab.engine.train.ModelRun;
import org.seqlab.engine.train.OptimizerConfig;
import org.seqlab.engine.train.RunConfig;
import org.seqlab.engine.train.TrainConfig;
import org.seqlab.engine.train.TrainingSession;
import org.seqlab.engine.data.catalog.DataSources;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.Norm;
import org.seqlab.engine.model.Positional;

/**
 * PyTorch checkpoints become SeqLab models that score as PyTorch does: checkpoints written by a small PyTorch script
 * ({@code checkpoints.py}, beside this test) in both conventions — makemore's recurrent char models with their module
 * names as a learner picks them, nanoGPT's GPT with and without biases, tied or not — give SeqLab's bits per symbol
 * within 1e-4 of PyTorch's; and a model SeqLab wrote comes back with the weights it had.
 */
class TorchImportTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        Engine.start();
    }

    @Test
    void checkpointsWrittenByPyTorchScoreAsInPyTorch() throws Exception {
        String python = Python.withTorch();
        assumeTrue(python != null, Python.WHY);
        Path script = Path.of(getClass().getResource("checkpoints.py").toURI());
        Process p = new ProcessBuilder(python, script.toString(), dir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        List<String> lines = Files.readAllLines(dir.resolve("expected.jsonl"));
        assertThat(lines).hasSize(7);
        for (String line : lines) {
            JsonObject e = new Gson().fromJson(line, JsonObject.class);
            String name = e.get("name").getAsString();
            ModelFile.Loaded m = TorchImport.load(dir.resolve(name + ".safetensors"));
            int[] ids = m.vocabulary().encode(e.get("text").getAsString());
            double seqlab = -Arrays.stream(TextScore.of(m.model(), ids).bits()).average().orElseThrow();
            System.out.printf("import %s (%s): %.6f bits per symbol in SeqLab, %.6f in PyTorch%n", name, m.header().config().describe(),
                    seqlab, e.get("bits_per_symbol").getAsDouble());
            assertThat(seqlab).as(name).isCloseTo(e.get("bits_per_symbol").getAsDouble(), within(1e-4));
        }
        assertThat(TorchImport.load(dir.resolve("lstm-two-layers.safetensors")).header().config().family()).isEqualTo(Family.LSTM);
        assertThat(TorchImport.load(dir.resolve("gru.safetensors")).header().config().layers()).isEqualTo(1);
        // nanoGPT's bias=False: no biases at all, so none appear while SeqLab trains it on
        assertThat(TorchImport.load(dir.resolve("nanogpt-gelu.safetensors")).header().config().biased()).isFalse();
        assertThat(TorchImport.load(dir.resolve("nanogpt-gelu.safetensors")).model().parameters().tensors())
                .noneMatch(t -> t.name().endsWith(".b") || t.name().endsWith(".beta"));
        assertThat(TorchImport.load(dir.resolve("gpt-biases.safetensors")).header().config().biased()).isTrue();
    }

    /** SeqLab → PyTorch → SeqLab: a model written by to-pytorch reads back with every weight it had (Transformer: learned positions). */
    @Test
    void aModelSeqLabWroteComesBackAsItWas() throws Exception {
        for (ModelConfig c : List.of(new ModelConfig(Family.RNN, 8, 16, 2), new ModelConfig(Family.LSTM, 8, 16, 2),
                new ModelConfig(Family.GRU, 0, 8, 1), new ModelConfig(Family.TRANSFORMER, 0, 16, 2, 2, 24, Positional.LEARNED),
                new ModelConfig(Family.TRANSFORMER, 0, 16, 1, 4, 24, Positional.SINUSOIDAL).withKvHeads(2).withNorm(Norm.POST),
                new ModelConfig(Family.TRANSFORMER, 0, 16, 1, 2, 24, Positional.ROPE).withActivation(Activation.GELU_TANH),
                new ModelConfig(Family.TRANSFORMER, 0, 16, 2, 2, 24, Positional.LEARNED).withBias(false))) {
            TrainingSession s = new TrainingSession(DataSources.open("synthetic:reber"), new TrainConfig(8, 20, 3, 1000, 1),
                    List.of(new RunConfig(c, OptimizerConfig.defaults())));
            s.trainStep();
            ModelRun run = s.runs().get(0);
            Path out = Files.createTempDirectory(dir, c.family().id());
            TorchExport.write(out, TorchExport.Source.of(run, s.data().vocabulary(), null));
            ModelFile.Loaded back = TorchImport.load(out.resolve("weights.safetensors"));
            assertThat(back.header().config()).isEqualTo(run.model().spec().config());
            assertThat(back.model().parameters().toArray()).as(c.describe()).containsExactly(Arrays.stream(run.model().parameters().toArray())
                    .map(x -> (float) x).toArray(), within(0.0));
        }
    }
}
