package org.seqlab.app.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.seqlab.app.lessons.LessonParser;
import org.seqlab.app.lessons.LessonProblem;
import org.seqlab.app.lessons.Scene;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.expect.Point;

/** A scene's card and its verdict read in the reader's language; in English exactly as the engine says them. */
class VerdictsTest {

    @AfterEach
    void english() {
        Texts.use(Locale.ENGLISH);
    }

    @Test
    void theVerdictAndTheScenesSummaryAreFramedInTheReadersLanguage() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("bits(A)", 2.969);
        Point.Verdict made = new Point.Verdict(true, "Das LSTM hat Namen gelernt", values, List.of());
        Point.Verdict notYet = new Point.Verdict(false, "Das LSTM hat Namen gelernt", values, List.of("bits(A) < 2.5"));
        Texts.use(Locale.ENGLISH);
        assertThat(Verdicts.shown(made, made.says())).isEqualTo(made.spoken());
        Texts.use(Locale.GERMAN);
        assertThat(Verdicts.shown(made, made.says())).isEqualTo("✓ Das LSTM hat Namen gelernt (gemessen: bits(A) = 2,969)");
        assertThat(Verdicts.shown(notYet, notYet.says()))
                .isEqualTo("✗ Noch nicht gezeigt: Das LSTM hat Namen gelernt (gemessen: bits(A) = 2,969); braucht bits(A) < 2.5");

        List<LessonProblem> problems = new ArrayList<>();
        Scene s = LessonParser.parseScene(String.join("\n", "data: names", "models:", "  - family: lstm", "train: 600", "view: gates", ""),
                "test", null, problems);
        assertThat(problems).isEmpty();
        assertThat(s.summary()).isEqualTo("names · LSTM · 600 Schritte trainieren · Ansicht: LSTM-Gates");
        Texts.use(Locale.ENGLISH);
        assertThat(s.summary()).isEqualTo("names · LSTM · train 600 steps · view: LSTM gates");
    }
}
