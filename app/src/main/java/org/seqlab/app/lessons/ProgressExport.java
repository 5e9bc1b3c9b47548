package org.seqlab.app.lessons;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.seqlab.app.figures.Table;
import org.seqlab.engine.io.AtomicFile;

/**
 * What a learner did, written for a teacher: the lessons and steps seen (with the time on each), every quiz answer,
 * the hints taken and the scenes run with whether their point was made. The JSON is an array of xAPI statements (the
 * Experience API a learning platform such as Moodle takes, one statement per event, verbs from ADL's vocabulary), the
 * CSV the same events one per row. Nothing is sent anywhere: the learner hands the files in.
 */
public final class ProgressExport {

    static final String PLATFORM = "SeqLab";
    static final String STEPS = "urn:seqlab:lesson-steps";
    static final String VERB = "http://adlnet.gov/expapi/verbs/";
    static final String CSV_HEAD = "learner,lesson,step,kind,item,response,success,seconds,timestamp";

    private ProgressExport() {
    }

    /**
     * Writes {@code json} (xAPI statements) and the CSV beside it ({@code .csv} for {@code .json}), each atomically.
     *
     * @param steps a lesson's number of steps, or null when SeqLab does not know the lesson (a folder since closed)
     * @return the number of statements
     */
    public static int write(Progress progress, String learner, Function<String, Integer> steps, Path json) throws IOException {
        String now = Instant.now().toString();
        JsonArray statements = new JsonArray();
        StringBuilder csv = new StringBuilder(CSV_HEAD).append('\n');
        for (Map.Entry<String, Progress.Entry> l : progress.lessons().entrySet()) {
            String lesson = l.getKey();
            Progress.Entry e = l.getValue();
            Integer total = steps.apply(lesson);
            for (int step : e.seenSteps().stream().sorted().toList()) {
                long ms = e.millis().getOrDefault(step, 0L);
                JsonObject result = new JsonObject();
                result.addProperty("duration", Duration.ofMillis(ms).toString());
                statements.add(statement(learner, "experienced", lesson + ":step:" + step, lesson + ", step " + (step + 1), result, now, total));
                csv.append(row(learner, lesson, step, "step", "", "", "", ms / 1000.0, now));
            }
            if (total != null && total > 0 && e.seenSteps().stream().filter(s -> s < total).count() == total) {
                statements.add(statement(learner, "completed", lesson, lesson, null, now, total));
            }
            for (Progress.Attempt a : e.attempts()) {
                JsonObject result = new JsonObject();
                result.addProperty("success", a.correct());
                result.addProperty("response", a.answer());
                String at = Instant.ofEpochMilli(a.at()).toString();
                statements.add(statement(learner, "answered", quizId(lesson, a.quiz()), quizName(lesson, a.quiz()), result, at, total));
                csv.append(row(learner, lesson, step(a.quiz()), "quiz", a.quiz(), a.answer(), String.valueOf(a.correct()), "", at));
            }
            for (String hint : e.hints().stream().sorted().toList()) {
                statements.add(statement(learner, "asked", quizId(lesson, hint), quizName(lesson, hint), null, now, total));
                csv.append(row(learner, lesson, step(hint), "hint", hint, "", "", "", now));
            }
            for (Progress.SceneRun s : e.scenes()) {
                JsonObject result = null;
                if (s.made() != null) {
                    result = new JsonObject();
                    result.addProperty("success", s.made());
                }
                String at = Instant.ofEpochMilli(s.at()).toString();
                statements.add(statement(learner, "attempted", lesson + ":step:" + step(s.scene()) + ":scene:" + s.scene().split("\\.")[1],
                        lesson + ", step " + (step(s.scene()) + 1) + ", scene " + (Integer.parseInt(s.scene().split("\\.")[1]) + 1), result, at, total));
                csv.append(row(learner, lesson, step(s.scene()), "scene", s.scene(), "", s.made() == null ? "" : String.valueOf(s.made()), "", at));
            }
        }
        byte[] j = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(statements).getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(json, out -> out.write(j));
        byte[] c = csv.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(csvBeside(json), out -> out.write(c));
        return statements.size();
    }

    /** {@code me.json} → {@code me.csv}. */
    public static Path csvBeside(Path json) {
        String name = String.valueOf(json.getFileName());
        return json.resolveSibling((name.endsWith(".json") ? name.substring(0, name.length() - 5) : name) + ".csv");
    }

    private static JsonObject statement(String learner, String verb, String object, String name, JsonObject result, String at, Integer steps) {
        JsonObject s = new JsonObject();
        JsonObject actor = new JsonObject();
        actor.addProperty("objectType", "Agent");
        actor.addProperty("name", learner);
        JsonObject account = new JsonObject();
        account.addProperty("homePage", "urn:seqlab");
        account.addProperty("name", learner);
        actor.add("account", account);
        s.add("actor", actor);
        JsonObject v = new JsonObject();
        v.addProperty("id", VERB + verb);
        v.add("display", language(verb));
        s.add("verb", v);
        JsonObject o = new JsonObject();
        o.addProperty("objectType", "Activity");
        o.addProperty("id", "urn:seqlab:lesson:" + object);
        JsonObject definition = new JsonObject();
        definition.add("name", language(name));
        o.add("definition", definition);
        s.add("object", o);
        if (result != null) {
            s.add("result", result);
        }
        JsonObject context = new JsonObject();
        context.addProperty("platform", PLATFORM);
        if (steps != null) {
            JsonObject extensions = new JsonObject();
            extensions.addProperty(STEPS, steps);
            context.add("extensions", extensions);
        }
        s.add("context", context);
        s.addProperty("timestamp", at);
        return s;
    }

    private static JsonObject language(String text) {
        JsonObject m = new JsonObject();
        m.addProperty("en-US", text);
        return m;
    }

    private static String quizId(String lesson, String quiz) {
        return lesson + ":step:" + step(quiz) + ":quiz:" + quiz.split("\\.")[1];
    }

    private static String quizName(String lesson, String quiz) {
        return lesson + ", step " + (step(quiz) + 1) + ", quiz " + (Integer.parseInt(quiz.split("\\.")[1]) + 1);
    }

    static int step(String stepDotIndex) {
        return Integer.parseInt(stepDotIndex.substring(0, stepDotIndex.indexOf('.')));
    }

    private static String row(String learner, String lesson, int step, String kind, String item, String response, String success, Object seconds,
            String at) {
        return String.join(",", List.of(Table.cell(learner), Table.cell(lesson), String.valueOf(step + 1), kind, Table.cell(item), Table.cell(response), success,
                String.valueOf(seconds), at)) + "\n";
    }
}
