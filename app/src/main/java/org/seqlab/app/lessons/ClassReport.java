package org.seqlab.app.lessons;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.seqlab.app.figures.Table;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.io.AtomicFile;

/**
 * A class's progress in one table, from a folder of the learners' exports ({@link ProgressExport}): per learner and
 * lesson the steps seen and the share of the lesson, the quizzes answered and right, those right at the first try,
 * the hints, the scenes run and their points made, and the minutes spent; then, per lesson, the class's means and the
 * questions most often missed. A file that is not an export is named and skipped; the others make the report.
 */
public final class ClassReport {

    public static final String HEAD = "learner,lesson,steps_seen,steps,completion,quizzes_answered,quizzes_right,quiz_score,right_first_try,"
            + "hints,scenes_run,points_made,minutes,most_missed";
    /** An export is a few hundred KB at most; a class is a few hundred learners. */
    static final long MAX_FILE_BYTES = 8L << 20;
    static final int MAX_FILES = 2000;
    static final String CLASS = "(class)";

    /** The report's cells, row by row (without the head), and the files skipped, each with why. */
    public record Report(List<List<String>> table, int learners, List<String> skipped) {

        /** The rows as the CSV writes them. */
        public List<String> rows() {
            return table.stream().map(r -> String.join(",", r.stream().map(Table::cell).toList()) + "\n").toList();
        }
    }

    /** One learner's work on one lesson. */
    private static final class Tally {
        final Set<Integer> seen = new HashSet<>();
        Integer steps;
        final Set<String> answered = new HashSet<>();
        final Set<String> right = new HashSet<>();
        final Set<String> missed = new HashSet<>();
        final Set<String> firstTry = new HashSet<>();
        final Set<String> hints = new HashSet<>();
        int scenes;
        int made;
        double seconds;
    }

    private ClassReport() {
    }

    /** Reads every {@code .json} in {@code folder}; other files are not exports' JSON and are left alone. */
    public static Report of(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")).sorted().limit(MAX_FILES).toList();
        }
        Map<String, Map<String, Tally>> byLearner = new TreeMap<>();
        List<String> skipped = new ArrayList<>();
        for (Path f : files) {
            String name = String.valueOf(f.getFileName());
            try {
                if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) || Files.size(f) > MAX_FILE_BYTES) {
                    skipped.add(Texts.get("report.skipped", name, Texts.get("report.notFile", MAX_FILE_BYTES >> 20)));
                    continue;
                }
                JsonArray statements = statements(JsonParser.parseString(Files.readString(f, StandardCharsets.UTF_8)));
                if (statements == null) {
                    skipped.add(Texts.get("report.skipped", name, Texts.get("report.notExport")));
                    continue;
                }
                for (JsonElement e : statements) {
                    count(e.getAsJsonObject(), byLearner);
                }
            } catch (IOException | RuntimeException e) {
                skipped.add(Texts.get("report.skipped", name, Texts.get("report.notExport")));
            }
        }
        return new Report(rows(byLearner), byLearner.size(), skipped);
    }

    /** Writes the report as CSV, atomically. */
    public static void write(Report r, Path out) throws IOException {
        byte[] csv = (HEAD + "\n" + String.join("", r.rows())).getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(out, o -> o.write(csv));
    }

    /** The statements, if {@code json} is an export: an array of xAPI statements SeqLab wrote; else null. */
    private static JsonArray statements(JsonElement json) {
        if (!json.isJsonArray()) {
            return null;
        }
        for (JsonElement e : json.getAsJsonArray()) {
            if (!e.isJsonObject()) {
                return null;
            }
            JsonObject s = e.getAsJsonObject();
            JsonObject context = s.has("context") && s.get("context").isJsonObject() ? s.getAsJsonObject("context") : null;
            if (context == null || !context.has("platform") || !ProgressExport.PLATFORM.equals(context.get("platform").getAsString())
                    || !s.has("actor") || !s.has("verb") || !s.has("object")) {
                return null;
            }
        }
        return json.getAsJsonArray();
    }

    private static void count(JsonObject s, Map<String, Map<String, Tally>> byLearner) {
        String learner = s.getAsJsonObject("actor").get("name").getAsString();
        String verb = s.getAsJsonObject("verb").get("id").getAsString().substring(ProgressExport.VERB.length());
        String[] object = s.getAsJsonObject("object").get("id").getAsString().substring("urn:seqlab:lesson:".length()).split(":");
        String lesson = object[0];
        Tally t = byLearner.computeIfAbsent(learner, k -> new TreeMap<>()).computeIfAbsent(lesson, k -> new Tally());
        JsonObject context = s.getAsJsonObject("context");
        if (context.has("extensions") && context.getAsJsonObject("extensions").has(ProgressExport.STEPS)) {
            t.steps = context.getAsJsonObject("extensions").get(ProgressExport.STEPS).getAsInt();
        }
        JsonObject result = s.has("result") ? s.getAsJsonObject("result") : new JsonObject();
        switch (verb) {
            case "experienced" -> {
                t.seen.add(Integer.parseInt(object[2]));
                if (result.has("duration")) {
                    t.seconds += java.time.Duration.parse(result.get("duration").getAsString()).toMillis() / 1000.0;
                }
            }
            case "answered" -> {
                String quiz = object[2] + "." + object[4];
                boolean correct = result.has("success") && result.get("success").getAsBoolean();
                if (!t.answered.contains(quiz) && correct) {
                    t.firstTry.add(quiz);
                }
                t.answered.add(quiz);
                (correct ? t.right : t.missed).add(quiz);
            }
            case "asked" -> t.hints.add(object[2] + "." + object[4]);
            case "attempted" -> {
                t.scenes++;
                if (result.has("success") && result.get("success").getAsBoolean()) {
                    t.made++;
                }
            }
            default -> {
                // "completed" follows from the steps seen
            }
        }
    }

    private static List<List<String>> rows(Map<String, Map<String, Tally>> byLearner) {
        List<List<String>> rows = new ArrayList<>();
        Map<String, List<Tally>> byLesson = new TreeMap<>();
        byLearner.forEach((learner, lessons) -> lessons.forEach((lesson, t) -> {
            byLesson.computeIfAbsent(lesson, k -> new ArrayList<>()).add(t);
            rows.add(row(learner, lesson, t.seen.size(), t.steps, t.answered.size(), t.right.size(), t.firstTry.size(), t.hints.size(), t.scenes,
                    t.made, t.seconds / 60, ""));
        }));
        byLesson.forEach((lesson, ts) -> {
            Map<String, Integer> missed = new HashMap<>();
            ts.forEach(t -> t.missed.forEach(q -> missed.merge(q, 1, Integer::sum)));
            String most = String.join("; ", missed.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey())).limit(3)
                    .map(m -> "step " + (ProgressExport.step(m.getKey()) + 1) + " quiz " + (Integer.parseInt(m.getKey().split("\\.")[1]) + 1)
                            + ": " + m.getValue() + " of " + ts.size())
                    .toList());
            Integer steps = ts.stream().map(t -> t.steps).filter(java.util.Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
            rows.add(row(CLASS, lesson, mean(ts, t -> t.seen.size()), steps, mean(ts, t -> t.answered.size()), mean(ts, t -> t.right.size()),
                    mean(ts, t -> t.firstTry.size()), mean(ts, t -> t.hints.size()), mean(ts, t -> t.scenes), mean(ts, t -> t.made),
                    ts.stream().mapToDouble(t -> t.seconds / 60).average().orElse(0), most));
        });
        return rows;
    }

    private static double mean(List<Tally> ts, java.util.function.ToIntFunction<Tally> f) {
        return ts.stream().mapToInt(f).average().orElse(0);
    }

    private static List<String> row(String learner, String lesson, double seen, Integer steps, double answered, double right, double firstTry,
            double hints, double scenes, double made, double minutes, String mostMissed) {
        String completion = steps == null || steps == 0 ? "" : fmt(Math.min(1, seen / steps));
        String score = answered == 0 ? "" : fmt(right / answered);
        return List.of(learner, lesson, fmt(seen), steps == null ? "" : String.valueOf(steps), completion, fmt(answered), fmt(right), score,
                fmt(firstTry), fmt(hints), fmt(scenes), fmt(made), fmt(minutes), mostMissed);
    }

    /** A whole number as it is, else three decimals, in the CSV's locale-neutral form. */
    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
