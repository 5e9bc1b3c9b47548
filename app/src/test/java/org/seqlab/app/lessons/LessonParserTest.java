package org.seqlab.app.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.train.Hyperparameter;

class LessonParserTest {

    @TempDir
    Path dir;

    static final String GOOD = """
            ---
            title: A test lesson
            objectives:
              - one
            minutes: 5
            ---

            ## First step

            Text with $x_{<t}$ and a product:

            $$p(x) = \\prod_t p(x_t \\mid x_{<t})$$

            ```scene
            data: synthetic:reber
            models:
              - family: lstm
                hidden: 32
              - rnn
            train: 20
            view: gradient
            inspect: BTSSXXTVVE
            ```

            ## Second step

            ```quiz
            question: Which?
            choices:
              - a
              - b
            correct: 2
            explanation: Because.
            ```

            ```quiz
            question: How many bits?
            answer: 3
            explanation: Three coins.
            ```
            """;

    static Lesson parse(String text, List<LessonProblem> problems) {
        return LessonParser.parse("01-test", text, "01-test/lesson.md", null, problems);
    }

    @Test
    void readsFrontMatterStepsScenesAndQuizzes() {
        List<LessonProblem> problems = new ArrayList<>();
        Lesson l = parse(GOOD, problems);
        assertThat(problems).isEmpty();
        assertThat(l.title()).isEqualTo("A test lesson");
        assertThat(l.objectives()).containsExactly("one");
        assertThat(l.minutes()).isEqualTo(5);
        assertThat(l.steps()).extracting(Lesson.Step::title).containsExactly("First step", "Second step");
        Scene s = l.scenes().get(0);
        assertThat(s.data()).isEqualTo("synthetic:reber");
        assertThat(s.models()).extracting(Scene.Model::family).containsExactly(Family.LSTM, Family.RNN);
        assertThat(s.models().get(0).hidden()).isEqualTo(32);
        assertThat(s.train()).isEqualTo(20);
        assertThat(s.view()).isEqualTo("gradient");
        assertThat(s.inspect()).isEqualTo("BTSSXXTVVE");
        assertThat(s.line()).isEqualTo(15);
        assertThat(s.models().get(0).toConfig().model().hidden()).isEqualTo(32);
        Quiz choice = l.quizzes().get(0);
        assertThat(choice.check(java.util.Set.of(1))).isTrue();
        assertThat(choice.check(java.util.Set.of(0))).isFalse();
        Quiz numeric = l.quizzes().get(1);
        assertThat(numeric.check(3.0)).isTrue();
        assertThat(numeric.check(3.02)).isTrue();     // 1 % tolerance by default
        assertThat(numeric.check(3.5)).isFalse();
        // the prose keeps its math for the reader
        assertThat(((Lesson.Prose) l.steps().get(0).blocks().get(0)).markdown()).contains("$x_{<t}$");
    }

    @Test
    void everyMistakeIsReportedWithItsLine() {
        String bad = GOOD.replace("family: lstm", "family: mamba")
                .replace("view: gradient", "view: attention")
                .replace("correct: 2", "correct: 5")
                .replace("$x_{<t}$", "$\\notacommand{x}$")
                .replace("train: 20", "train: lots");
        List<LessonProblem> problems = new ArrayList<>();
        parse(bad, problems);
        assertThat(problems).extracting(LessonProblem::toString).anySatisfy(p -> assertThat(p).startsWith("01-test/lesson.md:17:")
                .contains("gru"));
        assertThat(problems).extracting(LessonProblem::toString).anySatisfy(p -> assertThat(p).startsWith("01-test/lesson.md:20:")
                .contains("whole number"));
        assertThat(problems).extracting(LessonProblem::toString).anySatisfy(p -> assertThat(p).startsWith("01-test/lesson.md:10:")
                .contains("does not parse"));
        assertThat(problems).extracting(LessonProblem::toString).anySatisfy(p -> assertThat(p).startsWith("01-test/lesson.md:32:")
                .contains("from 1 to 2"));
        // the RNN alone cannot fill the attention view
        assertThat(problems).extracting(LessonProblem::message).anySatisfy(m -> assertThat(m).contains("needs a Transformer"));
    }

    @Test
    void aScenesPointIsParsedAndItsMeasurementsMustSuitItsModels() {
        String withPoint = GOOD.replace("inspect: BTSSXXTVVE\n", "inspect: BTSSXXTVVE\npoint: The LSTM ends below the RNN\nexpect:\n"
                + "  - bits(A) < bits(B) - 0.1\n  - grad_ratio(A, 5) > 0.01\n");
        List<LessonProblem> problems = new ArrayList<>();
        Scene s = parse(withPoint, problems).scenes().get(0);
        assertThat(problems).isEmpty();
        assertThat(s.point().says()).isEqualTo("The LSTM ends below the RNN");
        assertThat(s.point().checks()).extracting(Object::toString).containsExactly("bits(A) < bits(B) - 0.1", "grad_ratio(A, 5) > 0.01");

        for (String[] wrong : new String[][] {{"bits(C) < 1", "the scene has 2 models (A to B)"}, {"induction(A) > 0.3", "model A (LSTM)"},
            {"loss(A) < 1", "unknown measurement 'loss'"}, {"bits(A) = 1", "expected a comparison"}}) {
            problems.clear();
            parse(withPoint.replace("grad_ratio(A, 5) > 0.01", wrong[0]), problems);
            assertThat(problems).as(wrong[0]).extracting(LessonProblem::toString)
                    .anySatisfy(p -> assertThat(p).startsWith("01-test/lesson.md:").contains(wrong[1]));
        }
        problems.clear();
        parse(withPoint.replace("point: The LSTM ends below the RNN\n", ""), problems);
        assertThat(problems).extracting(LessonProblem::message).anySatisfy(m -> assertThat(m).contains("needs 'point:'"));
    }

    @Test
    void texInDoubleQuotesThatYamlReadsAsAnEscapeIsNamed() {
        List<LessonProblem> problems = new ArrayList<>();
        parse(GOOD.replace("question: How many bits?", "question: \"At rate $\\eta$, how many bits?\""), problems);
        assertThat(problems).extracting(LessonProblem::message)
                .anySatisfy(m -> assertThat(m).contains("control character").contains("single quotes"));
        problems.clear();
        parse(GOOD.replace("question: How many bits?", "question: 'At rate $\\eta$, how many bits?'"), problems);
        assertThat(problems).isEmpty();
    }

    @Test
    void inlineMathBrokenAcrossLinesIsNamedAndMoneyIsNot() {
        List<LessonProblem> problems = new ArrayList<>();
        parse(GOOD.replace("Text with $x_{<t}$ and a product:", "Text with $\\tanh(W x) \\odot\n\\sigma(x)$ and costs $5 and\n$6:"), problems);
        assertThat(problems).extracting(LessonProblem::toString).singleElement().asString()
                .startsWith("01-test/lesson.md:10:").contains("broken across lines");
    }

    @Test
    void malformedYamlAndMissingPiecesAreNamed() {
        List<LessonProblem> problems = new ArrayList<>();
        parse("no front matter\n\n## Step\ntext\n", problems);
        assertThat(problems).extracting(LessonProblem::line).contains(1);
        problems.clear();
        parse(GOOD.replace("  - rnn\n", "  - rnn\n  bad: [unclosed\n"), problems);
        assertThat(problems).extracting(LessonProblem::message).anySatisfy(m -> assertThat(m).startsWith("not valid YAML"));
        problems.clear();
        parse(GOOD.replace("data: synthetic:reber\n", ""), problems);
        assertThat(problems).extracting(LessonProblem::message).anySatisfy(m -> assertThat(m).contains("needs 'data:'"));
        problems.clear();
        parse(GOOD.replace("```quiz\nquestion: How", "```quiz\nquestion: How\nhint: none"), problems);
        assertThat(problems).extracting(LessonProblem::message).anySatisfy(m -> assertThat(m).contains("unknown key 'hint'"));
        problems.clear();
        parse(GOOD.replace("  - family: lstm\n", "  - family: lstm\n    heads: 8\n"), problems);
        assertThat(problems).extracting(LessonProblem::message)
                .anySatisfy(m -> assertThat(m).contains("'heads' applies to the Transformer, not to lstm; leave it out"));
        problems.clear();
        parse(GOOD.replace("data: synthetic:reber", "data: digits-14"), problems);
        assertThat(problems).extracting(LessonProblem::message).anySatisfy(m -> assertThat(m).isEqualTo("LSTM reads text, but the data are digits"));
    }

    /** Measurements that parse but could never be made on the scene's models are mistakes at load, with their line. */
    @Test
    void aMeasurementOutOfItsModelsRangeIsNamedAtLoad() {
        String withPoint = GOOD.replace("inspect: BTSSXXTVVE\n", "inspect: BTSSXXTVVE\npoint: P\nexpect:\n  - grad_ratio(A, 5) > 0.01\n");
        for (String[] wrong : new String[][] {{"grad_ratio(A, 2147483647) > 0", "k runs from 1 to 4,096 on this model, not 2,147,483,647"},
            {"grad_ratio(A, 0) > 0", "k runs from 1 to 4,096"}, {"grad_ratio(A, 2147483648) > 0", "'2147483648' is not a whole number"},
            {"gate_off(A, 0, 7) > 0", "the gate g runs from 0 to 3 on this model, not 7"},
            {"gate_off(A, 3, 1) > 0", "the layer l runs from 0 to 0 on this model, not 3"},
            {"unit_off(B, 0, 999) > 0", "the unit j runs from 0 to"}}) {
            List<LessonProblem> problems = new ArrayList<>();
            parse(withPoint.replace("grad_ratio(A, 5) > 0.01", wrong[0]), problems);
            assertThat(problems).as(wrong[0]).extracting(LessonProblem::toString)
                    .anySatisfy(p -> assertThat(p).startsWith("01-test/lesson.md:").contains(wrong[1]));
        }
        String transformer = withPoint.replace("family: lstm", "family: transformer");
        List<LessonProblem> problems = new ArrayList<>();
        parse(transformer.replace("grad_ratio(A, 5) > 0.01", "head_off(A, 99, 99) > 0"), problems);
        assertThat(problems).extracting(LessonProblem::message).anySatisfy(m -> assertThat(m).contains("the block l runs from 0 to"));
    }

    /** A hostile lesson cannot hang or overflow the loader; it is a problem with a line, and the other lessons load. */
    @Test
    void hostileMathAndStatementsAreBoundedAndLeaveTheOthersLoaded() throws Exception {
        String[][] cases = {
            {"$\\newcommand{\\a}{\\a}\\a$", "defines no macros"},
            {"$\\renewcommand{\\alpha}{\\beta}\\alpha$", "defines no macros"},
            {"$" + "{".repeat(20_000) + "x" + "}".repeat(20_000) + "$", "characters is too long"},
            {"$" + "{".repeat(500) + "x" + "}".repeat(500) + "$", "nests braces more than 24 deep"},
            {"$" + "\\frac{".repeat(300) + "1" + "}{2}".repeat(300) + "$", "too long"},
            {"$" + "\\frac{".repeat(30) + "1" + "}{2}".repeat(30) + "$", "nests braces more than 24 deep"},
            {"$" + "\\sqrt".repeat(390) + " x$", "commands; a formula may have at most"},
        };
        for (String[] c : cases) {
            List<LessonProblem> problems = new ArrayList<>();
            parse(GOOD.replace("Text with $x_{<t}$", "Text with " + c[0]), problems);
            assertThat(problems).as(c[1]).extracting(LessonProblem::message).anySatisfy(m -> assertThat(m).contains(c[1]));
        }
        String withPoint = GOOD.replace("inspect: BTSSXXTVVE\n", "inspect: BTSSXXTVVE\npoint: P\nexpect:\n  - bits(A) < 9\n");
        for (String[] c : new String[][] {{"(".repeat(30_000) + "1" + ")".repeat(30_000) + " < bits(A)", "characters is too long"},
            {"-".repeat(500) + "1 < bits(A)", "characters is too long"}, {"(".repeat(40) + "1" + ")".repeat(40) + " < bits(A)", "nested more than 20 deep"},
            {"-".repeat(60) + "1 < bits(A)", "nested more than 20 deep"}}) {
            List<LessonProblem> problems = new ArrayList<>();
            parse(withPoint.replace("bits(A) < 9", c[0]), problems);
            assertThat(problems).as(c[1]).extracting(LessonProblem::message).anySatisfy(m -> assertThat(m).contains(c[1]));
        }
        // one folder: the hostile lessons are named, the good one loads, and a definition never leaks into it
        Files.createDirectories(dir.resolve("01-macro"));
        Files.writeString(dir.resolve("01-macro/lesson.md"), GOOD.replace("Text with $x_{<t}$", "Text with $\\newcommand{\\prod}{\\sum}x$"));
        Files.createDirectories(dir.resolve("02-deep"));
        Files.writeString(dir.resolve("02-deep/lesson.md"), withPoint.replace("bits(A) < 9", "-".repeat(60_000) + "1 < bits(A)"));
        Files.createDirectories(dir.resolve("03-good"));
        Files.writeString(dir.resolve("03-good/lesson.md"), GOOD);
        LessonLibrary lib = LessonLibrary.load(dir, "mine");
        assertThat(lib.lessons()).extracting(Lesson::id).containsExactly("03-good");
        assertThat(lib.problems()).extracting(LessonProblem::file).containsOnly("mine/01-macro/lesson.md", "mine/02-deep/lesson.md");
        assertThat(new org.scilab.forge.jlatexmath.TeXFormula("\\prod_t x").toString()).doesNotContain("sum");
    }

    @Test
    void aBrokenLessonLeavesTheOthersLoaded() throws Exception {
        Files.createDirectories(dir.resolve("01-good"));
        Files.writeString(dir.resolve("01-good/lesson.md"), GOOD);
        Files.createDirectories(dir.resolve("02-bad"));
        Files.writeString(dir.resolve("02-bad/lesson.md"), GOOD.replace("family: lstm", "family: mamba"));
        Files.createDirectories(dir.resolve("03-own-data"));
        Files.writeString(dir.resolve("03-own-data/poem.txt"), "a small text of our own, long enough to train on. ".repeat(20));
        Files.writeString(dir.resolve("03-own-data/lesson.md"), GOOD.replace("data: synthetic:reber", "data: poem.txt")
                .replace("inspect: BTSSXXTVVE", "inspect: a small"));
        Files.createDirectories(dir.resolve("04-binary"));
        Files.write(dir.resolve("04-binary/lesson.md"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        LessonLibrary lib = LessonLibrary.load(dir, "mine");
        assertThat(lib.lessons()).extracting(Lesson::id).containsExactly("01-good", "03-own-data");
        assertThat(lib.problems()).extracting(LessonProblem::file).containsOnly("mine/02-bad/lesson.md", "mine/04-binary/lesson.md");
        assertThat(lib.byId("03-own-data").scenes().get(0).dataSpec()).endsWith("poem.txt");
        // a single lesson's folder opens too
        assertThat(LessonLibrary.load(dir.resolve("01-good"), "one").lessons()).hasSize(1);
    }

    @Test
    void mathSpansSkipCodeAndEscapedDollars() {
        List<MathSpans.Span> spans = MathSpans.find("costs \\$5 and $x^2$, `$not$`, $$\\sum_t$$ and $ y $ stays");
        assertThat(spans).extracting(MathSpans.Span::tex).containsExactly("x^2", "\\sum_t");
        assertThat(spans).extracting(MathSpans.Span::display).containsExactly(false, true);
    }

    @Test
    void progressIsRememberedAcrossLoads() throws Exception {
        Path file = dir.resolve("p/progress.json");
        Progress p = Progress.load(file);
        p.visit("01-test", 0);
        p.visit("01-test", 1);
        p.solve("01-test", 1, 0);
        Progress again = Progress.load(file);
        assertThat(again.of("01-test").current()).isEqualTo(1);
        assertThat(again.of("01-test").solved(1, 0)).isTrue();
        assertThat(again.of("01-test").solved(1, 1)).isFalse();
        assertThat(again.open()).isEqualTo("01-test");
        Lesson l = parse(GOOD, new ArrayList<>());
        assertThat(again.fraction(l)).isEqualTo(1.0);
        assertThat(again.notice()).isNull();
        Files.writeString(file, "{ not json");
        Progress damaged = Progress.load(file);
        assertThat(damaged.of("01-test").current()).isZero();   // damaged: a fresh start, no failure
        assertThat(damaged.notice()).contains("could not be read: it is not SeqLab's JSON").contains("kept as progress.json.unreadable");
        assertThat(Files.readString(file.resolveSibling("progress.json.unreadable"))).isEqualTo("{ not json");   // nothing lost

        // a 3 GB sparse file is refused by its size, before a byte is read
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        Progress huge = Progress.load(file);
        assertThat(huge.of("01-test").current()).isZero();
        assertThat(huge.notice()).contains("it is 3,072 MB, far larger than progress can be");
    }

    /** A scene's load: names a model file inside the lesson's folder, needs data, and replaces models:. */
    @Test
    void aLoadedModelMustBeAModelFileInsideTheLessonAndComeWithData() throws Exception {
        Path folder = Files.createTempDirectory("lesson");
        Files.writeString(folder.resolve("model.safetensors"), "x");
        Files.writeString(folder.resolve("notes.txt"), "x");
        String scene = "---\ntitle: T\n---\n\n## Step\n\n```scene\ndata: names\nload: %s\nview: samples\n```\n";
        List<LessonProblem> problems = new ArrayList<>();
        Scene s = LessonParser.parse("01-t", String.format(scene, "model.safetensors"), "01-t/lesson.md", folder, problems).scenes().get(0);
        assertThat(problems).isEmpty();
        assertThat(s.load()).isEqualTo(folder.resolve("model.safetensors").toRealPath());
        for (String[] bad : new String[][] {{"notes.txt", "neither a PyTorch checkpoint"}, {"../model.safetensors", "leaves the lesson's folder"},
            {"/etc/model.safetensors", "absolute path"}, {"gone.safetensors", "no file"}}) {
            problems.clear();
            LessonParser.parse("01-t", String.format(scene, bad[0]), "01-t/lesson.md", folder, problems);
            assertThat(problems).as(bad[0]).singleElement().asString().contains(bad[1]);
        }
        problems.clear();
        LessonParser.parse("01-t", "---\ntitle: T\n---\n\n## Step\n\n```scene\nload: model.safetensors\nview: samples\n```\n", "01-t/lesson.md",
                folder, problems);
        assertThat(problems).singleElement().asString().contains("'load:' needs 'data:'");
        problems.clear();
        LessonParser.parse("01-t", String.format(scene, "model.safetensors").replace("view: samples", "models:\n  - family: lstm"),
                "01-t/lesson.md", folder, problems);
        assertThat(problems).singleElement().asString().contains("has no 'models:'");
    }

    /**
     * The lesson loader's ranges are the table's (Hyperparameter.range, the engine's own limits): every whole-number key
     * takes its largest value and refuses one more, saying the range; the authors' guide states the same ranges.
     */
    @Test
    void theLoadersRangesAreTheTablesAndTheGuideSaysThem() throws Exception {
        String guide = Files.readString(Path.of("../lessons/README.md"));
        for (Hyperparameter h : Hyperparameter.values()) {
            int[] r = h.range();
            if (r == null) {
                continue;
            }
            Family family = h.appliesTo(Family.TRANSFORMER) ? Family.TRANSFORMER : Family.CONV1D;
            // kv_heads must divide heads: give it its partners
            String others = h == Hyperparameter.KV_HEADS ? "    heads: 64\n    hidden: 64\n" : "";
            String block = "---\ntitle: T\n---\n\n## S\n\n```scene\ndata: synthetic:reber\nseq: 2\nmodels:\n  - family: " + family.id() + "\n"
                    + others + "    " + h.key() + ": %d\n```\n";
            List<LessonProblem> problems = new ArrayList<>();
            parse(String.format(block, r[1] + 1), problems);
            assertThat(problems).as("%s = %d", h.key(), r[1] + 1).anySatisfy(p -> assertThat(p.toString()).contains(h.key())
                    .contains(String.valueOf(r[1])));
            if (List.of(Hyperparameter.HIDDEN, Hyperparameter.LAYERS, Hyperparameter.EMBED, Hyperparameter.CONTEXT, Hyperparameter.KERNEL,
                    Hyperparameter.HEADS).contains(h)) {
                String row = guide.lines().filter(l -> l.startsWith("| `" + h.key() + "`")).findFirst().orElseThrow();
                assertThat(row).as("the guide's row for %s", h.key()).contains(r[0] + "–" + r[1]);
            }
        }
    }
}
