package org.seqlab.app.text;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engine's status sentences ("Ready: 2 models on names"), which it writes in English for the command line and the
 * logs, in the interface's language. Each known sentence is a pattern whose groups fill a key's placeholders; a
 * sentence with no pattern (a failure's own words) shows as the engine wrote it.
 */
public final class EngineWords {

    private record Sentence(Pattern pattern, String key) {
    }

    // the engine's sentences, as LabTrainer and Trainer write them; EngineWordsTest holds these to the engine's text
    private static final List<Sentence> SENTENCES = List.of(
            new Sentence(Pattern.compile("Ready: (\\d+) models? on (.+)"), "engine.ready"),
            new Sentence(Pattern.compile("Reset to step 0\\."), "engine.reset"),
            new Sentence(Pattern.compile("Undone: back at step (\\d+)\\."), "engine.undone"),
            new Sentence(Pattern.compile("Already at step (\\d+)\\."), "engine.already"),
            new Sentence(Pattern.compile("Nothing to train yet\\."), "engine.nothing"),
            new Sentence(Pattern.compile("Rolled back to the last good weights: (.+)\\. Train goes on\\."), "engine.rolledBack"),
            new Sentence(Pattern.compile("Training stopped: (.+)", Pattern.DOTALL), "engine.stopped"),
            new Sentence(Pattern.compile("Out of memory: the models and their history need more than SeqLab's heap holds\\..*",
                    Pattern.DOTALL), "engine.outOfMemory"));

    private EngineWords() {
    }

    /** {@code sentence} in the interface's language, or as it is. */
    public static String of(String sentence) {
        if (sentence == null || sentence.isEmpty()) {
            return sentence;
        }
        for (Sentence s : SENTENCES) {
            Matcher m = s.pattern().matcher(sentence);
            if (m.matches()) {
                Object[] args = new Object[m.groupCount()];
                for (int i = 0; i < args.length; i++) {
                    String g = m.group(i + 1);
                    args[i] = g.matches("\\d{1,9}") ? (Object) Integer.valueOf(g) : g;   // a count, for the plural
                }
                return Texts.get(s.key(), args);
            }
        }
        return sentence;
    }
}
