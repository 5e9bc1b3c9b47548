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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.app.Main;

/** The headless commands as a script would call them: JSON out, one-line errors, exit codes. */
@Tag("slow")
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
        JsonArray bits = JsonParser.parseString(score.out()).getAsJsonObject().getAsJsonArray("bits");
        assertThat(bits).hasSize(10);
        bits.forEach(b -> assertThat(b.getAsDouble()).isLessThanOrEqualTo(0));

        Result sample = run("sample", "--load", model.toString(), "--prompt", "B", "--length", "40", "--seed", "3");
        assertThat(sample.code()).as(sample.err()).isZero();
        String text = sample.out().strip();
        assertThat(text).hasSize(41).startsWith("B").matches("[BTPSXVE]+");
        assertThat(run("sample", "--load", model.toString(), "--prompt", "B", "--length", "40", "--seed", "3").out())
                .isEqualTo(sample.out());
    }

    /** What the command line is not told is what the lab and a lesson's model block would choose: one set of defaults. */
    @Test
    void theCommandLineTrainsTheLabsDefaultModelForEachFamily() {
        for (String family : List.of("rnn", "lstm", "gru", "transformer", "conv1d", "pixelcnn", "made")) {
            org.seqlab.engine.model.Family f = org.seqlab.engine.model.Family.parse(family);
            String data = f.image() ? "digits-14" : "synthetic:reber";
            List<String> args = new java.util.ArrayList<>(List.of("train", "--data", data, "--model", family, "--steps", "1", "--batch", "2",
                    "--eval-every", "1"));
            if (!f.image()) {
                args.addAll(List.of("--seq", "16"));
            }
            Result train = run(args.toArray(String[]::new));
            assertThat(train.code()).as(family + ": " + train.err()).isZero();
            org.seqlab.engine.train.RunConfig lab = org.seqlab.engine.train.RunConfig.defaults(f);
            if (f.image()) {
                lab = lab.withModel(lab.model().withImage(14, 14));
            }
            // "Transformer 2×64 4h · Adam 1e-3, clip 1": sizes, optimiser, rate and clipping as the lab's settings start
            assertThat(train.out()).as(family).contains(lab.describe() + ",");
            // and a lesson's model block that names only the family means the same model
            assertThat(new org.seqlab.app.lessons.Scene.Model(1, f, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, null).toConfig()).isEqualTo(org.seqlab.engine.train.RunConfig.defaults(f));
        }
    }

    @Test
    void checkLessonsRunsAScenesAndSaysWhenItsPointWasMade() {
        // lesson 2: an LSTM on the Reber grammar, expected within 0.05 bits of the floor after 500 steps (a few seconds)
        Result check = run("check-lessons", "--lesson", "02-likelihood", "--json");
        assertThat(check.code()).as(check.out() + check.err()).isZero();
        List<String> lines = check.lines();
        assertThat(lines).hasSize(3);   // the Reber scene, the Forward/reverse KL view (no point), the summary
        assertThat(JsonParser.parseString(lines.get(1)).getAsJsonObject().has("met")).isFalse();
        JsonObject scene = JsonParser.parseString(lines.get(0)).getAsJsonObject();
        assertThat(scene.get("lesson").getAsString()).isEqualTo("02-likelihood");
        assertThat(scene.get("met").getAsBoolean()).isTrue();
        int steps = scene.get("steps").getAsInt();
        assertThat(steps).isPositive().isLessThanOrEqualTo(scene.get("trained").getAsInt());
        assertThat(scene.get("seconds").getAsDouble()).isPositive().isLessThanOrEqualTo(scene.get("scene_seconds").getAsDouble());
        JsonObject values = scene.getAsJsonObject("values");
        assertThat(values.get("bits(A)").getAsDouble()).isLessThan(values.get("floor()").getAsDouble() + 0.05);
        assertThat(values.get("floor()").getAsDouble()).isBetween(0.5, 0.7);
        JsonObject summary = JsonParser.parseString(lines.get(2)).getAsJsonObject();
        assertThat(summary.get("met").getAsInt()).isEqualTo(1);
        assertThat(summary.get("with_point").getAsInt()).isEqualTo(1);

        Result unknown = run("check-lessons", "--lesson", "99-none");
        assertThat(unknown.code()).isNotZero();
        assertThat(unknown.err()).contains("no lesson '99-none'");
    }

    @Test
    void anEncoderDecoderTrainsSavesTranslatesAndScores() throws Exception {
        Path file = dir.resolve("dates.seq2seq");
        Result train = run("train", "--data", "task:dates", "--model", "seq2seq-attention", "--attention", "dot", "--hidden", "16",
                "--steps", "20", "--eval-every", "10", "--json", "--save", file.toString());
        assertThat(train.code()).as(train.err()).isZero();
        JsonObject last = JsonParser.parseString(train.lines().get(train.lines().size() - 1)).getAsJsonObject();
        for (String key : List.of("val_exact_match", "val_token_accuracy", "val_bleu", "val_bits", "long_exact_match")) {
            assertThat(last.get(key).getAsDouble()).as(key).isBetween(0.0, key.endsWith("bits") ? 20.0 : 1.0);
        }
        assertThat(last.get("model").getAsString()).isEqualTo("seq2seq-attention");

        Result tr = run("translate", "--load", file.toString(), "--text", "Nov 3, 1999", "--beam", "2", "--json");
        assertThat(tr.code()).as(tr.err()).isZero();
        JsonObject t = JsonParser.parseString(tr.out()).getAsJsonObject();
        assertThat(t.get("reference").getAsString()).isEqualTo("1999-11-03");
        assertThat(t.getAsJsonArray("alignment")).isNotEmpty()
                .allSatisfy(row -> assertThat(row.getAsJsonArray()).hasSize("Nov 3, 1999".length()));
        assertThat(t.getAsJsonArray("beam")).isNotEmpty();
        assertThat(t.getAsJsonArray("bits")).hasSize(t.get("output").getAsString().length() + 1);

        Result score = run("score", "--load", file.toString(), "--text", "Nov 3, 1999", "--json");
        assertThat(score.code()).as(score.err()).isZero();
        JsonObject sc = JsonParser.parseString(score.out()).getAsJsonObject();
        assertThat(sc.get("target").getAsString()).isEqualTo("1999-11-03");
        assertThat(sc.getAsJsonArray("bits")).hasSize(11);

        Result bad = run("translate", "--load", file.toString(), "--text", "Nov 3, 1999!");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("'!' at position 12 is not a symbol of this task");
        Result mixed = run("train", "--data", "names", "--model", "seq2seq-gru");
        assertThat(mixed.code()).isEqualTo(2);
        assertThat(mixed.err()).contains("trains on a task");
    }

    @Test
    void aRunSavedByTheCommandLineReopensWhereItStopped() throws Exception {
        Path runFile = dir.resolve("reber.seqrun");
        Result train = run("train", "--data", "synthetic:reber", "--model", "rnn", "--hidden", "16", "--steps", "30",
                "--seq", "16", "--batch", "8", "--eval-every", "10", "--json", "--save", runFile.toString());
        assertThat(train.code()).as(train.err()).isZero();
        JsonObject last = JsonParser.parseString(train.lines().get(train.lines().size() - 1)).getAsJsonObject();

        org.seqlab.engine.train.SessionFile.Loaded loaded = org.seqlab.engine.train.SessionFile.load(runFile);
        assertThat(loaded.dataSpec()).isEqualTo("synthetic:reber");
        assertThat(loaded.session().stepsTaken()).isEqualTo(30);
        org.seqlab.engine.train.ModelRun r = loaded.session().runs().get(0);
        assertThat(r.trainBits().size()).isEqualTo(30);
        assertThat(r.validationBits().last()).isCloseTo(last.get("val_bpc").getAsDouble(), org.assertj.core.api.Assertions.within(5e-4));
    }

    @Test
    void badArgumentsAndFilesGiveOneLineAndANonZeroExit() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a model");
        List<Result> bad = List.of(
                run("train", "--data", "names", "--model", "mamba"),
                run("train", "--data", dir.resolve("missing.txt").toString(), "--model", "rnn"),
                run("train", "--data", "names", "--model", "rnn", "--lr", "0"),
                run("train", "--data", "names", "--model", "rnn", "--bogus"),
                run("train", "--model", "rnn"),
                run("score", "--load", text.toString(), "--text", "ab"),
                run("sample", "--load", dir.resolve("none.seqlab").toString()),
                run("nonsense"),
                run(text.toString()));
        for (Result r : bad) {
            assertThat(r.code()).as(r.err()).isNotZero();
            assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).startsWith("seqlab: ").doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(r.out()).isEmpty();
        }
        assertThat(bad.get(0).err()).contains("unknown model 'mamba'");
        assertThat(bad.get(5).err()).contains("not a SeqLab model file");
        // a word that is no command and no file: maybe a typo, maybe a missing run; the message says both
        assertThat(bad.get(7).err()).contains("neither a command").contains("nor a saved run");
        assertThat(bad.get(8).err()).contains("notes.txt is neither a saved run");
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

        // the digits read as a sequence, in snake order, by an LSTM: every pixel predicted, so bits per symbol are per dimension
        Result snake = run("train", "--data", "digits-14", "--order", "snake", "--model", "lstm", "--hidden", "16", "--steps", "10",
                "--batch", "8", "--eval-every", "5", "--json");
        assertThat(snake.code()).as(snake.err()).isZero();
        JsonObject o = JsonParser.parseString(snake.lines().get(snake.lines().size() - 1)).getAsJsonObject();
        assertThat(o.get("data").getAsString()).isEqualTo("digits-14:snake");
        assertThat(o.get("val_bits_per_dim").getAsDouble()).isEqualTo(o.get("val_bpc").getAsDouble()).isLessThan(1.0);

        // score reads one whole image and gives every pixel its bits, the first included (issue 25: it asked for 196 and refused them)
        String image = "0".repeat(90) + "1".repeat(16) + "0".repeat(90);
        for (String family : new String[] {"pixelcnn", "gated-pixelcnn"}) {
            Path saved = dir.resolve(family + ".seqlab");
            Result trained = run("train", "--data", "digits-14", "--model", family, "--channels", "8", "--layers", "2", "--steps", "3",
                    "--batch", "4", "--eval-every", "3", "--save", saved.toString());
            assertThat(trained.code()).as(trained.err()).isZero();
            Result scored = run("score", "--load", saved.toString(), "--text", image, "--json");
            assertThat(scored.code()).as(scored.err()).isZero();
            JsonObject sc = JsonParser.parseString(scored.out()).getAsJsonObject();
            assertThat(sc.getAsJsonArray("bits")).hasSize(196);
            double sum = 0;
            for (var b : sc.getAsJsonArray("bits")) {
                assertThat(b.getAsDouble()).isNegative();
                sum += b.getAsDouble();
            }
            assertThat(sc.get("bits_per_character").getAsDouble()).isCloseTo(-sum / 196, org.assertj.core.api.Assertions.within(1e-5));
            Result short1 = run("score", "--load", saved.toString(), "--text", image.substring(1));
            assertThat(short1.code()).isEqualTo(1);
            assertThat(short1.err()).contains("must hold 196 pixels (0s and 1s), not 195");
        }

        Result wrong = run("train", "--data", "names", "--model", "pixelcnn", "--steps", "5");
        assertThat(wrong.code()).isNotZero();
        assertThat(wrong.err()).contains("models images").contains("digits");
    }

    @Test
    void sampleWithEveryStrategyAndItsSteps() throws Exception {
        Path model = dir.resolve("reber.seqlab");
        Result train = run("train", "--data", "synthetic:reber", "--model", "lstm", "--hidden", "24", "--steps", "80", "--seq", "24",
                "--batch", "16", "--scheduled-sampling", "0.2", "--save", model.toString());
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(train.out()).contains("sched. sampling ε→0.20 over 40");
        String m = model.toString();

        // top-k with k = 1 is greedy, token for token
        String greedy = run("sample", "--load", m, "--prompt", "B", "--length", "30", "--strategy", "greedy").out();
        assertThat(run("sample", "--load", m, "--prompt", "B", "--length", "30", "--strategy", "top-k", "--k", "1", "--seed", "9").out())
                .isEqualTo(greedy);

        // --json: one line per step with the top tokens before and after reshaping, then a summary
        Result topK = run("sample", "--load", m, "--prompt", "B", "--length", "12", "--strategy", "top-k", "--k", "2", "--json");
        assertThat(topK.code()).as(topK.err()).isZero();
        assertThat(topK.lines()).hasSize(13);
        for (String line : topK.lines().subList(0, 12)) {
            JsonObject step = JsonParser.parseString(line).getAsJsonObject();
            JsonArray after = step.getAsJsonArray("after");
            assertThat(after).hasSize(2);
            double sum = 0;
            for (var e : after) {
                sum += e.getAsJsonObject().get("p").getAsDouble();
            }
            assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
            JsonArray before = step.getAsJsonArray("before");
            assertThat(before.size()).isBetween(2, 5);
            assertThat(before.get(0).getAsJsonObject().get("p").getAsDouble()).isLessThanOrEqualTo(after.get(0).getAsJsonObject().get("p").getAsDouble());
            String token = step.get("token").getAsString();
            assertThat(List.of(after.get(0).getAsJsonObject().get("token").getAsString(), after.get(1).getAsJsonObject().get("token").getAsString()))
                    .contains(token);
        }
        JsonObject summary = JsonParser.parseString(topK.lines().get(12)).getAsJsonObject();
        assertThat(summary.get("strategy").getAsString()).isEqualTo("top-k k=2 T=1.00");
        assertThat(summary.get("text").getAsString()).hasSize(12);

        // beam search: the ranked list, and on a synthetic source the true probability
        Result beam = run("sample", "--load", m, "--prompt", "B", "--length", "8", "--strategy", "beam", "--beam", "3", "--json");
        assertThat(beam.code()).as(beam.err()).isZero();
        JsonObject best = JsonParser.parseString(beam.lines().get(beam.lines().size() - 1)).getAsJsonObject();
        assertThat(best.get("true_probability").getAsDouble()).isBetween(0.0, 1.0);
        assertThat(JsonParser.parseString(beam.lines().get(0)).getAsJsonObject().getAsJsonArray("after")).hasSize(3);

        Result compare = run("sample", "--load", m, "--prompt", "B", "--length", "10", "--compare", "20", "--json");
        assertThat(compare.code()).as(compare.err()).isZero();
        assertThat(compare.lines()).hasSize(5);
        for (String line : compare.lines()) {
            JsonObject row = JsonParser.parseString(line).getAsJsonObject();
            assertThat(row.get("total_variation").getAsDouble()).isBetween(0.0, 1.0);
            assertThat(row.get("samples").getAsInt()).isEqualTo(20);
        }

        Result exposure = run("sample", "--load", m, "--length", "24", "--exposure", "8", "--json");
        assertThat(exposure.code()).as(exposure.err()).isZero();
        JsonObject e = JsonParser.parseString(exposure.out()).getAsJsonObject();
        assertThat(e.get("windows").getAsInt()).isEqualTo(8);
        assertThat(e.getAsJsonArray("free_running")).hasSize(12);

        Result unknown = run("sample", "--load", m, "--strategy", "nucleus");
        assertThat(unknown.code()).isNotZero();
        assertThat(unknown.err()).contains("unknown strategy 'nucleus'");
        Result badP = run("sample", "--load", m, "--strategy", "top-p", "--p", "0");
        assertThat(badP.err()).contains("--p needs 0 < p ≤ 1");
    }

    @Test
    void exportReproducesASceneAndALessonWithoutADisplay() throws Exception {
        Path scene = Files.writeString(dir.resolve("tiny.scene.yaml"), String.join("\n",
                "data: synthetic:reber", "models:", "  - family: lstm", "    hidden: 16", "batch: 8", "seq: 16", "train: 30", "view: gates",
                "inspect: BTSSXXTVVE", ""));
        Result first = run("export", "--scene", scene.toString(), "--out", dir.resolve("a").toString(), "--seed", "5", "--json");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.lines()).hasSize(8);   // loss and gates, four formats each (the .txt describing each)
        Path png = dir.resolve("a/tiny.scene-gates@2x.png");
        var img = javax.imageio.ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(2400);
        assertThat(img.getHeight()).isEqualTo(1400);
        javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        assertThat(f.newDocumentBuilder().parse(dir.resolve("a/tiny.scene-gates.svg").toFile()).getDocumentElement().getTagName())
                .isEqualTo("svg");
        // the same scene and seed give the same figure, number for number
        Result second = run("export", "--scene", scene.toString(), "--out", dir.resolve("b").toString(), "--seed", "5", "--formats", "csv");
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(Files.readString(dir.resolve("b/tiny.scene-gates.csv"))).isEqualTo(Files.readString(dir.resolve("a/tiny.scene-gates.csv")));

        // a lesson from a folder: every scene, the view-only one reusing the models
        Path lesson = Files.createDirectories(dir.resolve("30-mine"));
        Files.writeString(lesson.resolve("lesson.md"), String.join("\n", "---", "title: Mine", "objectives:", "  - one", "---", "",
                "## One", "", "```scene", Files.readString(scene).strip(), "```", "", "## Two", "", "```scene", "view: hidden", "train: 10", "```",
                "", "```quiz", "question: Two?", "answer: 2", "explanation: Two.", "```", ""));
        Result all = run("export", "--lesson", lesson.toString(), "--out", dir.resolve("c").toString(), "--formats", "png1");
        assertThat(all.code()).as(all.err()).isZero();
        assertThat(all.lines()).extracting(l -> Path.of(l).getFileName().toString())
                .containsExactly("30-mine-s1-1-loss.png", "30-mine-s1-1-loss.txt", "30-mine-s1-1-gates.png", "30-mine-s1-1-gates.txt",
                        "30-mine-s2-1-loss.png", "30-mine-s2-1-loss.txt", "30-mine-s2-1-hidden.png", "30-mine-s2-1-hidden.txt");   // each PNG with its description
        assertThat(Files.readString(dir.resolve("c/30-mine-s2-1-hidden.txt"))).contains("The hidden state h_t of 16 units");

        // a scene on a task: trained by the encoder–decoder lab's session, drawn as its window draws it, one file per model
        Path task = Files.writeString(dir.resolve("copy.scene.yaml"), String.join("\n", "data: task:copy", "models:",
                "  - family: seq2seq-gru", "    hidden: 16", "  - family: seq2seq-attention", "    attention: dot", "    hidden: 16",
                "train: 100", "inspect: abcab", ""));
        Result seq2seq = run("export", "--scene", task.toString(), "--out", dir.resolve("e").toString(), "--formats", "csv", "--json");
        assertThat(seq2seq.code()).as(seq2seq.err()).isZero();
        assertThat(seq2seq.lines()).extracting(l -> Path.of(JsonParser.parseString(l).getAsJsonObject().get("file").getAsString())
                .getFileName().toString()).containsExactly("copy.scene-bottleneck.csv", "copy.scene-alignment-A.csv", "copy.scene-alignment-B.csv");
        assertThat(Files.readString(dir.resolve("e/copy.scene-alignment-B.csv"))).as("B's weights over the inspected source's 5 symbols")
                .startsWith("output,src0 a,src1 b,src2 c,src3 a,src4 b");

        Result bad = run("export", "--lesson", "99-nothing", "--out", dir.resolve("d").toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("no lesson '99-nothing'");
    }
}
