package org.seqlab.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.app.Main;

/** The headless commands as a script would call them: JSON out, one-line errors, exit codes. */
class CommandLineTest {

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void trainScoreSample() throws Exception {
        Path model = dir.resolve("reber.seqlab");
        Result train = run("train", "--data", "synthetic:reber", "--model", "lstm", "--hidden", "24", "--steps", "60",
                "--seq", "24", "--batch", "16", "--eval-every", "20", "--json", "--save", model.toString());
        assertThat(train.code()).as(train.err()).isZero();
        List<String> lines = train.lines();
        assertThat(lines).hasSize(3); // steps 20, 40, then the final line at 60
        for (String l : lines) {
            JsonParser.parseString(l).getAsJsonObject(); // every line is one JSON object
        }
        JsonObject last = JsonParser.parseString(lines.get(2)).getAsJsonObject();
        assertThat(last.get("model").getAsString()).isEqualTo("lstm");
        assertThat(last.get("steps").getAsInt()).isEqualTo(60);
        for (String key : List.of("train_bpc", "val_bpc", "seconds", "steps_per_second", "entropy_bpc")) {
            assertThat(last.has(key)).as(key).isTrue();
        }
        assertThat(last.get("entropy_bpc").getAsDouble()).isBetween(0.5, 0.7);
        assertThat(last.get("val_bpc").getAsDouble()).isGreaterThan(last.get("entropy_bpc").getAsDouble() - 0.05);
        assertThat(Files.size(model)).isGreaterThan(1000);

        Result score = run("score", "--load", model.toString(), "--text", "BTBTSSXSETE", "--json");
        assertThat(score.code()).as(score.err()).isZero();
        JsonArray bits = JsonParser.parseString(score.out()).getAsJsonArray();
        assertThat(bits).hasSize(10);
        bits.forEach(b -> assertThat(b.getAsDouble()).isLessThanOrEqualTo(0));

        Result sample = run("sample", "--load", model.toString(), "--prompt", "B", "--length", "40", "--seed", "3");
        assertThat(sample.code()).as(sample.err()).isZero();
        String text = sample.out().strip();
        assertThat(text).hasSize(41).startsWith("B").matches("[BTPSXVE]+");
        assertThat(run("sample", "--load", model.toString(), "--prompt", "B", "--length", "40", "--seed", "3").out())
                .isEqualTo(sample.out());
    }

    @Test
    void badArgumentsAndFilesGiveOneLineAndANonZeroExit() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a model");
        List<Result> bad = List.of(
                run("train", "--data", "names", "--model", "gru"),
                run("train", "--data", dir.resolve("missing.txt").toString(), "--model", "rnn"),
                run("train", "--data", "names", "--model", "rnn", "--lr", "0"),
                run("train", "--data", "names", "--model", "rnn", "--bogus"),
                run("train", "--model", "rnn"),
                run("score", "--load", text.toString(), "--text", "ab"),
                run("sample", "--load", dir.resolve("none.seqlab").toString()),
                run("nonsense"));
        for (Result r : bad) {
            assertThat(r.code()).as(r.err()).isNotZero();
            assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).startsWith("seqlab: ").doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(r.out()).isEmpty();
        }
        assertThat(bad.get(0).err()).contains("unknown model 'gru'");
        assertThat(bad.get(5).err()).contains("not a SeqLab model file");
    }

    @Test
    void convolutionalFamiliesTrainFromTheCommandLine() {
        Result conv = run("train", "--data", "names", "--model", "conv1d", "--channels", "16", "--layers", "4", "--kernel", "2",
                "--steps", "20", "--batch", "8", "--seq", "32", "--eval-every", "10", "--json");
        assertThat(conv.code()).as(conv.err()).isZero();
        JsonObject c = JsonParser.parseString(conv.lines().get(conv.lines().size() - 1)).getAsJsonObject();
        assertThat(c.get("model").getAsString()).isEqualTo("conv1d");
        assertThat(c.get("val_bpc").getAsDouble()).isLessThan(Math.log(29) / Math.log(2) + 0.5);

        Result pixel = run("train", "--data", "digits-14", "--model", "pixelcnn", "--channels", "8", "--layers", "3", "--steps", "10",
                "--batch", "8", "--eval-every", "5", "--json");
        assertThat(pixel.code()).as(pixel.err()).isZero();
        JsonObject p = JsonParser.parseString(pixel.lines().get(pixel.lines().size() - 1)).getAsJsonObject();
        assertThat(p.get("model").getAsString()).isEqualTo("pixelcnn");
        assertThat(p.get("val_bpc").getAsDouble()).isLessThan(1.0); // a coin per pixel would be 1 bit

        Result wrong = run("train", "--data", "names", "--model", "pixelcnn", "--steps", "5");
        assertThat(wrong.code()).isNotZero();
        assertThat(wrong.err()).contains("models images").contains("digits");
    }
}
