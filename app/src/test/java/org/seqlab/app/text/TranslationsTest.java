package org.seqlab.app.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.seqlab.engine.io.Says;

/** Every key of the interface is in German and Chinese, with the same placeholders, and each language is chosen by its tag. */
class TranslationsTest {

    @AfterEach
    void english() {
        Texts.use(Locale.ENGLISH);
    }

    @Test
    void everyLanguageHasEveryKeyWithTheSamePlaceholdersAndNoOthers() {
        Set<String> english = Texts.translated(Locale.ENGLISH);
        assertThat(english).isNotEmpty().isEqualTo(Texts.keys());
        // a space or colon ends a key in a .properties file: "a.b c=…" would be the key "a.b" with the text "c=…"
        assertThat(english).allMatch(k -> k.matches("[A-Za-z0-9._/\\-]+"), "keys of letters, digits and . _ / -");
        for (Locale l : Texts.LANGUAGES) {
            Set<String> own = Texts.translated(l);
            Set<String> missing = new TreeSet<>(english);
            missing.removeAll(own);
            Set<String> extra = new TreeSet<>(own);
            extra.removeAll(english);
            assertThat(missing).as("keys %s lacks", l).isEmpty();
            assertThat(extra).as("keys only %s has", l).isEmpty();
            Texts.use(l);
            List<String> wrong = new ArrayList<>();
            for (String k : english) {
                Texts.use(Locale.ENGLISH);
                String englishText = Texts.get(k);
                Texts.use(l);
                String text = Texts.get(k);
                boolean printf = k.endsWith(".f");
                if (printf ? !Says.conversions(text).equals(Says.conversions(englishText)) : !placeholders(text).equals(placeholders(englishText))
                        || text.isBlank()) {
                    wrong.add(k + " = " + text);
                }
                if (!printf) {
                    new MessageFormat(text.replace("'", "''"), l);   // parses
                }
            }
            assertThat(wrong).as("texts of %s whose placeholders differ from English", l).isEmpty();
        }
    }

    /** A .properties file drops the spaces a value starts with; a text that must begin with one (" · tutor: …") escapes it. */
    @Test
    void noTextLosesTheSpacesItStartsWith() throws java.io.IOException {
        List<String> bare = new ArrayList<>();
        for (String name : List.of("ui.properties", "ui_de.properties", "ui_zh_CN.properties")) {
            try (var in = Texts.class.getResourceAsStream(name)) {
                for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                    if (!line.startsWith("#") && line.matches("[^=]+=[ \\t].*")) {
                        bare.add(name + ": " + line);
                    }
                }
            }
        }
        assertThat(bare).as("values starting with an unescaped space (write '\\ ')").isEmpty();
    }

    @Test
    void theLanguageIsChosenByItsTagAndFillsItsPlaceholders() {
        assertThat(Texts.parse("de")).isEqualTo(Locale.GERMAN);
        assertThat(Texts.parse("zh-CN")).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(Texts.parse("zh_CN")).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(Texts.parse("en-GB")).isEqualTo(Locale.ENGLISH);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Texts.parse("fr")).hasMessageContaining("choose en, de, zh-CN");
        Texts.use(Locale.GERMAN);
        assertThat(Texts.get("menu.file")).isEqualTo("_Datei");
        assertThat(Texts.get("notice.figuresFolder", "/tmp/x")).isEqualTo("Abbildungen gehen jetzt nach /tmp/x");
        Texts.use(Locale.SIMPLIFIED_CHINESE);
        assertThat(Texts.get("transport.train")).isEqualTo("训练");
        Texts.use(Locale.FRENCH);   // a language SeqLab does not speak: English
        assertThat(Texts.get("transport.train")).isEqualTo("Train");
    }


    private static Set<String> placeholders(String s) {
        Set<String> out = new TreeSet<>();
        // the arguments it fills in; how (a number's pattern, a choice's plural forms, which Chinese needs none of) is
        // the translator's
        Matcher m = Pattern.compile("\\{(\\d+)").matcher(s);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
