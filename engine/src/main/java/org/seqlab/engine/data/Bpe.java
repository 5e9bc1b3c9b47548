package org.seqlab.engine.data;

import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;

/**
 * Byte-pair encoding (Sennrich, Haddow and Birch 2016) on characters, learned on a text: start from its characters
 * and repeatedly merge the most frequent adjacent pair of tokens into a new token. As in GPT-2, a token holds white
 * space only as its first character ("␣the", never "e␣t"), so merges stay within words and a word carries its
 * leading space. Encoding applies the learned merges in the order they were learned. It works on character ids; a
 * {@link Vocabulary} of its tokens turns text into them.
 */
public final class Bpe {

    /** The most tokens a tokeniser may have (the lab's models have one output per token). */
    public static final int MAX_TOKENS = 1024;

    private final int alphabet;          // the characters' ids are 0 … alphabet − 1
    private final List<String> tokens;   // id order: the characters, then the result of each merge
    private final int[] left;            // merge k made token alphabet + k from left[k] and right[k]
    private final int[] right;

    private Bpe(int alphabet, List<String> tokens, int[] left, int[] right) {
        this.alphabet = alphabet;
        this.tokens = List.copyOf(tokens);
        this.left = left;
        this.right = right;
    }

    /**
     * Learns merges on a text until there are {@code size} tokens (or no pair occurs twice).
     *
     * @param text       the text as character ids
     * @param characters every character's text, in id order (the text's own characters, or more)
     */
    public static Bpe learn(int[] text, List<String> characters, int size) {
        int alphabet = characters.size();
        if (size < alphabet || size > MAX_TOKENS) {
            throw new IllegalArgumentException("a tokeniser on these " + alphabet + " characters has " + alphabet + " to "
                    + MAX_TOKENS + " tokens, not " + size);
        }
        List<String> tokens = new ArrayList<>(characters);
        int[] seq = text.clone();
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
        return new Bpe(alphabet, tokens, Arrays.copyOf(left, made), Arrays.copyOf(right, made));
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

    /** Token ids of a text given as character ids: every merge applied in the order it was learned. */
    public int[] encode(int[] characters) {
        int[] seq = characters.clone();
        int n = seq.length;
        for (int k = 0; k < left.length; k++) {
            n = merge(seq, n, left[k], right[k], alphabet + k);
        }
        return Arrays.copyOf(seq, n);
    }

    /** Every token's text, in id order. */
    public List<String> tokens() {
        return tokens;
    }

    /** The merges in the order they were learned: merge k made token {@code alphabet + k} from tokens {@code [k][0]}, {@code [k][1]}. */
    public int[][] merges() {
        int[][] out = new int[left.length][];
        for (int k = 0; k < left.length; k++) {
            out[k] = new int[] {left[k], right[k]};
        }
        return out;
    }

    /** How many characters the merges start from (ids 0 … alphabet − 1). */
    public int alphabet() {
        return alphabet;
    }
}
