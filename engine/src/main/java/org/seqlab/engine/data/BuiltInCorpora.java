package org.seqlab.engine.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * The corpora the build fetched from the npm registry at pinned versions (see engine/pom.xml and
 * assets/NOTICE): English first names (makemore-style, one per line) and Moby-Dick.
 */
public final class BuiltInCorpora {

    private static final String DIR = "/org/seqlab/engine/data/corpora/";

    private BuiltInCorpora() {
    }

    /**
     * About 7,900 distinct first names, lower-cased, one per line; names (not characters) are shuffled with
     * a fixed seed and split 90/10, so no validation name was seen in training.
     */
    public static TextCorpus names() {
        Set<String> names = new LinkedHashSet<>();
        for (String file : new String[] {"names-female.txt", "names-male.txt"}) {
            for (String line : read(file).split("\n")) {
                String n = line.strip().toLowerCase(Locale.ROOT);
                if (!n.isEmpty()) {
                    names.add(n);
                }
            }
        }
        List<String> list = new ArrayList<>(names);
        Collections.shuffle(list, new Random(42));
        int cut = (int) Math.round(list.size() * 0.9);
        String train = String.join("\n", list.subList(0, cut)) + "\n";
        String val = String.join("\n", list.subList(cut, list.size())) + "\n";
        return new TextCorpus("names", String.format("First names (%,d names, one per line)", list.size()),
                train, val, train + val, List.of("\nemma\nolivia\nisaac\n", "\nwilliam\n", "\nsophia\n"));
    }

    /** Herman Melville's Moby-Dick, about 1.2 million characters; the last 10% validates. */
    public static TextCorpus mobyDick() {
        String text = read("moby-dick.txt").replace("\r\n", "\n");
        return TextCorpus.split("moby-dick", String.format("Moby-Dick (%,d characters)", text.length()), text, 0.1,
                List.of("Call me Ishmael. Some years ago", "the whale", "Queequeg and I"));
    }

    static String read(String file) {
        try (InputStream in = BuiltInCorpora.class.getResourceAsStream(DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("built-in corpus " + file + " is missing from the build; run mvn package");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
