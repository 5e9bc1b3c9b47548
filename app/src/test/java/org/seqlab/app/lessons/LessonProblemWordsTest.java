package org.seqlab.app.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.seqlab.app.text.Texts;

/** What the lesson checker tells a lesson's author reads in the interface's language, the author's names quoted as written. */
class LessonProblemWordsTest {

    private static final String BROKEN = """
            ---
            title: Broken
            ---

            ## One

            ```scene
            data: markov
            colour: blue
            models:
              - family: transformer
                context: 16
            seq: 32
            ```

            ```quiz
            question: How many?
            answer: 3
            tolerance: -1
            explanation: Three.
            ```
            """;

    @AfterEach
    void english() {
        Texts.use(Locale.ENGLISH);
    }

    @Test
    void problemsAreWrittenInTheReadersLanguage() {
        assertThat(problems(Locale.ENGLISH)).contains("unknown key 'colour' in a scene; the keys are",
                "the Transformer's context (16) is shorter than the sequence length 32; set 'context:' to at least 32",
                "'tolerance' cannot be negative");
        assertThat(problems(Locale.GERMAN)).contains("unbekannter Schlüssel 'colour' in einer Szene; die Schlüssel sind",
                "der Kontext des Transformers (16) ist kürzer als die Sequenzlänge 32; 'context:' auf mindestens 32 setzen",
                "'tolerance' kann nicht negativ sein");
        assertThat(problems(Locale.SIMPLIFIED_CHINESE)).contains("场景中有未知的键 'colour'", "'tolerance' 不能为负");
    }

    private static String problems(Locale l) {
        Texts.use(l);
        List<LessonProblem> problems = new ArrayList<>();
        LessonParser.parse("broken", BROKEN, "lesson.md", null, problems);
        return problems.toString();
    }
}
