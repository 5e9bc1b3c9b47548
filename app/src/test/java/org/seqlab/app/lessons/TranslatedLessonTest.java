package org.seqlab.app.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.app.text.Texts;

/** A lesson opens in the interface's language where it has a translation beside it, and in English where it has none. */
class TranslatedLessonTest {

    @TempDir
    Path dir;

    @AfterEach
    void english() {
        Texts.use(Locale.ENGLISH);
    }

    private static String lesson(String title, String heading) {
        return String.join("\n", "---", "title: " + title, "objectives:", "  - one", "---", "", "## " + heading, "", "Text.", "");
    }

    @Test
    void theTranslationIsReadWhereThereIsOneAndEnglishElsewhere() throws Exception {
        Path one = Files.createDirectories(dir.resolve("01-one"));
        Files.writeString(one.resolve("lesson.md"), lesson("One", "First"));
        Files.writeString(one.resolve("lesson.de.md"), lesson("Eins", "Erstens"));
        Path two = Files.createDirectories(dir.resolve("02-two"));
        Files.writeString(two.resolve("lesson.md"), lesson("Two", "Second"));

        assertThat(LessonLibrary.load(dir, "mine").lessons()).extracting(Lesson::title).containsExactly("One", "Two");
        Texts.use(Locale.GERMAN);
        LessonLibrary german = LessonLibrary.load(dir, "mine");
        assertThat(german.problems()).isEmpty();
        assertThat(german.lessons()).extracting(Lesson::title).containsExactly("Eins", "Two");   // 02 has no German yet
        assertThat(german.lessons()).extracting(Lesson::id).containsExactly("01-one", "02-two");   // the same lessons, by id
        Texts.use(Locale.SIMPLIFIED_CHINESE);
        assertThat(LessonLibrary.fileFor(one, Texts.locale())).isEqualTo("lesson.md");
        Files.writeString(one.resolve("lesson.zh-CN.md"), lesson("一", "第一"));
        assertThat(LessonLibrary.load(dir, "mine").lessons()).extracting(Lesson::title).containsExactly("一", "Two");
    }

    /** A scene as the lab runs it, without its words: data, models (without line numbers), training, view, input, checks. */
    private static String setup(Scene s) {
        return String.join(" | ", s.data(), String.valueOf(s.models().stream().map(m -> m.toString().replaceFirst("line=\\d+, ", "")).toList()),
                String.valueOf(s.batch()), String.valueOf(s.seq()), String.valueOf(s.seed()), String.valueOf(s.train()), String.valueOf(s.view()),
                String.valueOf(s.inspect()), s.point() == null ? "" : s.point().checks().toString());
    }

    @Test
    void everyBuiltInTranslationRunsTheSameScenesAndKeepsTheSameAnswersAsItsEnglish() throws Exception {
        Path lessons = Path.of("../lessons");
        int checked = 0;
        try (var dirs = Files.list(lessons)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                for (Locale l : Texts.LANGUAGES.subList(1, Texts.LANGUAGES.size())) {
                    if (!LessonLibrary.fileFor(dir, l).equals(LessonLibrary.FILE)) {
                        Texts.use(Locale.ENGLISH);
                        Lesson english = LessonLibrary.load(dir, dir.getFileName().toString()).lessons().get(0);
                        Texts.use(l);
                        LessonLibrary read = LessonLibrary.load(dir, dir.getFileName().toString());
                        assertThat(read.problems()).as("%s in %s", dir, l).isEmpty();
                        Lesson translated = read.lessons().get(0);
                        assertThat(translated.title()).as("%s is read in %s", dir, l).isNotEqualTo(english.title());
                        assertThat(translated.steps()).as("%s in %s: its steps", dir, l).hasSameSizeAs(english.steps());
                        assertThat(translated.prerequisites()).isEqualTo(english.prerequisites());
                        for (int i = 0; i < english.steps().size(); i++) {
                            assertThat(translated.steps().get(i).scenes().stream().map(TranslatedLessonTest::setup).toList())
                                    .as("%s in %s, step %d: the scenes", dir, l, i + 1)
                                    .isEqualTo(english.steps().get(i).scenes().stream().map(TranslatedLessonTest::setup).toList());
                            assertThat(translated.steps().get(i).quizzes().stream().map(q -> q.correct() + " of " + q.choices().size()).toList())
                                    .as("%s in %s, step %d: the quizzes' answers", dir, l, i + 1)
                                    .isEqualTo(english.steps().get(i).quizzes().stream().map(q -> q.correct() + " of " + q.choices().size()).toList());
                        }
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).as("translations checked").isGreaterThanOrEqualTo(12);
    }

    /** Lessons 01 to 06, the first journey through the ideas, are in German and Chinese. */
    @Test
    void theFirstSixLessonsAreInGermanAndChinese() throws Exception {
        try (var dirs = Files.list(Path.of("../lessons"))) {
            List<Path> first = dirs.filter(d -> d.getFileName().toString().matches("0[1-6]-.*")).sorted().toList();
            assertThat(first).hasSize(6);
            for (Path d : first) {
                for (Locale l : Texts.LANGUAGES.subList(1, Texts.LANGUAGES.size())) {
                    assertThat(LessonLibrary.fileFor(d, l)).as("%s in %s", d.getFileName(), l).isNotEqualTo(LessonLibrary.FILE);
                }
            }
        }
    }
}
