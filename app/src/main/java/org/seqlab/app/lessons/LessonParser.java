package org.seqlab.app.lessons;

import org.seqlab.app.text.EngineNames;
import org.seqlab.app.text.Texts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.seqlab.app.figures.ViewId;
import org.seqlab.engine.data.catalog.DataSources;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.train.RunConfig;

/**
 * Reads a lesson file: YAML front matter between {@code ---} lines, then steps, each starting at a {@code ## }
 * heading, made of Markdown with math and of ```scene and ```quiz blocks. Every mistake is collected with its line:
 * malformed YAML, unknown keys, data, model families, settings out of range, views the scene's models cannot fill,
 * math that does not parse. A lesson with problems is still returned, so a reader can show what it could read.
 */
public final class LessonParser {

    static final Set<String> FRONT_KEYS = ordered("title", "summary", "objectives", "prerequisites", "minutes");
    static final Set<String> SCENE_KEYS = ordered("label", "data", "load", "models", "batch", "seq", "seed", "train", "view", "inspect",
            "point", "expect");

    private final String file;
    private final Path folder;
    private final List<LessonProblem> problems;

    private LessonParser(String file, Path folder, List<LessonProblem> problems) {
        this.file = file;
        this.folder = folder;
        this.problems = problems;
    }

    String file() {
        return file;
    }

    List<LessonProblem> problems() {
        return problems;
    }

    private static Set<String> ordered(String... keys) {
        return new LinkedHashSet<>(List.of(keys));
    }

    /**
     * @param id       the lesson's id (its folder's name)
     * @param file     the file's name for messages
     * @param folder   the lesson's folder, where a scene's own data file lives (may be null)
     * @param problems receives every mistake found
     */
    public static Lesson parse(String id, String text, String file, Path folder, List<LessonProblem> problems) {
        return new LessonParser(file, folder, problems).parse(id, text);
    }

    /** One scene on its own (the YAML inside a ```scene block), for {@code seqlab export --scene}. */
    public static Scene parseScene(String yaml, String file, Path folder, List<LessonProblem> problems) {
        return new LessonParser(file, folder, problems).scene(yaml, 1);
    }

    private Lesson parse(String id, String text) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        int i = 0;
        YamlBlock front = null;
        if (lines.length > 0 && lines[0].strip().equals("---")) {
            int close = -1;
            for (int j = 1; j < lines.length; j++) {
                if (lines[j].strip().equals("---")) {
                    close = j;
                    break;
                }
            }
            if (close < 0) {
                problems.add(new LessonProblem(file, 1, Texts.get("lp.frontOpen")));
                return new Lesson(id, file, id, "", List.of(), List.of(), 0, List.of());
            }
            front = YamlBlock.parse(join(lines, 1, close), file, 2, problems);
            i = close + 1;
        } else {
            problems.add(new LessonProblem(file, 1, Texts.get("lp.frontMissing")));
        }
        String title = id;
        String summary = "";
        List<String> objectives = List.of();
        List<String> prerequisites = List.of();
        int minutes = 0;
        if (front != null) {
            front.onlyKeys("lesson's front matter", FRONT_KEYS);
            title = front.required("title", "the front matter");
            summary = front.string("summary", "");
            objectives = front.strings("objectives");
            prerequisites = front.strings("prerequisites");
            Integer m = front.integer("minutes", 1, 600);
            minutes = m == null ? 0 : m;
        }

        List<Lesson.Step> steps = new ArrayList<>();
        String stepTitle = null;
        int stepLine = i + 1;
        List<LessonBlock> blocks = new ArrayList<>();
        StringBuilder prose = new StringBuilder();
        int proseLine = i + 1;
        for (; i < lines.length; i++) {
            String line = lines[i];
            String fence = fenceOf(line);
            if (fence != null) {
                String info = line.strip().substring(3).strip().toLowerCase(Locale.ROOT);
                int close = i + 1;
                while (close < lines.length && !lines[close].strip().startsWith(fence)) {
                    close++;
                }
                if (close >= lines.length) {
                    problems.add(new LessonProblem(file, i + 1, Texts.get("lp.codeOpen", fence)));
                }
                if (info.equals("scene") || info.equals("quiz")) {
                    flush(blocks, prose, proseLine);
                    String body = join(lines, i + 1, Math.min(close, lines.length));
                    blocks.add(info.equals("scene") ? scene(body, i + 2) : QuizBlock.parse(body, i + 2, file, problems, this::checkMath));
                    i = close;
                    proseLine = i + 2;
                    continue;
                }
                // any other code block is part of the prose
                for (int j = i; j <= Math.min(close, lines.length - 1); j++) {
                    prose.append(lines[j]).append('\n');
                }
                i = close;
                continue;
            }
            if (line.startsWith("## ")) {
                flush(blocks, prose, proseLine);
                if (stepTitle != null || !blocks.isEmpty()) {
                    steps.add(new Lesson.Step(stepLine, stepTitle == null ? title : stepTitle, List.copyOf(blocks)));
                }
                blocks.clear();
                stepTitle = line.substring(3).strip();
                stepLine = i + 1;
                proseLine = i + 2;
                continue;
            }
            if (prose.isEmpty()) {
                proseLine = i + 1;
            }
            prose.append(line).append('\n');
        }
        flush(blocks, prose, proseLine);
        if (stepTitle != null || !blocks.isEmpty()) {
            steps.add(new Lesson.Step(stepLine, stepTitle == null ? title : stepTitle, List.copyOf(blocks)));
        }
        if (steps.isEmpty()) {
            problems.add(new LessonProblem(file, lines.length, Texts.get("lp.noSteps")));
        }
        return new Lesson(id, file, title, summary, List.copyOf(objectives), List.copyOf(prerequisites), minutes,
                SceneCheckpoints.of(steps, folder));
    }

    private static String fenceOf(String line) {
        String s = line.strip();
        return s.startsWith("```") ? "```" : s.startsWith("~~~") ? "~~~" : null;
    }

    private static String join(String[] lines, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int j = from; j < to; j++) {
            sb.append(lines[j]).append('\n');
        }
        return sb.toString();
    }

    /** Ends a run of Markdown, checking its math. */
    private void flush(List<LessonBlock> blocks, StringBuilder prose, int line) {
        String md = prose.toString();
        prose.setLength(0);
        if (md.isBlank()) {
            return;
        }
        checkMath(md, line);
        blocks.add(new Lesson.Prose(line, md));
    }

    void checkMath(String md, int line) {
        for (int l : MathSpans.splitInline(md)) {
            problems.add(new LessonProblem(file, line + l, Texts.get("lp.mathLines")));
        }
        for (MathSpans.Span s : MathSpans.find(md)) {
            if (s.tex().isBlank()) {
                problems.add(new LessonProblem(file, line + s.line(), Texts.get("lp.emptyMath")));
                continue;
            }
            String problem = SafeTeX.problem(s.tex());
            if (problem != null) {
                problems.add(new LessonProblem(file, line + s.line(), problem));
            }
        }
    }

    private Scene scene(String body, int firstLine) {
        YamlBlock y = YamlBlock.parse(body, file, firstLine, problems);
        y.onlyKeys("scene", SCENE_KEYS);
        if (!y.has("data") && !y.has("models")) {
            if (y.has("load")) {
                y.problem("load", Texts.get("lp.loadData"));
            }
            return viewOnly(y);
        }
        if (y.string("data", "").strip().startsWith("task:")) {
            return EncoderDecoderScenes.parse(y);
        }
        String data = y.required("data", "a scene").strip();
        Path dataFile = null;
        if (!data.isEmpty() && !DataSources.isBuiltIn(data)) {
            // a text file inside the lesson's folder, and nowhere else
            try {
                dataFile = LessonFiles.inside(folder, data);
            } catch (IllegalArgumentException e) {
                boolean plainName = !data.contains("/") && !data.contains("\\") && !data.startsWith(".") && !data.startsWith("~");
                y.problem("data", plainName && e.getLocalizedMessage().equals(Texts.get("lp.noFile", data))
                        ? Texts.get("lp.unknownData", data, String.join(", ", DataSources.BUILT_IN))
                        : Texts.get("lp.data", e.getLocalizedMessage()));
            }
        }
        boolean image = DataSources.isImages(data);
        Path load = null;
        if (y.has("load")) {
            // a model file inside the lesson's folder, and nowhere else; what it holds is read when the scene runs
            String name = y.string("load", "").strip();
            try {
                if (!name.endsWith(".safetensors") && !name.endsWith(".seqlab")) {
                    throw new IllegalArgumentException(Texts.get("lp.loadKind", name));
                }
                load = LessonFiles.inside(folder, name);
            } catch (IllegalArgumentException e) {
                y.problem("load", Texts.get("lp.load", e.getLocalizedMessage()));
            }
            if (y.has("models")) {
                y.problem("models", Texts.get("lp.loadModels"));
            }
        }
        List<Scene.Model> models = new ArrayList<>();
        List<YamlBlock> mb = y.has("load") ? List.of() : y.blocks("models");
        if (!y.has("models") && !y.has("load")) {
            y.problem("data", Texts.get("lp.needsModels"));
        } else if (!y.has("load") && (mb.isEmpty() || mb.size() > 4)) {
            y.problem("models", Texts.get("lp.modelCount", String.valueOf(mb.size())));
        }
        for (YamlBlock m : mb) {
            Scene.Model model = ModelBlocks.parse(m);
            if (model == null) {
                continue;
            }
            if (!data.isEmpty() && model.family().image() != image) {
                m.problem("family", Texts.get(image ? "lp.readsText" : "lp.readsImages", EngineNames.family(model.family())));
            }
            models.add(model);
        }
        Integer batch = y.integer("batch", 1, 512);
        Integer seq = y.integer("seq", 2, 4096);
        Integer seed = y.integer("seed", 0, Integer.MAX_VALUE);
        Integer train = y.integer("train", 0, 20_000);
        int steps = seq == null ? 64 : seq;
        for (int k = 0; k < models.size(); k++) {
            Scene.Model m = models.get(k);
            int context = m.context() != null ? m.context() : RunConfig.defaults(Family.TRANSFORMER).model().context();
            if (m.family() == Family.TRANSFORMER && context < steps) {
                mb.get(k).problem("family", Texts.get("lp.context", String.valueOf(context), String.valueOf(steps)));
            }
        }
        String view = y.string("view", null);
        if (view != null) {
            try {
                ViewId v = ViewId.byName(view);
                Set<Family> families = models.stream().map(Scene.Model::family).collect(Collectors.toSet());
                if (!models.isEmpty() && !v.fills(families)) {
                    y.problem("view", Texts.get("lp.viewNeeds", view, v.fillers()));
                }
                view = v.id();
            } catch (IllegalArgumentException e) {
                y.problem("view", e.getLocalizedMessage());
                view = null;
            }
        }
        String label = y.string("label", Texts.get("scene.default.setUp"));
        return new Scene(y.line(), label, data, dataFile, List.copyOf(models), batch == null ? 32 : batch, seq == null ? 64 : seq,
                seed == null ? 1 : seed, train == null ? 0 : train, view, y.string("inspect", null), ScenePoint.parse(y, models), null, load, null);
    }

    /** A scene that keeps the models and only shows a view, inspects an input or trains further. */
    private Scene viewOnly(YamlBlock y) {
        for (String k : List.of("batch", "seq", "seed")) {
            if (y.has(k)) {
                y.problem(k, Texts.get("lp.keepsModels", k));
            }
        }
        String view = y.string("view", null);
        if (view != null) {
            try {
                view = ViewId.byName(view).id();
            } catch (IllegalArgumentException e) {
                y.problem("view", e.getLocalizedMessage());
            }
        }
        Integer train = y.integer("train", 0, 20_000);
        String inspect = y.string("inspect", null);
        if (view == null && inspect == null && train == null) {
            problems.add(new LessonProblem(file, y.line(), Texts.get("lp.sceneDoes")));
        }
        return new Scene(y.line(), y.string("label", view != null ? Texts.get("scene.default.show", view) : Texts.get("scene.default.go")), null, null, List.of(), 0, 0, 0,
                train == null ? 0 : train, view, inspect, ScenePoint.parse(y, List.of()), null, null, null);
    }
}
