package org.seqlab.app.lessons;

import org.seqlab.app.text.Texts;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML mapping read from a lesson (the front matter, a scene, a quiz) that remembers the line of every value,
 * so that a wrong value is reported where the author wrote it. SnakeYAML composes the node tree (nothing is
 * constructed from it); the typed getters here record a problem and return a default instead of throwing, so one
 * pass finds every mistake in a block.
 */
final class YamlBlock {

    private final Map<String, Node> entries = new LinkedHashMap<>();
    private final Map<String, Integer> keyLines = new LinkedHashMap<>();
    private final String file;
    private final int firstLine;
    private final int line;
    private final List<LessonProblem> problems;

    private YamlBlock(MappingNode node, String file, int firstLine, List<LessonProblem> problems) {
        this.file = file;
        this.firstLine = firstLine;
        this.line = node == null ? firstLine : firstLine + node.getStartMark().getLine();
        this.problems = problems;
        if (node != null) {
            for (NodeTuple t : node.getValue()) {
                String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue().trim().toLowerCase(Locale.ROOT) : "?";
                entries.put(key, t.getValueNode());
                keyLines.put(key, firstLine + t.getKeyNode().getStartMark().getLine());
            }
        }
    }

    /**
     * Parses {@code text}, whose first line is line {@code firstLine} of {@code file}. Malformed YAML or a block that
     * is not a mapping is recorded as a problem and gives an empty block.
     */
    static YamlBlock parse(String text, String file, int firstLine, List<LessonProblem> problems) {
        try {
            Node root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
            if (root == null) {
                problems.add(new LessonProblem(file, firstLine, Texts.get("lp.emptyBlock")));
                return new YamlBlock(null, file, firstLine, problems);
            }
            if (!(root instanceof MappingNode m)) {
                problems.add(new LessonProblem(file, firstLine + root.getStartMark().getLine(), Texts.get("lp.keyValue")));
                return new YamlBlock(null, file, firstLine, problems);
            }
            return new YamlBlock(m, file, firstLine, problems);
        } catch (MarkedYAMLException e) {
            int at = e.getProblemMark() != null ? e.getProblemMark().getLine() : 0;
            problems.add(new LessonProblem(file, firstLine + at, Texts.get("lp.yaml", e.getProblem())));
        } catch (YAMLException e) {
            problems.add(new LessonProblem(file, firstLine, Texts.get("lp.yaml", e.getLocalizedMessage())));
        }
        return new YamlBlock(null, file, firstLine, problems);
    }

    /** The line of the block's first key. */
    int line() {
        return line;
    }

    /** The line a key is written on (the block's line if absent). */
    int line(String key) {
        return keyLines.getOrDefault(key, line);
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    void problem(String key, String message) {
        problems.add(new LessonProblem(file, line(key), message));
    }

    /** Reports every key not in {@code allowed}, naming the ones that are. */
    void onlyKeys(String what, Set<String> allowed) {
        for (String k : entries.keySet()) {
            if (!allowed.contains(k)) {
                problem(k, Texts.get("lp.unknownKey", k, Texts.orElse("lp.what." + what.replaceAll("[^A-Za-z]", ""), what), String.join(", ", allowed)));
            }
        }
    }

    String string(String key, String otherwise) {
        Node n = entries.get(key);
        if (n == null) {
            return otherwise;
        }
        if (n instanceof ScalarNode s) {
            return text(key, s);
        }
        problem(key, Texts.get("lp.single", key));
        return otherwise;
    }

    /** A required text value. */
    String required(String key, String what) {
        String v = string(key, null);
        if (v == null || v.isBlank()) {
            if (!has(key)) {
                problems.add(new LessonProblem(file, line, Texts.get("lp.needs", Texts.orElse("lp.a." + what.replaceAll("[^A-Za-z]", ""), what), key)));
            } else {
                problem(key, Texts.get("lp.empty", key));
            }
            return "";
        }
        return v;
    }

    Integer integer(String key, int min, int max) {
        String v = string(key, null);
        if (v == null) {
            return null;
        }
        try {
            int x = Integer.parseInt(v.trim().replace("_", ""));
            if (x < min || x > max) {
                problem(key, Texts.get("lp.between", key, String.valueOf(min), String.valueOf(max), String.valueOf(x)));
                return null;
            }
            return x;
        } catch (NumberFormatException e) {
            problem(key, Texts.get("lp.whole", key, v));
            return null;
        }
    }

    Double number(String key) {
        String v = string(key, null);
        if (v == null) {
            return null;
        }
        try {
            double x = Double.parseDouble(v.trim());
            if (!Double.isFinite(x)) {
                throw new NumberFormatException();
            }
            return x;
        } catch (NumberFormatException e) {
            problem(key, Texts.get("lp.number", key, v));
            return null;
        }
    }

    Boolean bool(String key) {
        String v = string(key, null);
        if (v == null) {
            return null;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> {
                problem(key, Texts.get("lp.bool", key, v));
                yield null;
            }
        };
    }

    /** A list of text values (a single value counts as a list of one). */
    List<String> strings(String key) {
        Node n = entries.get(key);
        List<String> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        if (n instanceof ScalarNode s) {
            if (!s.getValue().isBlank()) {
                out.add(text(key, s));
            }
            return out;
        }
        if (n instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                if (item instanceof ScalarNode s) {
                    out.add(text(key, s));
                } else {
                    problems.add(new LessonProblem(file, firstLine + item.getStartMark().getLine(), Texts.get("lp.itemText", key)));
                }
            }
            return out;
        }
        problem(key, Texts.get("lp.list", key));
        return out;
    }

    /** A list of mappings, each as a block of its own. */
    List<YamlBlock> blocks(String key) {
        Node n = entries.get(key);
        List<YamlBlock> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        if (!(n instanceof SequenceNode seq)) {
            problem(key, Texts.get("lp.listItems", key));
            return out;
        }
        for (Node item : seq.getValue()) {
            if (item instanceof MappingNode m) {
                out.add(new YamlBlock(m, file, firstLine, problems));
            } else if (item instanceof ScalarNode s) {
                // "- lstm" is short for "- family: lstm"
                YamlBlock b = new YamlBlock(null, file, firstLine + item.getStartMark().getLine(), problems);
                b.entries.put("family", s);
                b.keyLines.put("family", firstLine + item.getStartMark().getLine());
                out.add(b);
            } else {
                problems.add(new LessonProblem(file, firstLine + item.getStartMark().getLine(), Texts.get("lp.itemLines", key)));
            }
        }
        return out;
    }

    /**
     * A scalar's text. In double quotes YAML reads {@code \t}, {@code \e}, {@code \b} … as escapes, which turns
     * {@code "$\times$"} or {@code "$\eta$"} silently into a tab or an escape character: reported, with the fix.
     */
    private String text(String key, ScalarNode s) {
        String v = s.getValue();
        if (v.chars().anyMatch(c -> c < 0x20 && c != '\n')) {
            problems.add(new LessonProblem(file, firstLine + s.getStartMark().getLine(), Texts.get("lp.control", key)));
        }
        return v;
    }
}
