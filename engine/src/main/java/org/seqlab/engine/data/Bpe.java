package org.seqlab.engine.data;

import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;

/**
 * Byte-pair encoding (Sennrich, Haddow and Birch 2016) on characters, learned on a text: start from its characters
 * and repeatedly merge the most frequent adjacent pair of tokens into a new token. As in GPT-2, a token holds white
 * space only as its first character ("␣the", never "e␣t"), so merges stay within words and a word carries its
 * leading space. Encoding a text applies the learned merges in the order they were learned.
 */
public final class Bpe {

    /** The most tokens a tokeniser may have (the lab's models have one output per token). */
    public static final int MAX_TOKENS = 1024;

    private final Vocabulary characters;
    private final List<String> tokens;   // id order: the characters, then the result of each merge
    private final int[] left;            // merge k made token characters.size() + k from left[k] and right[k]
    private final int[] right;

    private Bpe(Vocabulary characters, List<String> tokens, int[] left, int[] right) {
        this.characters = characters;
        this.tokens = List.copyOf(tokens);
        this.left = left;
        this.right = right;
    }

    /**
     * Learns merges on {@code text} until there are {@code size} tokens (or no pair occurs twice).
     *
     * @param characters the characters every text will be written in (the text's own, or more)
     */
    public static Bpe learn(String text, Vocabulary characters, int size) {
        int alphabet = characters.size();
        if (size < alphabet || size > MAX_TOKENS) {
            throw new IllegalArgumentException("a tokeniser on these " + alphabet + " characters has " + alphabet + " to "
                    + MAX_TOKENS + " tokens, not " + size);
        }
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < alphabet; i++) {
            tokens.add(characters.decode(i));
        }
        int[] seq = characters.encode(text);
        int n = seq.length;
        int merges = size - alphabet;
        int[] left = new int[merges];
        int[] right = new int[merges];
        int made = 0;
        int[] counts = new int[size * size];   // pair (a, b) at a·size + b; ids stay below size
        boolean[] spaceFree = new boolean[size];
        for (int i = 0; i < alphabet; i++) {
            spaceFree[i] = tokens.get(i).codePoints().noneMatch(Character::isWhitespace);
        }
        while (made < merges) {
            Arrays.fill(counts, 0);
            for (int i = 0; i + 1 < n; i++) {
                if (spaceFree[seq[i + 1]]) {
                    counts[seq[i] * size + seq[i + 1]]++;
                }
            }
            int best = -1;
            for (int k = 0; k < counts.length; k++) {
                if (counts[k] >= 2 && (best < 0 || counts[k] > counts[best])) {
                    best = k;   // ties go to the smaller pair, so a text always learns the same merges
                }
            }
            if (best < 0) {
                break;
            }
            int a = best / size;
            int b = best % size;
            int id = alphabet + made;
            left[made] = a;
            right[made] = b;
            tokens.add(tokens.get(a) + tokens.get(b));
            spaceFree[id] = spaceFree[a];
            n = merge(seq, n, a, b, id);
            made++;
        }
        return new Bpe(characters, tokens, Arrays.copyOf(left, made), Arrays.copyOf(right, made));
    }

    /** Replaces every non-overlapping (a, b), left to right, by {@code id} in seq[0, n); returns the new length. */
    private static int merge(int[] seq, int n, int a, int b, int id) {
        int out = 0;
        for (int i = 0; i < n; i++) {
            if (i + 1 < n && seq[i] == a && seq[i + 1] == b) {
                seq[out++] = id;
                i++;
            } else {
                seq[out++] = seq[i];
            }
        }
        return out;
    }

    /** Token ids of {@code text}: its characters, then every merge in the order it was learned. */
    public int[] encode(String text) {
        int[] seq = characters.encode(text);
        int n = seq.length;
        for (int k = 0; k < left.length; k++) {
            n = merge(seq, n, left[k], right[k], characters.size() + k);
        }
        return Arrays.copyOf(seq, n);
    }

    /** Every token's text, in id order. */
    public List<String> tokens() {
        return tokens;
    }

    /** The characters the merges start from. */
    public Vocabulary characters() {
        return characters;
    }

    public int merges() {
        return left.length;
    }
}
