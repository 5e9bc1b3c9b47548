package org.seqlab.app.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.tutor.vocabulary.Cause;

/** The tutor's causes read in German and Chinese, and their English in the bundles is the engine's own, word for word. */
class TutorWordsTest {

    @AfterEach
    void english() {
        Texts.use(Locale.ENGLISH);
    }

    @Test
    void everyCauseIsExplainedInEveryLanguageAndTheEnglishIsTheEngines() {
        Texts.use(Locale.ENGLISH);
        for (Cause c : Cause.values()) {
            assertThat(Texts.orElse("tutor.cause." + c.id(), "")).as(c.id()).isEqualTo(c.says());
            assertThat(Texts.orElse("tutor.counter." + c.id(), "")).as(c.id()).isEqualTo(c.counter());
            assertThat(Texts.orElse("tutor.section." + c.id(), c.section())).as(c.id()).isEqualTo(c.section());
        }
        for (Locale l : List.of(Locale.GERMAN, Locale.SIMPLIFIED_CHINESE)) {
            Texts.use(l);
            for (Cause c : Cause.values()) {
                assertThat(Texts.get("tutor.cause." + c.id())).as("%s in %s", c.id(), l).isNotEqualTo(c.says());
                assertThat(Texts.get("tutor.counter." + c.id())).as("%s in %s", c.id(), l).isNotEqualTo(c.counter());
            }
        }
    }
}
