package org.seqlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
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
    static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("text", Set.<String>of()),
            Map.entry("figures", Set.of("text")),
            Map.entry("describe", Set.of("figures", "text")),
            Map.entry("export", Set.of("describe", "figures", "text")),
            Map.entry("lessons", Set.of("figures", "text")),
            Map.entry("cli", Set.of("export", "figures", "lessons", "text")),
            Map.entry("work", Set.of("text")),
            Map.entry("widgets", Set.of("describe", "export", "figures", "text", "work")),
            Map.entry("lab", Set.of("export", "figures", "lessons", "text", "widgets", "work")),
            Map.entry("views", Set.of("figures", "lab", "text", "widgets", "work")),
            Map.entry("reader", Set.of("figures", "lab", "lessons", "text", "views", "widgets", "work")),
            Map.entry("shell", Set.of("cli", "describe", "export", "figures", "lab", "lessons", "reader", "text", "views", "widgets", "work")));

    static final Set<String> WITHOUT_JAVAFX = Set.of("text", "figures", "describe", "export", "lessons", "cli");

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

    /**
     * No two files need each other (A uses B and B, through others, uses A), in the app or the engine: files are split
     * by job, and a part that must call back into its owner is given the few operations it needs (an interface of its
     * own, like the shell's {@code Shell}, or functions), not the owner.
     */
    @Test
    void noFileNeedsAnotherThatNeedsIt() throws IOException {
        Map<String, String> code = new TreeMap<>();        // qualified name → its code without comments and strings
        Map<String, String> packages = new TreeMap<>();
        for (Path root : List.of(SOURCES.getParent().getParent().getParent(), Path.of("../engine/src/main/java"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.endsWith("package-info.java")).toList()) {
                    String text = Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "")
                            .replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"");
                    Matcher m = Pattern.compile("(?m)^package ([\\w.]+);").matcher(text);
                    String name = (m.find() ? m.group(1) : "") + "." + f.getFileName().toString().replace(".java", "");
                    code.put(name, text);
                    packages.put(name, name.substring(0, name.lastIndexOf('.')));
                }
            }
        }
        // A uses B when B's simple name appears in A's code and B is in A's package or imported (or named in full)
        Map<String, Set<String>> uses = new TreeMap<>();
        for (var a : code.entrySet()) {
            Set<String> out = new TreeSet<>();
            for (String b : code.keySet()) {
                String full = b;
                String simple = b.substring(b.lastIndexOf('.') + 1);
                if (!b.equals(a.getKey()) && Pattern.compile("\\b" + simple + "\\b").matcher(a.getValue()).find()
                        && (packages.get(b).equals(packages.get(a.getKey())) || a.getValue().contains(full))) {
                    out.add(b);
                }
            }
            uses.put(a.getKey(), out);
        }
        // a cycle is a set of files each reaching every other: group every file with those it reaches and that reach it
        Map<String, Set<String>> reach = new TreeMap<>();
        for (String a : uses.keySet()) {
            Set<String> seen = new TreeSet<>();
            Deque<String> todo = new ArrayDeque<>(uses.get(a));
            while (!todo.isEmpty()) {
                String b = todo.pop();
                if (seen.add(b)) {
                    todo.addAll(uses.get(b));
                }
            }
            reach.put(a, seen);
        }
        Set<Set<String>> cycles = new HashSet<>();
        for (String a : uses.keySet()) {
            if (reach.get(a).contains(a)) {
                Set<String> cycle = new TreeSet<>();
                for (String b : reach.get(a)) {
                    if (reach.get(b).contains(a)) {
                        cycle.add(b.substring(b.lastIndexOf('.') + 1));
                    }
                }
                cycles.add(cycle);
            }
        }
        assertThat(cycles).as("files that need each other").isEmpty();
    }
}
