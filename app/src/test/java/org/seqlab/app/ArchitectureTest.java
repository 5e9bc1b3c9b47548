package org.seqlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The app's packages depend on each other only downwards, as docs/architecture.md's "How the pieces fit" draws them, read from
 * the sources' own references (imports and fully qualified names): no cycles, figures and lessons free of JavaFX,
 * the command line free of the window.
 */
class ArchitectureTest {

    static final Path SOURCES = Path.of("src/main/java/org/seqlab/app");

    /** Which app packages each package may use. */
    static final Map<String, Set<String>> ALLOWED = Map.of(
            "figures", Set.of(),
            "export", Set.of("figures"),
            "lessons", Set.of("figures"),
            "cli", Set.of("export", "figures", "lessons"),
            "work", Set.of(),
            "widgets", Set.of("export", "figures", "work"),
            "lab", Set.of("export", "figures", "lessons", "widgets", "work"),
            "reader", Set.of("figures", "lab", "lessons", "widgets", "work"),
            "shell", Set.of("cli", "export", "figures", "lab", "lessons", "reader", "widgets", "work"));

    static final Set<String> WITHOUT_JAVAFX = Set.of("figures", "export", "lessons", "cli");

    static Map<String, Set<String>> uses() throws IOException {
        Pattern ref = Pattern.compile("org\\.seqlab\\.app\\.([a-z]+)\\.");
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> packages = Files.list(SOURCES)) {
            for (Path dir : packages.filter(Files::isDirectory).toList()) {
                String pkg = dir.getFileName().toString();
                Set<String> used = new TreeSet<>();
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                        Matcher m = ref.matcher(Files.readString(f));
                        while (m.find()) {
                            if (!m.group(1).equals(pkg)) {
                                used.add(m.group(1));
                            }
                        }
                    }
                }
                uses.put(pkg, used);
            }
        }
        return uses;
    }

    @Test
    void packagesUseOnlyWhatTheyMay() throws IOException {
        Map<String, Set<String>> uses = uses();
        assertThat(uses.keySet()).as("every package has a rule").isSubsetOf(ALLOWED.keySet());
        for (var e : uses.entrySet()) {
            assertThat(e.getValue()).as("what %s uses", e.getKey()).isSubsetOf(ALLOWED.get(e.getKey()));
        }
    }

    /** Small rooms: a source file a newcomer can read in one sitting. */
    @Test
    void noSourceFileIsOver350Lines() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                assertThat(Files.readAllLines(f)).as(f.toString()).hasSizeLessThanOrEqualTo(350);
            }
        }
    }

    @Test
    void theRulesHaveNoCycle() {
        // a package's allowed set, closed transitively, never contains itself
        for (String p : ALLOWED.keySet()) {
            Set<String> seen = new TreeSet<>();
            Set<String> frontier = new TreeSet<>(ALLOWED.get(p));
            while (!frontier.isEmpty()) {
                String q = frontier.iterator().next();
                frontier.remove(q);
                if (seen.add(q)) {
                    frontier.addAll(ALLOWED.get(q));
                }
            }
            assertThat(seen).as("%s reaches itself", p).doesNotContain(p);
        }
    }

    @Test
    void figuresLessonsAndTheCommandLineAreFreeOfJavaFx() throws IOException {
        for (String pkg : WITHOUT_JAVAFX) {
            try (Stream<Path> files = Files.walk(SOURCES.resolve(pkg))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    assertThat(Files.readString(f)).as(f.toString()).doesNotContain("javafx.");
                }
            }
        }
    }
}
