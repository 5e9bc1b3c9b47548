package org.seqlab.app.lessons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.engine.io.DataException;

/** A lesson travels as one file and arrives whole: its text, its translations and the files its scenes name. */
class LessonPackTest {

    private static final String LESSON = """
            ---
            title: Packed
            ---

            ## One

            ```scene
            data: poem.txt
            models:
              - family: rnn
                hidden: 8
            train: 2
            ```
            """;

    @Test
    void aPackRoundTripsItsLessonTranslationsAndDataAndSaysWhenItWasChanged(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("07-packed"));
        Files.writeString(folder.resolve("lesson.md"), LESSON);
        Files.writeString(folder.resolve("lesson.de.md"), LESSON.replace("title: Packed", "title: Gepackt"));
        Files.writeString(folder.resolve("poem.txt"), "roses are red, violets are blue\n".repeat(20));
        Files.writeString(folder.resolve("notes.txt"), "the teacher's own notes: not named by the lesson, not packed");

        LessonPack.Packed packed = LessonPack.pack(folder, dir.resolve("07.seqlesson"));
        assertThat(packed.files()).containsExactly("lesson.de.md", "lesson.md", "poem.txt");
        assertThat(packed.hash()).hasSize(64);

        LessonPack.Opened opened = LessonPack.open(dir.resolve("07.seqlesson"));
        assertThat(opened.hash()).isEqualTo(packed.hash());
        assertThat(opened.folder().getFileName()).hasToString("07-packed");
        assertThat(opened.folder().resolve("poem.txt")).hasSameBinaryContentAs(folder.resolve("poem.txt"));
        assertThat(opened.folder().resolve("notes.txt")).doesNotExist();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(opened.folder().getParent()))).isEqualTo("rwx------");
        LessonLibrary lib = LessonLibrary.load(opened.folder(), "07.seqlesson");
        assertThat(lib.problems()).isEmpty();
        Lesson lesson = lib.lessons().get(0);
        assertThat(lesson.id()).isEqualTo("07-packed");
        Scene scene = lesson.steps().get(0).scenes().get(0);
        assertThat(scene.dataFile()).isEqualTo(opened.folder().resolve("poem.txt"));   // read from inside the pack, nowhere else

        // a pack is written atomically: packing again over it leaves a whole pack, and the same files give the same hash
        assertThat(LessonPack.pack(folder, dir.resolve("07.seqlesson")).hash()).isEqualTo(packed.hash());
    }

    @Test
    void aLessonWithProblemsIsNotPacked(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(folder.resolve("lesson.md"), LESSON.replace("poem.txt", "../outside.txt"));
        assertThatThrownBy(() -> LessonPack.pack(folder, dir.resolve("b.seqlesson"))).isInstanceOf(DataException.class)
                .hasMessageContaining("broken has a problem and is not packed");
        assertThat(dir.resolve("b.seqlesson")).doesNotExist();
    }
}
