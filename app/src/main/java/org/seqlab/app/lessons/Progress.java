package org.seqlab.app.lessons;

import org.seqlab.app.text.Texts;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.seqlab.engine.io.AtomicFile;

/**
 * What the learner has done, kept across restarts in {@code ~/.seqlab/progress.json} (or under
 * {@code -Dseqlab.home}): per lesson the step they are on, the steps they have seen and the quizzes they have
 * answered correctly. Written atomically after every change; a damaged file starts afresh instead of failing.
 */
public final class Progress {

    /** One answer to a quiz ("2.0": step 2's first quiz): what was given, whether it was right, when (ms since 1970). */
    public record Attempt(String quiz, String answer, boolean correct, long at) {
    }

    /** One press of a scene's button ("1.0"), and whether its point was made (null: the scene states none). */
    public record SceneRun(String scene, Boolean made, long at) {
    }

    /** One lesson's progress. Quizzes are named "step.index". */
    public static final class Entry {
        int current;
        TreeSet<Integer> seen = new TreeSet<>();
        TreeSet<String> solved = new TreeSet<>();
        List<Attempt> attempts = new ArrayList<>();
        TreeSet<String> hints = new TreeSet<>();
        List<SceneRun> scenes = new ArrayList<>();
        TreeMap<Integer, Long> millis = new TreeMap<>();

        public List<Attempt> attempts() {
            return List.copyOf(attempts);
        }

        /** The quizzes whose hint the learner was shown (after a first wrong answer). */
        public Set<String> hints() {
            return Set.copyOf(hints);
        }

        public List<SceneRun> scenes() {
            return List.copyOf(scenes);
        }

        /** Time spent on each step, in milliseconds. */
        public Map<Integer, Long> millis() {
            return Map.copyOf(millis);
        }

        public Set<Integer> seenSteps() {
            return Set.copyOf(seen);
        }

        public int current() {
            return current;
        }

        public boolean seen(int step) {
            return seen.contains(step);
        }

        public boolean solved(int step, int quiz) {
            return solved.contains(step + "." + quiz);
        }
    }

    private static final class Stored {
        Map<String, Entry> lessons = new LinkedHashMap<>();
        String open;
        boolean hidden;
    }

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();
    /** Answers and scene runs kept per lesson: enough for a term, well inside {@link #MAX_BYTES}. */
    static final int MAX_KEPT = 200;
    /** A step left open over lunch counts for an hour at most. */
    static final long MAX_VISIT_MILLIS = 60 * 60 * 1000L;

    /** The step on screen and since when, to count the time spent on it. */
    private record Shown(String lesson, int step, long since) {
    }

    private Shown shown;

    private final Path file;
    private Stored stored;
    private String notice;

    private Progress(Path file, Stored stored) {
        this.file = file;
        this.stored = stored;
    }

    /** The default file: {@code ~/.seqlab/progress.json}, or {@code <seqlab.home>/progress.json}. */
    public static Path defaultFile() {
        String home = System.getProperty("seqlab.home");
        return (home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".seqlab")).resolve("progress.json");
    }

    /** A learner's progress is small: a file larger than this was not written by SeqLab. */
    public static final long MAX_BYTES = 4L << 20;

    /**
     * The progress in {@code file}. Whatever is wrong with it (too large, not JSON, unreadable, a sparse 3 GB file), the
     * lessons start afresh and say so ({@link #notice()}); the unreadable file is moved aside, not overwritten later.
     */
    public static Progress load(Path file) {
        Stored s = null;
        String problem = null;
        try {
            if (Files.isRegularFile(file)) {
                long size = Files.size(file);
                if (size > MAX_BYTES) {
                    problem = Texts.get("lp.progressBig", size >> 20);
                } else {
                    s = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), Stored.class);
                }
            } else if (Files.exists(file)) {
                problem = Texts.get("lp.progressNotRegular");
            }
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            problem = e instanceof JsonParseException ? Texts.get("lp.progressJson") : Texts.get("lp.progressUnreadable", e.getClass().getSimpleName());
            s = null;
        }
        String notice = null;
        if (problem != null) {
            notice = Texts.get("lp.progressLost", file.toString(), problem);
            try {
                Path aside = file.resolveSibling(file.getFileName() + ".unreadable");
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
                notice += Texts.get("lp.progressKept", aside.getFileName().toString());
            } catch (IOException | RuntimeException e) {
                notice += Texts.get("lp.progressReplaced");
            }
            notice += ".";
        }
        if (s == null) {
            s = new Stored();
        }
        if (s.lessons == null) {
            s.lessons = new LinkedHashMap<>();
        }
        Progress p = new Progress(file, s);
        s.lessons.keySet().forEach(p::of);   // what an older SeqLab wrote lacks the answers and scenes: empty, not null
        p.notice = notice;
        return p;
    }

    /** What went wrong reading the progress file, for the status bar; null when it read well (or did not exist). */
    public String notice() {
        return notice;
    }

    public Entry of(String lesson) {
        Entry e = stored.lessons.computeIfAbsent(lesson, k -> new Entry());
        if (e.seen == null) {
            e.seen = new TreeSet<>();
        }
        if (e.solved == null) {
            e.solved = new TreeSet<>();
        }
        if (e.attempts == null) {
            e.attempts = new ArrayList<>();   // progress written before SeqLab kept answers
        }
        if (e.hints == null) {
            e.hints = new TreeSet<>();
        }
        if (e.scenes == null) {
            e.scenes = new ArrayList<>();
        }
        if (e.millis == null) {
            e.millis = new TreeMap<>();
        }
        return e;
    }

    /** Every lesson the learner has opened, by id. */
    public Map<String, Entry> lessons() {
        return java.util.Collections.unmodifiableMap(stored.lessons);
    }

    /** The learner is on this step (it counts as seen); the time since the last step shown counts for that step. */
    public void visit(String lesson, int step) {
        long now = System.currentTimeMillis();
        if (shown != null && stored.lessons.containsKey(shown.lesson())) {
            of(shown.lesson()).millis.merge(shown.step(), Math.min(now - shown.since(), MAX_VISIT_MILLIS), Long::sum);
        }
        shown = new Shown(lesson, step, now);
        Entry e = of(lesson);
        e.current = step;
        e.seen.add(step);
        stored.open = lesson;
        save();
    }

    public void solve(String lesson, int step, int quiz) {
        of(lesson).solved.add(step + "." + quiz);
        save();
    }

    /**
     * An answer to a quiz: kept with the time (the last {@value #MAX_KEPT} per lesson), the quiz solved when it is
     * right, and a first wrong answer counts as the hint taken, since that is when the reader shows it.
     */
    public void answer(String lesson, int step, int quiz, String answer, boolean correct) {
        Entry e = of(lesson);
        String id = step + "." + quiz;
        if (!correct && e.attempts.stream().noneMatch(a -> a.quiz().equals(id) && !a.correct())) {
            e.hints.add(id);
        }
        e.attempts.add(new Attempt(id, answer.length() > 100 ? answer.substring(0, 100) : answer, correct, System.currentTimeMillis()));
        if (e.attempts.size() > MAX_KEPT) {
            e.attempts.remove(0);
        }
        if (correct) {
            e.solved.add(id);
        }
        save();
    }

    /** A scene's button pressed and measured: whether its point was made (null when it states none). */
    public void scene(String lesson, int step, int index, Boolean made) {
        Entry e = of(lesson);
        e.scenes.add(new SceneRun(step + "." + index, made, System.currentTimeMillis()));
        if (e.scenes.size() > MAX_KEPT) {
            e.scenes.remove(0);
        }
        save();
    }

    /** The share of a lesson's steps seen, 0 to 1. */
    public double fraction(Lesson lesson) {
        Entry e = stored.lessons.get(lesson.id());
        if (e == null || lesson.steps().isEmpty()) {
            return 0;
        }
        return e.seen.stream().filter(s -> s < lesson.steps().size()).count() / (double) lesson.steps().size();
    }

    /** The lesson last open, or null. */
    public String open() {
        return stored.open;
    }

    public boolean readerHidden() {
        return stored.hidden;
    }

    public void setReaderHidden(boolean hidden) {
        stored.hidden = hidden;
        save();
    }

    /** Forgets one lesson's progress. */
    public void reset(String lesson) {
        stored.lessons.remove(lesson);
        save();
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            byte[] json = GSON.toJson(stored).getBytes(StandardCharsets.UTF_8);
            AtomicFile.write(file, out -> out.write(json));
        } catch (IOException e) {
            // progress is a convenience: a read-only home must not stop the lesson
            System.err.println("seqlab: could not save lesson progress to " + file + ": " + e.getMessage());
        }
    }
}
