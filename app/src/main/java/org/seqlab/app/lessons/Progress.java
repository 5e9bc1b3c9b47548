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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.seqlab.engine.io.AtomicFile;

/**
 * What the learner has done, kept across restarts in {@code ~/.seqlab/progress.json} (or under
 * {@code -Dseqlab.home}): per lesson the step they are on, the steps they have seen and the quizzes they have
 * answered correctly. Written atomically after every change; a damaged file starts afresh instead of failing.
 */
public final class Progress {

    /** One lesson's progress. Quizzes are named "step.index". */
    public static final class Entry {
        int current;
        TreeSet<Integer> seen = new TreeSet<>();
        TreeSet<String> solved = new TreeSet<>();

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
    public static final long MAX_BYTES = 1L << 20;

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
        return e;
    }

    /** The learner is on this step (it counts as seen). */
    public void visit(String lesson, int step) {
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
