package org.seqlab.app.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.train.Hyperparameter;

/**
 * The settings sheet names each hyperparameter from the bundles, in the family's words. In English those words must be
 * the engine's own (which the command line and the docs use), so the two never drift; in German and Chinese every one
 * the sheet can show is translated.
 */
class SettingsWordsTest {

    @AfterEach
    void english() {
        Texts.use(Locale.ENGLISH);
    }

    @Test
    void englishSettingsReadAsTheEngineNamesThemAndTheOtherLanguagesTranslateEveryOne() {
        Texts.use(Locale.ENGLISH);
        List<String> differ = new ArrayList<>();
        for (Hyperparameter h : Hyperparameter.values()) {
            for (Family f : Family.values()) {
                if (!h.appliesTo(f)) {
                    continue;
                }
                if (!ControlsPane.label(h, f).equals(h.label(f)) || !ControlsPane.description(h, f).equals(h.description(f))) {
                    differ.add(h.key() + " of " + f.id() + ": '" + ControlsPane.label(h, f) + "' / '" + h.label(f) + "'");
                }
            }
        }
        assertThat(differ).as("English settings that differ from the engine's words").isEmpty();

        for (Locale l : List.of(Locale.GERMAN, Locale.SIMPLIFIED_CHINESE)) {
            Texts.use(l);
            List<String> untranslated = new ArrayList<>();
            for (Hyperparameter h : Hyperparameter.values()) {
                for (Family f : Family.values()) {
                    if (h.appliesTo(f) && (ControlsPane.label(h, f).equals(h.label(f)) && !h.label(f).equals("LayerNorm")
                            && !h.label(f).equals("Heads") || ControlsPane.description(h, f).equals(h.description(f)))) {
                        untranslated.add(h.key() + " of " + f.id());
                    }
                }
            }
            assertThat(untranslated).as("settings %s shows in English", l).isEmpty();
        }
    }

    /** The choices the sheet offers by name (a schedule, positions, a pixel order): in English as the engine writes them. */
    @Test
    void englishChoicesReadAsTheEngineWritesThem() {
        Texts.use(Locale.ENGLISH);
        for (Class<? extends Enum<?>> type : List.of(org.seqlab.engine.train.Schedule.class, org.seqlab.engine.model.Positional.class,
                org.seqlab.engine.data.PixelOrder.class)) {
            for (Enum<?> e : type.getEnumConstants()) {
                String key = "enum." + type.getSimpleName() + "." + e.name();
                assertThat(Texts.orElse(key, e.toString())).as(key).isEqualTo(e.toString());
            }
        }
    }
}
