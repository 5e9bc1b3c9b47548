package org.seqlab.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.tasks.Task;
import org.seqlab.engine.model.seq2seq.Seq2SeqConfig;
import org.seqlab.engine.seq2seq.ExperimentFile;
import org.seqlab.engine.seq2seq.Seq2SeqExperiment;

/** {@code seqlab to-pytorch} as a user runs it: from a saved model to a folder that PyTorch runs, and its refusals. */
class ToPyTorchCommandTest {

    @TempDir
    Path dir;

    /** A GRU trained 40 steps on the Reber grammar, saved, and written out into {@code torch/}. */
    private Path written(Path model) {
        CommandLineTest.Result train = CommandLineTest.run("train", "--data", "synthetic:reber", "--model", "gru", "--hidden", "16",
                "--steps", "40", "--seq", "24", "--batch", "16", "--save", model.toString());
        assertThat(train.code()).as(train.err()).isZero();
        Path out = dir.resolve("torch");
        CommandLineTest.Result written = CommandLineTest.run("to-pytorch", "--load", model.toString(), "--out", out.toString());
        assertThat(written.code()).as(written.err()).isZero();
        return out;
    }

    @Test
    void aSavedModelBecomesAFolderOfPyTorchFiles() throws Exception {
        Path model = dir.resolve("reber.seqlab");
        Path out = written(model);
        for (String f : List.of("model.py", "run.py", "weights.safetensors", "vocab.json", "config.json", "data.txt", "README.md")) {
            assertThat(out.resolve(f)).as(f).isNotEmptyFile();
        }
        assertThat(Files.readString(out.resolve("model.py"))).contains("nn.GRU");
        assertThat(Files.readString(out.resolve("README.md"))).contains("GRU 1×16").contains("starts Adam afresh");

        // a folder that holds anything is refused, and keeps what it held
        CommandLineTest.Result again = CommandLineTest.run("to-pytorch", "--load", model.toString(), "--out", out.toString());
        assertThat(again.code()).isNotZero();
        assertThat(again.err()).contains("not an empty folder");
        assertThat(out.resolve("model.py")).isNotEmptyFile();
    }

    @Test
    void itsRunPyScoresATextAsSeqLabScoreDoes() throws Exception {
        String python = python();
        assumeTrue(python != null, "no python3 here can import torch (Debian: apt-get install python3-torch; .ci/run installs it)");
        Path model = dir.resolve("reber.seqlab");
        Path out = written(model);
        String text = "BTSSXXTTVPSEBPTVPXTTVPSE";
        Files.writeString(dir.resolve("text.txt"), text);
        Process p = new ProcessBuilder(python, out.resolve("run.py").toString(), "--score", dir.resolve("text.txt").toString())
                .redirectErrorStream(true).start();
        String py = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(py).isZero();
        CommandLineTest.Result score = CommandLineTest.run("score", "--load", model.toString(), "--text", text, "--json");
        double seqlab = JsonParser.parseString(score.out()).getAsJsonObject().get("bits_per_character").getAsDouble();
        String[] lines = py.split("\n");
        assertThat(JsonParser.parseString(lines[lines.length - 1]).getAsJsonObject().get("bits_per_symbol").getAsDouble())
                .isCloseTo(seqlab, within(1e-4));
    }

    /** A model over byte-pair tokens travels with its merges, which run.py applies as SeqLab does. */
    @Test
    void aBytePairModelTakesItsMerges() {
        Path model = dir.resolve("tokens.seqlab");
        CommandLineTest.Result train = CommandLineTest.run("train", "--data", "names:bpe-40", "--model", "lstm", "--hidden", "8",
                "--steps", "2", "--batch", "4", "--seq", "16", "--save", model.toString());
        assertThat(train.code()).as(train.err()).isZero();
        CommandLineTest.Result r = CommandLineTest.run("to-pytorch", "--load", model.toString(), "--out", dir.resolve("t").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(dir.resolve("t/merges.json")).content().contains("\"alphabet\"").contains("\"merges\"");
    }

    @Test
    void encoderDecodersAreWrittenToo() {
        Path gru = dir.resolve("reverse.seq2seq");
        assertThat(CommandLineTest.run("train", "--data", "task:reverse", "--model", "seq2seq-gru", "--hidden", "8", "--embed", "8",
                "--steps", "2", "--save", gru.toString()).code()).isZero();
        CommandLineTest.Result ok = CommandLineTest.run("to-pytorch", "--load", gru.toString(), "--out", dir.resolve("gru").toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(dir.resolve("gru/data.tsv")).isNotEmptyFile();
        assertThat(dir.resolve("gru/model.py")).content().contains("nn.GRU");
        Path transformer = dir.resolve("t.seq2seq");
        assertThat(CommandLineTest.run("train", "--data", "task:reverse", "--model", "seq2seq-transformer", "--hidden", "8", "--embed",
                "8", "--steps", "2", "--save", transformer.toString()).code()).isZero();
        CommandLineTest.Result t = CommandLineTest.run("to-pytorch", "--load", transformer.toString(), "--out", dir.resolve("t").toString());
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(dir.resolve("t/model.py")).content().contains("class DecoderBlock").contains("self.cross");
    }

    /** A saved encoder–decoder experiment: the model asked for, with Adam's moments and steps, so training goes on from there. */
    @Test
    void anEncoderDecoderExperimentCarriesAdamsState() throws Exception {
        Engine.start();
        var spec = new Seq2SeqExperiment.Spec(Task.REVERSE,
                List.of(new Seq2SeqConfig(Seq2SeqConfig.Kind.GRU, null, 8, 8),
                        new Seq2SeqConfig(Seq2SeqConfig.Kind.LSTM, null, 8, 8)),
                8, 5, 3e-3, 400);
        var experiment = new Seq2SeqExperiment(spec);
        for (int i = 0; i < 7; i++) {
            experiment.trainStep();
        }
        Path file = dir.resolve("two.seq2seqrun");
        ExperimentFile.save(file, experiment, new int[0], List.of(), "");
        CommandLineTest.Result r = CommandLineTest.run("to-pytorch", "--load", file.toString(), "--run", "B", "--out", dir.resolve("b").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(dir.resolve("b/model.py")).content().contains("nn.LSTM");
        assertThat(dir.resolve("b/optimizer.safetensors")).isNotEmptyFile();
        assertThat(dir.resolve("b/config.json")).content().contains("\"steps\": 7");
        CommandLineTest.Result none = CommandLineTest.run("to-pytorch", "--load", file.toString(), "--run", "C", "--out", dir.resolve("c").toString());
        assertThat(none.code()).isNotZero();
        assertThat(none.err()).contains("encoder–decoders A to B, not C");
    }

    /** A python3 that imports torch: the PATH's, else Debian's. */
    private static String python() throws Exception {
        for (String p : List.of("python3", "/usr/bin/python3")) {
            try {
                Process proc = new ProcessBuilder(p, "-c", "import torch").redirectErrorStream(true).start();
                proc.getInputStream().readAllBytes();
                if (proc.waitFor(2, TimeUnit.MINUTES) && proc.exitValue() == 0) {
                    return p;
                }
            } catch (java.io.IOException e) {
                // not this one
            }
        }
        return null;
    }
}
