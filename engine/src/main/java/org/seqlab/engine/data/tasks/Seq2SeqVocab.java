package org.seqlab.engine.data.tasks;

import org.seqlab.engine.data.Vocabulary;

/**
 * A task's symbols: three specials — padding, the start of a target ({@code BOS}) and its end ({@code EOS}) — then
 * the task's alphabet, one id per character.
 */
public final class Seq2SeqVocab {

    public static final int PAD = 0;
    public static final int BOS = 1;
    public static final int EOS = 2;
    static final int SPECIALS = 3;

    private final String alphabet;

    public Seq2SeqVocab(String alphabet) {
        this.alphabet = alphabet;
    }

    public static Seq2SeqVocab of(Task task) {
        return new Seq2SeqVocab(task.alphabet());
    }

    public int size() {
        return SPECIALS + alphabet.length();
    }

    public String alphabet() {
        return alphabet;
    }

    public int id(char c) {
        int i = alphabet.indexOf(c);
        if (i < 0) {
            throw new IllegalArgumentException(shown(c) + " is not a symbol of this task (its symbols: " + shownAlphabet() + ")");
        }
        return SPECIALS + i;
    }

    public int[] encode(String s) {
        int[] out = new int[s.length()];
        for (int i = 0; i < out.length; i++) {
            if (alphabet.indexOf(s.charAt(i)) < 0) {
                throw new IllegalArgumentException(shown(s.charAt(i)) + " at position " + (i + 1) + " is not a symbol of this task (its symbols: "
                        + shownAlphabet() + ")");
            }
            out[i] = id(s.charAt(i));
        }
        return out;
    }

    /** A symbol as a message shows it: quoted, or named when it would print as nothing or a plain space. */
    private static String shown(char c) {
        String d = Vocabulary.display(c);
        return d.length() == 1 ? "'" + d + "'" : d;
    }

    private String shownAlphabet() {
        return alphabet.replace(" ", "␣");
    }

    /** The symbol an id stands for: a character, or ⟨pad⟩, ⟨s⟩, ⟨/s⟩. */
    public String symbol(int id) {
        return switch (id) {
            case PAD -> "⟨pad⟩";
            case BOS -> "⟨s⟩";
            case EOS -> "⟨/s⟩";
            default -> String.valueOf(alphabet.charAt(id - SPECIALS));
        };
    }

    /** Ids back to text, up to the first EOS. */
    public String decode(int[] ids) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            if (id == EOS) {
                break;
            }
            if (id >= SPECIALS) {
                sb.append(alphabet.charAt(id - SPECIALS));
            }
        }
        return sb.toString();
    }
}
