package org.seqlab.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.seqlab.app.figures.TrainerTasks;
import org.seqlab.app.lessons.Demos;
import org.seqlab.app.lessons.Lesson;
import org.seqlab.app.lessons.LessonLibrary;
import org.seqlab.app.lessons.LessonPack;
import org.seqlab.app.lessons.Scene;
import org.seqlab.app.lessons.ScenePlan;
import org.seqlab.engine.train.SessionFile;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.DataSource;
import org.seqlab.engine.data.catalog.DataSources;
import org.seqlab.engine.expect.Measured;
import org.seqlab.engine.expect.Point;
import org.seqlab.engine.seq2seq.Seq2SeqExperiment;
import org.seqlab.engine.seq2seq.Seq2SeqMeasurement;
import org.seqlab.engine.seq2seq.Seq2SeqTrainer;
import org.seqlab.engine.train.ModelRun;
import org.seqlab.engine.train.LabTrainer;
import org.seqlab.engine.train.Trainer;
import org.seqlab.engine.train.TrainingSession;
import org.seqlab.engine.train.TrainingSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code seqlab check-lessons}: every scene of the lessons run as the lab runs it (the same trainer, with the views'
 * inspection following the models), and its point measured as the reader measures it. While it trains, the point is
 * measured every few steps, so the report says after how many steps and seconds (from the button press: data, models,
 * training) the point was first made, and whether it holds when the scene ends. Exits 1 if any point is not made.
 */
@Command(name = "check-lessons", mixinStandardHelpOptions = true,
        description = "Runs every lesson scene as the lab would and says whether each makes its point (its 'expect:'), after how"
                + " many steps and seconds.")
public final class CheckLessonsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--lesson", paramLabel = "ID", description = "only this lesson (e.g. 04-gradients, or 4); may repeat")
    List<String> lessons = new ArrayList<>();

    @Option(names = "--folder", paramLabel = "DIR", description = "check the lessons in this folder (one sub-folder per lesson, as"
            + " Lessons → Open lesson folder… reads it) instead of the built-in ones")
    Path folder;

    @Option(names = "--pack", paramLabel = "FILE", description = "check the lesson in this pack (.seqlesson, as seqlab pack writes it and"
            + " Lessons → Open lesson pack… reads it): it is checked and unpacked first, as the lab does")
    Path pack;

    @Option(names = "--save-checkpoints", paramLabel = "DIR", description = "after each scene, save the lab's models and their history"
            + " as DIR/<scene>.seqrun (what seqlab pack --with-checkpoints carries)")
    Path saveCheckpoints;

    /** What a pack's scenes measured when it was packed, to compare with what they measure now. */
    private Expected expected = Expected.NONE;

    @Option(names = "--demos", description = "the start board's demos instead of the lessons")
    boolean demos;

    @Option(names = "--lang", paramLabel = "L", description = "check the lessons' translations into this language (de, zh-CN): each "
            + "lesson.L.md beside lesson.md, else the English one")
    String lang;

    @Option(names = "--json", description = "one JSON object per scene, then a summary line")
    boolean json;

    @Option(names = "--seed", description = "overrides the scenes' seeds (weights, batches): does the point hold for other seeds too?")
    Long seed;

    /** When training reached each step, so that a point made at a checkpoint has its time from the scene's button. */
    private final StepClock clock = new StepClock();

    /** Records the time of every step the trainer takes (engine thread; read after a barrier on it). */
    static final class StepClock implements Trainer.Follower<TrainingSession, TrainingSnapshot> {
        private final Map<Integer, Long> reached = new ConcurrentHashMap<>();
        private TrainingSession counting;

        @Override
        public void refresh(TrainingSession session) {
            if (session != counting) {
                reached.clear();   // a new session counts its steps from 0 again
                counting = session;
            }
        }

        @Override
        public void afterStep(TrainingSession session, long nanoTime) {
            reached.put(session.stepsTaken(), nanoTime);
        }

        @Override
        public TrainingSnapshot decorate(TrainingSnapshot snapshot) {
            return snapshot;
        }

        /** When step {@code step} was reached, or {@code otherwise} when it was not trained to (the scene's start). */
        long at(int step, long otherwise) {
            return reached.getOrDefault(step, otherwise);
        }
    }

    /** One scene's outcome. */
    record Outcome(String lesson, String scene, String label, Point.Verdict verdict, int metAtStep, double metAtSeconds, int steps,
            double seconds) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (lang != null) {
            org.seqlab.app.text.Texts.use(Options.usage(spec, () -> org.seqlab.app.text.Texts.parse(lang)));   // which file each lesson is read from
        }
        LessonLibrary lib;
        if (pack != null) {
            LessonPack.Opened opened = LessonPack.open(pack);   // a hostile or damaged pack stops here, with its sentence
            out.println(String.format("%s: lesson %s, hash %s", pack.getFileName(), opened.id(), opened.hash()));
            lib = LessonLibrary.load(opened.folder(), String.valueOf(pack.getFileName()));
            expected = Expected.read(opened.folder().resolve("checkpoints/" + Expected.FILE));
        } else {
            lib = folder == null ? LessonLibrary.builtIn() : LessonLibrary.load(folder, folder.getFileName().toString());
        }
        for (var problem : lib.problems()) {
            spec.commandLine().getErr().println("seqlab: " + problem);
        }
        List<Lesson> chosen = new ArrayList<>();
        if (demos) {
            chosen.add(Demos.asLesson());
        } else if (lessons.isEmpty()) {
            chosen.addAll(lib.lessons());
        }
        for (String id : lessons) {
            Lesson l = lib.byId(id);   // an id, or just its number ("4")
            if (l == null) {
                throw new IllegalArgumentException("no lesson '" + id + "'; the lessons are "
                        + String.join(", ", lib.lessons().stream().map(Lesson::id).toList()));
            }
            chosen.add(l);
        }
        Engine.start();
        List<Outcome> outcomes = new ArrayList<>();
        try (LabTrainer trainer = new LabTrainer()) {
            TrainerTasks tasks = new TrainerTasks(trainer);
            trainer.follow(clock);
            for (Lesson lesson : chosen) {
                checkLesson(lesson, trainer, tasks, outcomes, out);
            }
        }
        long measured = outcomes.stream().filter(o -> o.verdict() != null).count();
        long met = outcomes.stream().filter(o -> o.verdict() != null && o.verdict().met()).count();
        double slowest = outcomes.stream().filter(o -> o.verdict() != null && o.verdict().met()).mapToDouble(Outcome::metAtSeconds).max().orElse(0);
        if (json) {
            out.println(Json.object().put("summary", true).put("scenes", outcomes.size()).put("with_point", measured).put("met", met)
                    .put("slowest_seconds", slowest).line());
        } else {
            out.printf("%d of %d points made (%d scenes); the slowest made its point %.1f s after its button%n", met, measured, outcomes.size(),
                    slowest);
        }
        out.flush();
        return met == measured ? 0 : 1;
    }

    private void checkLesson(Lesson lesson, LabTrainer trainer, TrainerTasks tasks, List<Outcome> outcomes, PrintWriter out) throws Exception {
        int trained = 0;
        String input = null;
        for (int i = 0; i < lesson.steps().size(); i++) {
            List<Scene> scenes = lesson.steps().get(i).scenes();
            for (int k = 0; k < scenes.size(); k++) {
                Scene s = scenes.get(k);
                String name = "s" + (i + 1) + "-" + (k + 1);
                long start = System.nanoTime();
                if (s.encoderDecoders() != null) {
                    Outcome o = checkEncoderDecoders(lesson, name, s);
                    outcomes.add(o);
                    print(o, out);
                    continue;
                }
                Path saved = seed != null ? null : s.checkpoint();   // a pack's trained scene, as the lab opens it (another seed trains)
                boolean restored = saved != null;
                if (restored) {
                    // the pack's trained scene: the models as they were when it was packed, their history with them
                    SessionFile.Loaded loaded = SessionFile.load(saved);
                    trainer.adopt(loaded.session(), "").get();
                    trained = loaded.session().stepsTaken();
                    input = !s.keepsModels() ? inspect(s, loaded.session().data(), tasks) : s.inspect() != null ? s.inspect() : input;
                    if (s.keepsModels() && s.inspect() != null) {
                        tasks.inspect(input);
                    }
                } else if (!s.keepsModels()) {
                    ScenePlan plan = ScenePlan.of(s, seed);
                    DataSource data = DataSources.open(plan.dataSpec());
                    plan.setUp(trainer, data, s);
                    trained = 0;
                    input = inspect(s, data, tasks);
                } else if (s.inspect() != null) {
                    input = s.inspect();
                    tasks.inspect(input);
                }
                int target = restored ? trained : trained + s.train();
                int from = restored ? 0 : trained;
                // trained as the lab trains it, then measured by the lab's own code: now, and at every checkpoint
                int at = s.train() > 0 ? trainTo(trainer, target) : trained;
                int metAt = -1;
                double metSeconds = Double.NaN;
                Point.Verdict verdict = null;
                if (s.point() != null) {
                    String in = input;
                    Measured m = trainer.submit(session -> Measured.of(s.point(), session, in)).get();
                    verdict = m.verdict();
                    int first = m.history().madeFrom();
                    if (verdict.met() && (first < 0 || first > at)) {
                        first = at;                      // made at the end, which no checkpoint fell on
                    }
                    if (first >= 0 && first <= at) {
                        metAt = Math.max(first, from);
                        // when this scene's training reached that step (at once when it held as the scene began)
                        metSeconds = restored ? (System.nanoTime() - start) / 1e9 : metAt <= from ? 0 : Math.max(0, clock.at(metAt, start) - start) / 1e9;
                    }
                }
                trained = at;
                if (saveCheckpoints != null) {
                    Path to = saveCheckpoints.resolve(name + SessionFile.EXTENSION);
                    trainer.submit(session -> {
                        try {
                            SessionFile.save(to, session);
                            return null;
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).get();
                }
                Outcome o = new Outcome(lesson.id(), name, s.label(), verdict, metAt, metSeconds, at, (System.nanoTime() - start) / 1e9);
                outcomes.add(o);
                print(o, out);
                if (saveCheckpoints != null && verdict != null) {
                    Expected.append(saveCheckpoints.resolve(Expected.FILE), name, verdict);
                }
                String differs = expected.differs(name, verdict);
                if (differs != null) {
                    out.println(differs);
                }
            }
        }
    }

    /** A scene on a task: its encoder–decoders trained in lockstep, as the encoder–decoder lab trains them, measured as it does. */
    /** An encoder–decoder scene, trained and measured by the session the encoder–decoder lab runs it in. */
    private Outcome checkEncoderDecoders(Lesson lesson, String name, Scene s) throws Exception {
        long start = System.nanoTime();
        Seq2SeqExperiment.Spec spec = seed != null ? s.encoderDecoders().withSeed(seed) : s.encoderDecoders();
        try (Seq2SeqTrainer session = new Seq2SeqTrainer()) {
            session.setUp(spec).get();
            if (s.inspect() != null) {
                session.inspect(s.inspect()).get();
            }
            int trained = 0;
            if (s.train() > 0) {
                session.train(s.train());
                trained = session.whenMeasured(s.train()).get().step();
            }
            Measured m = s.point() == null ? null : session.measure(s.point()).get();
            int metAt = m == null || !m.verdict().met() ? -1 : m.history().madeFrom();
            double metSeconds = Double.NaN;
            for (Seq2SeqMeasurement at : session.measurements().get()) {
                if (at.step() == metAt) {
                    metSeconds = (at.nanoTime() - start) / 1e9;
                }
            }
            return new Outcome(lesson.id(), name, s.label(), m == null ? null : m.verdict(), metAt, metSeconds, trained,
                    (System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * Hands a scene's input to the views' inspection as the lab does ({@link ScenePlan#input}) and returns it, for the
     * measures to read too.
     */
    static String inspect(Scene s, DataSource data, TrainerTasks tasks) {
        ScenePlan.Input in = ScenePlan.input(s.inspect(), data);
        tasks.inspect(in.text());
        if (in.pixel() >= 0) {
            tasks.inspectAt(in.pixel());
        }
        return in.text();
    }

    private void print(Outcome o, PrintWriter out) {
        Point.Verdict v = o.verdict();
        if (json) {
            Json j = Json.object().put("lesson", o.lesson()).put("scene", o.scene()).put("label", o.label())
                    .put("met", v == null ? null : v.met()).put("steps", o.metAtStep() < 0 ? null : o.metAtStep())
                    .put("seconds", o.metAtStep() < 0 ? null : o.metAtSeconds()).put("trained", o.steps())
                    .put("scene_seconds", o.seconds());
            if (v != null) {
                Map<String, Object> values = new LinkedHashMap<>();
                v.values().forEach((k, x) -> values.put(k, Json.round(x)));
                j.put("says", v.says()).put("values", values);
                if (!v.met()) {
                    j.put("failed", v.failed());
                }
            }
            out.println(j.line());
        } else if (v == null) {
            out.printf("%-24s %-5s  no point stated (%d steps, %.1f s)%n", o.lesson(), o.scene(), o.steps(), o.seconds());
        } else {
            String when = o.metAtStep() < 0 ? "never" : String.format("at step %d, %.1f s", o.metAtStep(), o.metAtSeconds());
            out.printf("%-24s %-5s  %s  [made %s; scene %d steps, %.1f s]%n", o.lesson(), o.scene(), v.text(), when, o.steps(), o.seconds());
        }
        out.flush();
    }

    /**
     * Trains to {@code step} and returns where training stopped: {@code step}, or earlier when a model diverged (the
     * trainer pauses then, and the scene ends there as it does on screen); fails if every model diverged.
     */
    static int trainTo(LabTrainer trainer, int step) throws Exception {
        int reached = trainer.trainTo(step).get();
        if (reached < step) {
            // a divergence ends the scene early, as it does on screen; anything else stopping it is a failure, not a result
            boolean any = trainer.submit(session -> session.runs().stream()
                    .anyMatch(r -> r.status() == ModelRun.Status.DIVERGED)).get();
            if (!any) {
                throw new IllegalStateException("training stopped at step " + reached + " of " + step + ": " + trainer.latest().message());
            }
            if (trainer.submit(session -> session.allDiverged()).get()) {
                throw new IllegalStateException("every model diverged at step " + reached);
            }
        }
        return reached;
    }
}
