package org.seqlab.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.app.lessons.LessonLibrary;
import org.seqlab.app.lessons.LessonPack;
import org.seqlab.app.lessons.Scene;

/**
 * A teacher packs a lesson with its scenes trained: the pack carries each scene's models and their history, and opened
 * elsewhere every scene makes its point from them, with the values it had when packed, without training again.
 */
@Tag("slow")
public class LessonPackCommandTest {

    /** A small LSTM on a Markov chain, two scenes with points: the lesson a pack with checkpoints is tested on. */
    public static String lesson() throws java.io.IOException {
        try (var in = LessonPackCommandTest.class.getResourceAsStream("/packs/trained-lesson.md")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void aPackWithCheckpointsMakesEveryPointWithoutTraining(@TempDir Path dir) throws Exception {
        Path lesson = Files.createDirectories(dir.resolve("30-packed"));
        Files.writeString(lesson.resolve("lesson.md"), lesson());
        CommandLineTest.Result packed = CommandLineTest.run("pack", lesson.toString(), "--out", dir.resolve("packed").toString(), "--with-checkpoints");
        assertThat(packed.code()).as(packed.err()).isZero();
        assertThat(packed.out()).contains("2 of 2 points made").contains("checkpoints/expected.jsonl, checkpoints/s1-1.seqrun, checkpoints/s2-1.seqrun, lesson.md");
        String trainedValue = value(packed.out(), "s2-1");

        Path file = dir.resolve("packed.seqlesson");
        LessonPack.Opened opened = LessonPack.open(file);
        Scene first = LessonLibrary.load(opened.folder(), "packed.seqlesson").lessons().get(0).steps().get(0).scenes().get(0);
        assertThat(first.checkpoint()).isEqualTo(opened.folder().resolve("checkpoints/s1-1.seqrun"));   // the lab opens it as check-lessons does

        CommandLineTest.Result checked = CommandLineTest.run("check-lessons", "--pack", file.toString());
        assertThat(checked.code()).as(checked.err()).isZero();
        assertThat(checked.out()).contains("2 of 2 points made").doesNotContain("the pack expected");   // as packed
        // the same models, measured again: the values the pack was made with, and no training (a scene of 200 steps, its clock at once)
        assertThat(value(checked.out(), "s2-1")).isEqualTo(trainedValue);
        assertThat(checked.out()).containsPattern("s2-1 +✓ .*scene 200 steps");
    }

    /** The measured values a scene's line reports ("bits(A) = 1.234"). */
    private static String value(String out, String scene) {
        return out.lines().filter(l -> l.contains(scene + " ")).findFirst().orElseThrow().replaceAll(".*\\((bits\\(A\\) = [0-9.]+)\\).*", "$1");
    }
}
