package org.seqlab.engine.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Tokens ↔ ids. Usually every token is one character and ids follow the characters' code-point order, so a vocabulary
 * is fixed by its text; a {@link Bpe byte-pair} vocabulary has those characters first and then its merged tokens.
 */
public final class Vocabulary {

    private final int[] codePoints;   // the characters (for a BPE vocabulary, the ones its merges start from)
    private final Map<Integer, Integer> ids = new HashMap<>();
    private final Bpe bpe;            // null: one token per character

    private Vocabulary(int[] codePoints, Bpe bpe) {
        this.codePoints = codePoints;
        this.bpe = bpe;
        for (int i = 0; i < codePoints.length; i++) {
            ids.put(codePoints[i], i);
        }
    }

    private Vocabulary(int[] codePoints) {
        this(codePoints, null);
    }

    /** The tokens of a byte-pair encoding learned on text in these characters. */
    public static Vocabulary of(Vocabulary characters, Bpe bpe) {
        if (!characters.characters() || bpe.alphabet() != characters.size()) {
            throw new IllegalArgumentException("the merges start from " + bpe.alphabet() + " characters, not these " + characters.size());
        }
        return new Vocabulary(characters.codePoints, bpe);
    }

    /** Every token's text, in id order. */
    public List<String> tokens() {
        return IntStream.range(0, size()).mapToObj(this::decode).toList();
    }

    /** The byte-pair merges over the characters, or null for a vocabulary of characters. */
    public Bpe bpe() {
        return bpe;
    }

    /** Whether every token is one character (false for a byte-pair vocabulary). */
    public boolean characters() {
        return bpe == null;
    }

    /** The distinct characters of {@code text}, in code-point order. */
    public static Vocabulary of(String text) {
        TreeSet<Integer> set = new TreeSet<>();
        text.codePoints().forEach(set::add);
        return new Vocabulary(set.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Exactly these characters, in this order (used by synthetic sources and saved models). */
    public static Vocabulary ofSymbols(String symbols) {
        int[] cps = symbols.codePoints().toArray();
        if (cps.length != Arrays.stream(cps).distinct().count()) {
            throw new IllegalArgumentException("symbols must be distinct: " + symbols);
        }
        return new Vocabulary(cps);
    }

    public int size() {
        return bpe == null ? codePoints.length : bpe.tokens().size();
    }

    /** All symbols as one string, in id order (a character vocabulary; a byte-pair one gives its characters). */
    public String symbols() {
        return new String(codePoints, 0, codePoints.length);
    }

    public boolean contains(int codePoint) {
        return indexOf(codePoint) >= 0;
    }

    private int indexOf(int codePoint) {
        Integer id = ids.get(codePoint);
        return id == null ? -1 : id;
    }

    /** Token ids of {@code text}; a character outside the vocabulary is an error that names it. */
    public int[] encode(String text) {
        return bpe == null ? characterIds(text) : bpe.encode(characterIds(text));
    }

    private int[] characterIds(String text) {
        int[] cps = text.codePoints().toArray();
        int[] ids = new int[cps.length];
        for (int i = 0; i < cps.length; i++) {
            int id = indexOf(cps[i]);
            if (id < 0) {
                throw new IllegalArgumentException("the character " + display(cps[i]) + " at position " + i
                        + " is not in the vocabulary (" + size() + " symbols: " + printable() + ")");
            }
            ids[i] = id;
        }
        return ids;
    }

    public String decode(int[] ids) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            sb.append(decode(id));
        }
        return sb.toString();
    }

    public String decode(int id) {
        return bpe != null ? bpe.tokens().get(id) : new String(codePoints, id, 1);
    }

    /** A visible label for a token: newline as ⏎, space as ␣, tab as ⇥. */
    public String label(int id) {
        if (bpe == null) {
            return display(codePoints[id]);
        }
        StringBuilder sb = new StringBuilder();
        bpe.tokens().get(id).codePoints().forEach(cp -> sb.append(cp == ' ' ? "␣" : cp == '\n' ? "⏎" : cp == '\t' ? "⇥"
                : new String(Character.toChars(cp))));
        return sb.toString();
    }

    /** The labels of these tokens, one per token. */
    public List<String> labels(int[] ids) {
        return Arrays.stream(ids).mapToObj(this::label).toList();
    }

    /** The vocabulary as visible labels, for messages. */
    public String printable() {
        StringBuilder sb = new StringBuilder();
        for (int id = 0; id < size(); id++) {
            sb.append(label(id)).append(bpe == null ? "" : " ");
            if (sb.length() > 80) {
                return sb.append('…').toString();
            }
        }
        return sb.toString();
    }

    public static String display(int cp) {
        return switch (cp) {
            case '\n' -> "⏎";
            case ' ' -> "␣";
            case '\t' -> "⇥";
            case '\r' -> "␍";
            default -> Character.isISOControl(cp) ? String.format("U+%04X", cp)
                    // a character that shows as nothing or as a plain space is named: U+00A0 (no-break space)
                    : Character.isSpaceChar(cp) || Character.isWhitespace(cp) || Character.getType(cp) == Character.FORMAT
                    ? String.format("U+%04X (%s)", cp, String.valueOf(Character.getName(cp)).toLowerCase(Locale.ROOT))
                    : new String(Character.toChars(cp));
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && Arrays.equals(codePoints, v.codePoints)
                && (bpe == null ? v.bpe == null : v.bpe != null && bpe.tokens().equals(v.bpe.tokens()));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(codePoints) * 31 + (bpe == null ? 0 : bpe.tokens().hashCode());
    }
}
