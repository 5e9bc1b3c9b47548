package org.seqlab.app.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A learner's progress export holds what they did, as xAPI statements and as a table; a class's exports make one report,
 * whose numbers are counted here by hand, and files that are not exports are named and skipped.
 */
class ClassReportTest {

    @Test
    void oneLearnersExportHoldsEveryStepAnswerHintAndScene(@TempDir Path dir) throws Exception {
        Progress p = Progress.load(dir.resolve("home/progress.json"));
        p.visit("04-gradients", 0);
        p.visit("04-gradients", 1);
        p.answer("04-gradients", 1, 0, "3", false);    // wrong: the hint is shown
        p.answer("04-gradients", 1, 0, "2", true);
        p.scene("04-gradients", 1, 0, true);
        p.scene("04-gradients", 1, 1, null);           // a scene that states no point
        int n = ProgressExport.write(p, "Ada, the learner", id -> id.equals("04-gradients") ? 2 : null, dir.resolve("ada.json"));

        JsonArray statements = JsonParser.parseString(Files.readString(dir.resolve("ada.json"))).getAsJsonArray();
        assertThat(n).isEqualTo(statements.size()).isEqualTo(2 + 1 + 2 + 1 + 2);   // steps, completed, answers, hint, scenes
        List<String> verbs = statements.asList().stream().map(s -> s.getAsJsonObject().getAsJsonObject("verb").get("id").getAsString()
                .replace("http://adlnet.gov/expapi/verbs/", "")).toList();
        assertThat(verbs).containsExactly("experienced", "experienced", "completed", "answered", "answered", "asked", "attempted", "attempted");
        JsonObject answer = statements.get(3).getAsJsonObject();
        assertThat(answer.getAsJsonObject("actor").get("name").getAsString()).isEqualTo("Ada, the learner");
        assertThat(answer.getAsJsonObject("object").get("id").getAsString()).isEqualTo("urn:seqlab:lesson:04-gradients:step:1:quiz:0");
        assertThat(answer.getAsJsonObject("result").get("success").getAsBoolean()).isFalse();
        assertThat(answer.getAsJsonObject("result").get("response").getAsString()).isEqualTo("3");
        assertThat(answer.get("timestamp").getAsString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        List<String> csv = Files.readAllLines(dir.resolve("ada.csv"));
        assertThat(csv.get(0)).isEqualTo(ProgressExport.CSV_HEAD);
        assertThat(csv).hasSize(1 + 2 + 2 + 1 + 2).anySatisfy(l -> assertThat(l).startsWith("\"Ada, the learner\",04-gradients,2,quiz,1.0,2,true,,"));
    }

    @Test
    void thirtyExportsMakeOneTableAndWhatIsNotAnExportIsSkipped(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("class"));
        Random rng = new Random(7);
        int wrongOnStep2 = 0;
        boolean firstMissed = false;
        for (int i = 0; i < 30; i++) {
            Progress p = Progress.load(dir.resolve("home" + i + "/progress.json"));
            for (int s = 0; s < 3; s++) {
                p.visit("04-gradients", s);
            }
            boolean miss = rng.nextBoolean();
            if (i == 0) {
                firstMissed = miss;
            }
            if (miss) {
                wrongOnStep2++;
                p.answer("04-gradients", 2, 0, "7", false);
            }
            p.answer("04-gradients", 2, 0, "2", true);
            p.answer("01-factorisation", 0, 0, "1", i % 3 == 0);
            p.scene("04-gradients", 1, 0, i % 2 == 0);
            ProgressExport.write(p, "learner " + (i < 10 ? "0" : "") + i, id -> id.equals("04-gradients") ? 4 : 5, folder.resolve("l" + i + ".json"));
        }
        Files.writeString(folder.resolve("notes.json"), "{\"not\": \"an export\"}");
        Files.writeString(folder.resolve("broken.json"), "[{");
        long t0 = System.nanoTime();
        ClassReport.Report r = ClassReport.of(folder);
        System.out.printf("class report of 30 exports: %.2f s%n", (System.nanoTime() - t0) / 1e9);

        assertThat(r.learners()).isEqualTo(30);
        assertThat(r.skipped()).containsExactly("broken.json is not a SeqLab progress export (File → Export my progress…); skipped",
                "notes.json is not a SeqLab progress export (File → Export my progress…); skipped");
        // learner 00: 3 of 4 steps, one quiz right (at the first try unless they missed it, and then with a hint), a scene whose point was made
        assertThat(row(r, "learner 00")).matches("learner 00,04-gradients,3,4,0\\.750,1,1,1," + (firstMissed ? "0,1" : "1,0") + ",1,1,0[.0-9]*,\n");
        String lessonRow = r.rows().stream().filter(l -> l.startsWith("(class),04-gradients,")).findFirst().orElseThrow();
        assertThat(lessonRow).startsWith("(class),04-gradients,3,4,0.750,1,1,1,").endsWith("step 3 quiz 1: " + wrongOnStep2 + " of 30\n");
        String factorisation = r.rows().stream().filter(l -> l.startsWith("(class),01-factorisation,")).findFirst().orElseThrow();
        assertThat(factorisation).contains(",0.333,").endsWith("step 1 quiz 1: 20 of 30\n");   // 10 of 30 right
        ClassReport.write(r, dir.resolve("report.csv"));
        assertThat(Files.readAllLines(dir.resolve("report.csv"))).hasSize(1 + 30 * 2 + 2).first().isEqualTo(ClassReport.HEAD);
    }

    private static String row(ClassReport.Report r, String learner) {
        return r.rows().stream().filter(l -> l.startsWith(learner + ",04-gradients,")).findFirst().orElseThrow();
    }
}
