package org.seqlab.app.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.seqlab.app.export.FigureExporter;
import org.seqlab.app.figures.Figure;
import org.seqlab.app.figures.LossChartFigure;
import org.seqlab.app.figures.Style;
import org.seqlab.app.figures.TrainerTasks;
import org.seqlab.app.figures.ViewId;
import org.seqlab.app.lessons.Lesson;
import org.seqlab.app.lessons.LessonLibrary;
import org.seqlab.app.lessons.LessonParser;
import org.seqlab.app.lessons.LessonProblem;
import org.seqlab.app.lessons.Scene;
import org.seqlab.app.lessons.ScenePlan;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.DataSource;
import org.seqlab.engine.data.catalog.DataSources;
import org.seqlab.engine.io.AtomicFile;
import org.seqlab.engine.io.DataException;
import org.seqlab.engine.train.LabTrainer;
import org.seqlab.engine.train.TrainingSnapshot;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code seqlab export}: a lesson's figures without a display. Every scene is set up as in the lab (data, models,
 * batches, seed), trained the steps it asks for, and its loss chart and view are written with the same figure code
 * the lab draws — so the same lesson and seed give the same figures.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Writes a lesson's figures (or one scene's) without a display: each scene's loss chart and its view.")
public final class ExportCommand implements Callable<Integer> {

    static final class Source {
        @Option(names = "--lesson", paramLabel = "ID|PATH", description = "a built-in lesson's id or number (04-gradients or 4) or a lesson's folder or lesson.md")
        String lesson;

        @Option(names = "--scene", paramLabel = "FILE", description = "a file holding one scene's YAML (what goes inside a ```scene block)")
        Path scene;
    }

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where the figures go (created if needed)")
    Path out;

    @Option(names = "--seed", description = "overrides the scenes' seeds (weights, batches, sampling)")
    Long seed;

    @Option(names = "--formats", paramLabel = "LIST", description = "png1, png2, png4, svg, csv, txt (the description; always written beside a PNG) or all (default ${DEFAULT-VALUE})")
    String formats = "png2,svg,csv,txt";

    @Option(names = "--width", description = "figure width in logical pixels (default ${DEFAULT-VALUE})")
    int width = 1200;

    @Option(names = "--height", description = "figure height in logical pixels (default ${DEFAULT-VALUE})")
    int height = 700;

    @Option(names = "--style", paramLabel = "STYLE", converter = StyleConverter.class,
            description = "normal, presentation (type 1.5 times larger, high contrast) or high-contrast (default normal)")
    Style style = Style.NORMAL;

    /** The figure styles by the names the command line uses. */
    static final class StyleConverter implements picocli.CommandLine.ITypeConverter<Style> {
        @Override
        public Style convert(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "normal" -> Style.NORMAL;
                case "presentation" -> Style.PRESENTATION;
                case "high-contrast" -> Style.HIGH_CONTRAST;
                default -> throw new picocli.CommandLine.TypeConversionException(
                        "unknown style '" + value + "'; choose normal, presentation or high-contrast");
            };
        }
    }

    @Option(names = "--json", description = "one JSON object per file written")
    boolean json;

    /** A scene and where its figures are named from. */
    record Job(String stem, Scene scene) {
    }

    @Override
    public Integer call() throws Exception {
        Options.range(spec, "--width", width, 200, 8000);
        Options.range(spec, "--height", height, 150, 8000);
        Set<FigureExporter.Format> chosen = FigureExporter.described(Options.usage(spec, () -> FigureExporter.Format.parse(formats)));
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new DataException("--out " + out + " is a file; give a folder for the figures (it is created if needed)");
        }
        List<Job> jobs = jobs();
        Files.createDirectories(out);
        AtomicFile.checkDestination(out.resolve("figure.png"));   // writable, before any training
        Engine.start();
        try (LabTrainer trainer = new LabTrainer()) {
            TrainerTasks tasks = new TrainerTasks(trainer);
            int trained = 0;
            for (Job job : jobs) {
                Scene s = job.scene();
                if (s.encoderDecoders() != null) {
                    err.println("seqlab: " + job.stem() + ": training the encoder–decoders to step " + s.train() + "…");
                    for (EncoderDecoderExport.Part part : EncoderDecoderExport.figures(trainer.thread(), s.encoderDecoders(), s.train(), s.inspect(),
                            seed)) {
                        for (Path file : FigureExporter.write(part.figure(), width, height, chosen, out.resolve(job.stem() + "-" + part.name()), style)) {
                            stdout.println(json ? Json.object().put("scene", job.stem()).put("view", part.name()).put("file", file.toString())
                                    .put("step", s.train()).line() : file.toString());
                        }
                    }
                    trained = 0;
                    continue;
                }
                if (!s.keepsModels()) {
                    ScenePlan plan = ScenePlan.of(s, seed);
                    DataSource data = DataSources.open(plan.dataSpec());
                    plan.setUp(trainer, data, s);
                    trained = 0;
                    CheckLessonsCommand.inspect(s, data, tasks);
                } else if (s.inspect() != null) {
                    tasks.inspect(s.inspect());
                }
                trained += s.train();
                err.println("seqlab: " + job.stem() + ": " + (s.train() > 0 ? "training to step " + trained + "…" : "setting up…"));
                err.flush();
                TrainingSnapshot snap = await(trainer, trained);
                List<Figure> figures = new ArrayList<>();
                if (!s.keepsModels() || s.train() > 0) {
                    figures.add(new LossChartFigure(snap, LossChartFigure.XAxis.STEPS));
                }
                if (s.view() != null) {
                    figures.add(ViewId.byName(s.view()).figure(snap, tasks, seed != null ? seed : 1));
                }
                for (Figure f : figures) {
                    String part = f.name().equals("loss") ? "loss" : s.view();
                    for (Path file : FigureExporter.write(f, width, height, chosen, out.resolve(job.stem() + "-" + part), style)) {
                        if (json) {
                            stdout.println(Json.object().put("scene", job.stem()).put("view", part).put("file", file.toString())
                                    .put("step", snap.step()).line());
                        } else {
                            stdout.println(file);
                        }
                    }
                }
            }
        }
        return 0;
    }

    /** Every scene of the lesson in order, named lesson-s<step>-<n>; or the one scene of a scene file. */
    private List<Job> jobs() throws Exception {
        List<Job> jobs = new ArrayList<>();
        if (source.scene != null) {
            if (!Files.isRegularFile(source.scene)) {
                throw new IllegalArgumentException("no such scene file: " + source.scene);
            }
            List<LessonProblem> problems = new ArrayList<>();
            Path folder = source.scene.toAbsolutePath().getParent();
            Scene s = LessonParser.parseScene(Files.readString(source.scene, StandardCharsets.UTF_8), source.scene.toString(), folder, problems);
            refuse(problems);
            if (s.keepsModels()) {
                throw new IllegalArgumentException(source.scene + ": a scene on its own must name its data and models");
            }
            String name = source.scene.getFileName().toString().replaceAll("\\.[^.]*$", "");
            jobs.add(new Job(name, s));
            return jobs;
        }
        Lesson lesson = lesson(source.lesson);
        for (int i = 0; i < lesson.steps().size(); i++) {
            List<Scene> scenes = lesson.steps().get(i).scenes();
            for (int k = 0; k < scenes.size(); k++) {
                jobs.add(new Job(lesson.id() + "-s" + (i + 1) + "-" + (k + 1), scenes.get(k)));
            }
        }
        if (jobs.isEmpty()) {
            throw new IllegalArgumentException(lesson.file() + " has no scenes");
        }
        return jobs;
    }

    private static Lesson lesson(String spec) {
        Path p = Path.of(spec);
        if (Files.exists(p)) {
            Path folder = Files.isDirectory(p) ? p : p.toAbsolutePath().getParent();
            LessonLibrary lib = LessonLibrary.load(folder, folder.toString());
            refuse(lib.problems());
            if (lib.lessons().size() != 1) {
                throw new IllegalArgumentException(spec + " holds " + lib.lessons().size() + " lessons; name one lesson's folder");
            }
            return lib.lessons().get(0);
        }
        LessonLibrary lib = LessonLibrary.builtIn();
        Lesson l = lib.byId(spec);
        if (l == null) {
            throw new IllegalArgumentException("no lesson '" + spec + "'; the lessons are " + String.join(", ",
                    lib.lessons().stream().map(Lesson::id).toList()));
        }
        return l;
    }

    private static void refuse(List<LessonProblem> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        }
    }

    /**
     * The snapshot once the session has reached {@code step} and paused — or stopped earlier because a model diverged,
     * where the scene ends as it does on screen ({@link CheckLessonsCommand#trainTo}) — with the inspection made there.
     */
    private static TrainingSnapshot await(LabTrainer trainer, int step) throws Exception {
        CheckLessonsCommand.trainTo(trainer, step);
        return trainer.settled().get();
    }
}
