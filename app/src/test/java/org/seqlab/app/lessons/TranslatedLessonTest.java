package org.seqlab.app.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
