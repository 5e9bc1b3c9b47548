package org.seqlab.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.seqlab.engine.data.TextFiles;
import org.seqlab.engine.model.build.ModelFile;

/**
 * What the engine says about bad input: English for the command line, the interface's language for the window, every
 * sentence in every language with the same values, and no sentence written into the code instead of by key.
 */
class SaysTest {

    private static final Path SOURCES = Path.of("src/main/java/org/seqlab/engine");

    /** The settings a window or a lesson sets, whose bounds are said by key ({@link BadValue}). */
    private static final java.util.Set<String> SETTINGS = java.util.Set.of("ModelConfig.java", "OptimizerConfig.java", "TrainConfig.java",
            "DecodingConfig.java", "ScheduledSampling.java", "Seq2SeqConfig.java", "RunConfig.java", "Family.java", "Positional.java",
            "Norm.java", "Activation.java", "PixelOrder.java", "Strategy.java", "Schedule.java");

    @AfterEach
    void english() {
        Says.use(Locale.ENGLISH);
    }

    @Test
    void aBadFileIsExplainedInEnglishForTheCommandLineAndInTheInterfacesLanguage(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        Says.use(Locale.GERMAN);
        assertThatThrownBy(() -> TextFiles.fromBytes("poem.txt", new byte[] {'a', 0, 'b'}))
                .hasMessage("poem.txt looks like a binary file (it contains zero bytes), not text")
                .extracting(Throwable::getLocalizedMessage)
                .isEqualTo("poem.txt sieht wie eine Binärdatei aus (sie enthält Null-Bytes), nicht wie Text");
        // a value that is itself said by key (what the file should be) is said in the same language
        Path notZip = Files.writeString(dir.resolve("model.seqlab"), "not a zip");
        Says.use(Locale.SIMPLIFIED_CHINESE);
        assertThatThrownBy(() -> ModelFile.load(notZip))
                .hasMessage("model.seqlab is not a SeqLab model file (not a zip archive)")
                .extracting(Throwable::getLocalizedMessage).isEqualTo("model.seqlab 不是 SeqLab 模型文件（不是 zip 压缩包）");
    }

    @Test
    void everySentenceIsInEveryLanguageWithTheSameValues() throws IOException {
        Properties english = bundle("");
        assertThat(english).isNotEmpty();
        for (String suffix : List.of("_de", "_zh_CN")) {
            Properties t = bundle(suffix);
            List<String> wrong = new ArrayList<>();
            for (String key : english.stringPropertyNames()) {
                String text = t.getProperty(key);
                if (text == null || !Says.conversions(text).equals(Says.conversions(english.getProperty(key)))) {
                    wrong.add(key + ": " + text);
                }
            }
            assertThat(wrong).as("sentences of %s missing or with other values than English", suffix).isEmpty();
            assertThat(new TreeSet<>(t.stringPropertyNames())).as("keys English lacks").isSubsetOf(english.stringPropertyNames());
        }
    }

    /** Each key the code says exists, and no bad input is explained in a sentence written into the code. */
    @Test
    void theCodeSaysBadInputByKey() throws IOException {
        Properties english = bundle("");
        Pattern key = Pattern.compile("\"([a-z0-9]+\\.[A-Za-z0-9.]+)\"");
        Pattern said = Pattern.compile("(DataException\\.says|BadValue\\.says|Says\\.of|\\bcheck)\\(");
        List<String> unknown = new ArrayList<>();
        List<String> literal = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (said.matcher(line).find()) {
                        Matcher m = key.matcher(line);
                        while (m.find()) {
                            if (!english.containsKey(m.group(1)) && !m.group(1).contains("/")) {
                                unknown.add(f.getFileName() + ": " + m.group(1));
                            }
                        }
                    }
                    boolean setting = SETTINGS.contains(f.getFileName().toString());
                    if (line.contains("new DataException(\"") || line.contains("new DataException(String.format")
                            || setting && line.contains("new IllegalArgumentException(")) {
                        literal.add(f.getFileName() + ": " + line.strip());
                    }
                }
            }
        }
        assertThat(unknown).as("keys the code says that says.properties lacks").isEmpty();
        assertThat(literal).as("sentences written into the code; say them by key (Says)").isEmpty();
        assertThat(BadValue.says("config.between", Says.of("what.layers"), 1, 16, 40).getMessage()).isEqualTo("layers must be between 1 and 16, not 40");
        Says.use(Locale.GERMAN);
        assertThat(BadValue.says("config.between", Says.of("what.layers"), 1, 16, 40).getLocalizedMessage())
                .isEqualTo("Schichten: der Wert muss zwischen 1 und 16 liegen, nicht 40");
    }

    private static Properties bundle(String suffix) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Says.class.getResourceAsStream("says" + suffix + ".properties")) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

}
