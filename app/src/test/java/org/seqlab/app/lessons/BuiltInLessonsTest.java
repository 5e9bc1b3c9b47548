package org.seqlab.app.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seqlab.app.figures.ViewId;
import org.seqlab.engine.Engine;
import org.seqlab.engine.bridge.ModelFiles;
import org.seqlab.engine.data.DataSource;
import org.seqlab.engine.data.catalog.DataSources;
import org.seqlab.engine.train.RunConfig;
import org.seqlab.engine.train.TrainConfig;
import org.seqlab.engine.train.TrainingSession;

/** The lessons that ship: every one loads, and every scene can really be set up. */
class BuiltInLessonsTest {

    static LessonLibrary library;

    @BeforeAll
    static void load() {
        Engine.start();
        library = LessonLibrary.builtIn();
    }

    @Test
    void everyLinkBetweenLessonsLeadsToOne() {
        java.util.regex.Pattern link = java.util.regex.Pattern.compile("\\]\\(lesson:([^)]*)\\)");
        int links = 0;
        for (Lesson l : library.lessons()) {
            for (Lesson.Step step : l.steps()) {
                for (LessonBlock b : step.blocks()) {
                    if (b instanceof Lesson.Prose p) {
                        java.util.regex.Matcher m = link.matcher(p.markdown());
                        while (m.find()) {
                            links++;
                            assertThat(library.byId(m.group(1))).as(l.file() + " links to lesson '" + m.group(1) + "'").isNotNull();
                        }
                    }
                }
            }
        }
        assertThat(links).as("the lessons link to each other").isGreaterThanOrEqualTo(4);
    }

    /**
     * The lab shows a scene's models in its settings and builds them from there; check-lessons and export build them
     * from the scene directly. Both must train the same models: nothing may be lost on the way through the settings
     * (an image model's size aside, which the data sets when the session is built).
     */
    @Test
    void theLabsSettingsCarryEverySceneModelUnchanged() {
        int models = 0;
        for (Lesson l : library.lessons()) {
            for (Scene s : l.scenes()) {
                if (s.models() == null) {
                    continue;
                }
                for (Scene.Model m : s.models()) {
                    RunConfig scene = m.toConfig();
                    RunConfig lab = org.seqlab.app.lab.RunSettings.of(scene).toConfig();
                    if (scene.model().family().image()) {
                        lab = new RunConfig(lab.model().withImage(scene.model().height(), scene.model().width()), lab.optimizer(),
                                lab.scheduled(), lab.order());
                    }
                    assertThat(lab).as(l.file() + ":" + m.line()).isEqualTo(scene);
                    models++;
                }
            }
        }
        assertThat(models).isGreaterThan(40);
    }

    /** The model.py lesson 20 shows is the one to-pytorch writes, line for line: it cannot drift from the exporter. */
    @Test
    void theModelPyALessonShowsIsTheOneTheExportWrites() throws Exception {
        String lesson = java.nio.file.Files.readString(java.nio.file.Path.of("../lessons/20-where-next/lesson.md"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?s)```python\n(.*?)\n```").matcher(lesson);
        assertThat(m.find()).as("lesson 20 shows model.py").isTrue();
        String template;
        try (var in = org.seqlab.engine.bridge.TorchExport.class.getResourceAsStream("recurrent.py")) {
            template = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(template).contains(m.group(1));
    }

    @Test
    void everyLessonLoadsWithoutProblems() {
        assertThat(library.problems()).isEmpty();
        assertThat(library.lessons()).hasSizeGreaterThanOrEqualTo(14);
        for (Lesson l : library.lessons()) {
            assertThat(l.id()).as(l.file()).matches("\\d\\d-[a-z0-9-]+");
            assertThat(l.title()).as(l.file()).isNotBlank();
            assertThat(l.objectives()).as(l.file()).isNotEmpty();
            assertThat(l.scenes()).as(l.file() + " has a live scene").isNotEmpty();
            assertThat(l.scenes().get(0).keepsModels()).as(l.file() + ": the first scene sets the lab up").isFalse();
            assertThat(l.quizzes()).as(l.file() + " has a quiz").isNotEmpty();
            for (Scene s : l.scenes()) {
                // a scene that trains models demonstrates something, and says what, measurably (check-lessons runs them)
                if (!s.keepsModels() && s.train() > 0) {
                    assertThat(s.point()).as(l.file() + ":" + s.line() + " states its point and how it is measured").isNotNull();
                }
            }
            for (String p : l.prerequisites()) {
                assertThat(library.byId(p)).as(l.file() + " needs " + p).isNotNull();
                assertThat(p).as("a prerequisite comes earlier").isLessThan(l.id());
            }
        }
    }

    /** Data that opens, inspected text within its vocabulary, models that a session accepts, views they fill. */
    @Test
    void everySceneNamesDataModelsAndViewsThatExist() throws Exception {
        for (Lesson l : library.lessons()) {
            Scene setUp = null;
            for (Scene s : l.scenes()) {
                String where = l.file() + ":" + s.line();
                if (s.keepsModels()) {
                    assertThat(setUp).as(where + ": a scene that keeps the models comes after one that builds them").isNotNull();
                    if (s.view() != null) {
                        var families = ScenePlan.of(setUp, null).runs().stream().map(r -> r.model().family())
                                .collect(java.util.stream.Collectors.toSet());
                        assertThat(ViewId.byName(s.view()).fills(families)).as(where + " view " + s.view()).isTrue();
                    }
                    continue;
                }
                setUp = s;
                if (s.encoderDecoders() != null) {
                    // a task's encoder–decoders: its data generated, its models built, its input in the task's alphabet
                    var e = new org.seqlab.engine.seq2seq.Seq2SeqExperiment(s.encoderDecoders());
                    assertThat(e.runs()).as(where).hasSize(s.encoderDecoders().models().size());
                    if (s.inspect() != null) {
                        e.runs().get(0).vocab().encode(s.inspect());
                    }
                    assertThat(s.view()).as(where + ": the encoder–decoder lab has its own views").isNull();
                    continue;
                }
                DataSource data = DataSources.open(s.dataSpec());
                if (s.inspect() != null) {
                    if (data.imageShape() != null) {
                        assertThat(Integer.parseInt(s.inspect())).as(where).isBetween(0, data.examples().size() - 1);
                    } else {
                        data.vocabulary().encode(s.inspect());   // throws, naming the character, if it is not in the vocabulary
                    }
                }
                List<RunConfig> configs = ScenePlan.of(s, null).runs();
                TrainingSession session = new TrainingSession(data, new TrainConfig(s.batch(), s.seq(), s.seed(), 25, 1), configs);
                assertThat(session.runs()).as(where).hasSize(s.load() != null ? 1 : s.models().size());
                if (s.load() != null) {
                    // the model a scene loads reads its data's symbols (or this throws, saying what it reads)
                    ModelFiles.session(ModelFiles.load(s.load()), session, where);
                }
                if (s.view() != null) {
                    ViewId.byName(s.view());
                }
            }
        }
    }

    /** The fifteen topics the lessons promise, each with its own lesson. */
    @Test
    void aLessonCanBeNamedByItsNumber() {
        assertThat(library.byId("04-gradients").id()).isEqualTo("04-gradients");
        assertThat(library.byId("04").id()).isEqualTo("04-gradients");
        assertThat(library.byId("4").id()).isEqualTo("04-gradients");
        assertThat(library.byId("16").id()).isEqualTo("16-generalisation");
        assertThat(library.byId("99")).isNull();
        assertThat(library.byId("gradients")).isNull();
    }

    /** The authors' guide lists every model key of the one table, and none the table does not have. */
    @Test
    void theGuidesKeyTableIsTheEnginesTable() throws Exception {
        String guide = java.nio.file.Files.readString(java.nio.file.Path.of("../lessons/README.md"));
        String table = guide.substring(guide.indexOf("| key | where |"), guide.indexOf("\n\n", guide.indexOf("| key | where |")));
        java.util.Set<String> listed = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("`([a-z_]+)`").matcher(
                String.join("\n", table.lines().map(l -> l.split("\\|")[1]).toList()));
        while (m.find()) {
            listed.add(m.group(1));
        }
        java.util.Set<String> scene = java.util.Set.of("label", "point", "data", "load", "batch", "seq", "seed", "train", "view", "inspect",
                "family", "width", "channels");
        java.util.Set<String> settings = new java.util.TreeSet<>(listed);
        settings.removeAll(scene);
        assertThat(settings).containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(org.seqlab.engine.train.Hyperparameter.values())
                .map(org.seqlab.engine.train.Hyperparameter::key).toList());
    }

    /**
     * Every idea the product promises is taught by a lesson that names it and has a scene whose point measures it on
     * the models (the measure the idea turns on), not only by prose.
     */
    @Test
    void everyPromisedTopicHasALessonWhoseSceneMeasuresIt() {
        record Topic(String lesson, String phrase, String measure) {
        }
        List<Topic> topics = List.of(
                new Topic("01-factorisation", "chain rule", "bits"),
                new Topic("02-likelihood", "maximum likelihood", "bits"),
                new Topic("04-gradients", "vanish", "grad_ratio"),
                new Topic("06-attention", "attention", "induction"),
                new Topic("07-masking-and-heads", "mask", "head_induction"),
                new Topic("08-positions", "position vector", "long_bits"),
                new Topic("12-pixelcnn", "blind spot", "blind_spot"),
                new Topic("12-pixelcnn", "order", "per_position"),
                new Topic("13-decoding", "greedy", "greedy_loop"),
                new Topic("14-exposure-bias", "teacher forcing", "free_gap"),
                new Topic("15-anomaly-detection", "anomal", "auc"),
                new Topic("17-tokens-and-perplexity", "perplexity", "bits_per_char"),
                new Topic("18-encoder-decoder", "bottleneck", "exact"));
        for (Topic t : topics) {
            Lesson lesson = library.byId(t.lesson());
            assertThat(lesson).as(t.lesson()).isNotNull();
            String text = lesson.steps().stream().flatMap(s -> s.blocks().stream())
                    .map(b -> b instanceof Lesson.Prose p ? p.markdown() : "").reduce("", String::concat).toLowerCase(java.util.Locale.ROOT);
            assertThat(text).as(t.lesson() + " names its topic").contains(t.phrase());
            assertThat(lesson.scenes().stream().filter(s -> s.point() != null)
                    .flatMap(s -> s.point().checks().stream()).flatMap(e -> e.calls().stream()).map(c -> c.measure().id()))
                    .as(t.lesson() + " measures " + t.measure() + " in a scene's point").contains(t.measure());
        }
    }
}
