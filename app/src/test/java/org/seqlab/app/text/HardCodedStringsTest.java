package org.seqlab.app.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No interface text written into the code: a control's label, a menu item, a tooltip, a title set from a string
 * literal fails here unless its file is on {@link #NOT_YET} — the files still to move into the bundles, each with
 * the number of literals it holds. The list only shrinks: a file with fewer literals than its entry must lower it, a
 * file that has none must leave the list, and a new file starts with none.
 */
class HardCodedStringsTest {

    static final Path SOURCES = Path.of("src/main/java/org/seqlab/app");

    /** What puts text on screen, with an English word in a string literal. */
    static final Pattern UI_TEXT = Pattern.compile("(new (Label|Button|ToggleButton|CheckBox|RadioButton|MenuItem|CheckMenuItem|Menu"
            + "|Tooltip|Tab|Hyperlink|TitledPane|ExtensionFilter)\\(|\\.set(Text|PromptText|Title|HeaderText|ContentText)\\(|\\bitem\\("
            // a view's hint, a message on the status line, a job's name in the progress list, a figure's note
            + "|\\.hint\\(|\\b(notice|status|progress|sceneProgress|noticeProperty\\(\\))\\.(set|accept)\\(|\\b(await|background\\.run|io\\.run)\\("
            + "|Figure\\.empty\\([^,]*, |centeredNote\\(g, "
            // a lesson's problem, shown to its author in the Problems dialog
            + "|\\.problem\\([^,()]*, |new LessonProblem\\([^,()]*, [^,()]*, )\"[^\"]*[A-Za-z]{2}");

    /** Files still holding interface text as literals, and how many; moved into ui.properties one by one. */
    static final Map<String, Integer> NOT_YET = Map.of();

    @Test
    void interfaceTextComesFromTheBundlesAndTheFilesNotYetMovedOnlyShrink() throws IOException {
        Map<String, Integer> found = new TreeMap<>();
        List<String> examples = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String name = SOURCES.relativize(f).toString().replace('\\', '/');
                if (name.startsWith("cli/")) {
                    continue;   // the command line's sentences stay English
                }
                Matcher m = UI_TEXT.matcher(Files.readString(f));
                int n = 0;
                while (m.find()) {
                    n++;
                    if (!NOT_YET.containsKey(name) && examples.size() < 20) {
                        examples.add(name + ": " + m.group());
                    }
                }
                if (n > 0) {
                    found.put(name, n);
                }
            }
        }
        List<String> wrong = new ArrayList<>();
        found.forEach((file, n) -> {
            int allowed = NOT_YET.getOrDefault(file, 0);
            if (n > allowed) {
                wrong.add(file + ": " + n + " literals, " + allowed + " allowed");
            }
        });
        NOT_YET.forEach((file, allowed) -> {
            int n = found.getOrDefault(file, 0);
            if (n < allowed) {
                wrong.add(file + ": " + n + " literals now; lower its entry from " + allowed + (n == 0 ? " (or remove it)" : ""));
            }
        });
        assertThat(wrong).as("interface text in the code; move it into ui.properties (docs/translating.md). For example:\n"
                + String.join("\n", examples)).isEmpty();
    }
}
