package org.seqlab.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * The engine's packages, read from the sources' own references (imports and fully qualified names in code, not in
 * comments): no package depends on itself through others, files know nothing of data, and the model families know only
 * the model contracts and the layers — never training, sampling or what is built on them.
 */
class EngineArchitectureTest {

    static final Path SOURCES = Path.of("src/main/java/org/seqlab/engine");

    /** Package (relative to org.seqlab.engine, "" for the root) → the engine packages its code refers to. */
    static Map<String, Set<String>> uses() throws IOException {
        Pattern ref = Pattern.compile("org\\.seqlab\\.engine\\.((?:[a-z0-9]+\\.)*)[A-Z]");
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(f.getParent()).toString().replace('/', '.');
                String code = Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
                Set<String> used = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher m = ref.matcher(code);
                while (m.find()) {
                    String target = m.group(1).isEmpty() ? "" : m.group(1).substring(0, m.group(1).length() - 1);
                    if (!target.equals(pkg)) {
                        used.add(target);
                    }
                }
            }
        }
        return uses;
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() throws IOException {
        Map<String, Set<String>> uses = uses();
        assertThat(uses).containsKeys("data", "data.catalog", "model", "model.build", "model.rnn", "train");
        for (String start : uses.keySet()) {
            // every path out of start, depth first; a path that comes back to start is a cycle
            List<List<String>> open = new ArrayList<>(List.of(List.of(start)));
            Set<String> seen = new TreeSet<>();
            while (!open.isEmpty()) {
                List<String> path = open.remove(open.size() - 1);
                for (String next : uses.getOrDefault(path.get(path.size() - 1), Set.of())) {
                    assertThat(next).as("a cycle: %s → %s", String.join(" → ", path), next).isNotEqualTo(start);
                    if (seen.add(next)) {
                        List<String> longer = new ArrayList<>(path);
                        longer.add(next);
                        open.add(longer);
                    }
                }
            }
        }
    }

    @Test
    void filesKnowNothingOfDataAndModelsNothingOfTraining() throws IOException {
        Map<String, Set<String>> uses = uses();
        assertThat(uses.get("io")).as("io (atomic saves, capped zips) uses no other engine package").isEmpty();
        Set<String> above = Set.of("train", "sample", "inspect", "expect", "follow", "seq2seq", "metrics", "data.catalog");
        for (var e : uses.entrySet()) {
            if (e.getKey().startsWith("model") && !e.getKey().equals("model.build")) {
                assertThat(e.getValue()).as("what %s uses", e.getKey()).doesNotContainAnyElementsOf(above);
            }
            if (e.getKey().startsWith("model.") && !e.getKey().equals("model.build") && !e.getKey().equals("model.seq2seq")) {
                // a family knows the contracts and the layers; only the encoder–decoders reuse other families' parts
                assertThat(e.getValue()).as("what %s uses", e.getKey())
                        .allMatch(p -> p.equals("model") || p.equals("model.layers") || p.equals("data")
                                || e.getKey().equals("model.made") && p.equals("model.conv"));
            }
        }
    }
}
