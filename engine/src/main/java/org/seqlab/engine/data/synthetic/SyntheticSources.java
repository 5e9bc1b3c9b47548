package org.seqlab.engine.data.synthetic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.seqlab.engine.data.synthetic.FiniteStateSource.Transition;

/** The synthetic sources, built as finite state machines so that their entropies are exact. */
public final class SyntheticSources {

    /** Names accepted after {@code synthetic:} on the command line. */
    public static final List<String> NAMES = List.of("markov", "reber", "brackets", "recall", "order");

    private SyntheticSources() {
    }

    public static FiniteStateSource byName(String name) {
        return switch (name) {
            case "markov" -> markov(2, "abcd", 0.5, 7);
            case "reber" -> embeddedReber();
            case "brackets" -> brackets(2, 6, 0.5);
            case "recall" -> recall("abcd", 10, 20);
            case "order" -> firstAgain("abcd");
            default -> throw new IllegalArgumentException("unknown synthetic source '" + name + "'; choose one of "
                    + String.join(", ", NAMES) + ", repeat");
        };
    }

    /**
     * An order-k Markov chain over {@code alphabet} with a random transition table: each context's next-symbol
     * distribution is drawn from a symmetric Dirichlet(α) (small α: peaked rows, low entropy). The state is the
     * last k symbols; the chain starts in the context of k copies of the first symbol (not emitted).
     */
    public static FiniteStateSource markov(int order, String alphabet, double alpha, long tableSeed) {
        int a = alphabet.length();
        int states = (int) Math.pow(a, order);
        SplittableRandom rng = new SplittableRandom(tableSeed);
        List<List<Transition>> table = FiniteStateSource.emptyTable(states);
        for (int s = 0; s < states; s++) {
            double[] row = new double[a];
            double sum = 0;
            for (int x = 0; x < a; x++) {
                row[x] = gamma(alpha, rng);
                sum += row[x];
            }
            for (int x = 0; x < a; x++) {
                table.get(s).add(new Transition(x, row[x] / sum, (s * a + x) % states));
            }
        }
        return new FiniteStateSource("markov",
                String.format("order-%d Markov chain over {%s}, random table (Dirichlet α=%.1f, seed %d)", order,
                        String.join(",", alphabet.split("")), alpha, tableSeed),
                alphabet, table, 0);
    }

    /**
     * The embedded Reber grammar (Hochreiter &amp; Schmidhuber 1997): B, then T or P, then a Reber string,
     * then the same T or P again, then E; strings follow one another. Predicting the second-to-last symbol
     * needs the second one, often ten or more steps back: the classic test of long memory.
     */
    public static FiniteStateSource embeddedReber() {
        String alphabet = "BTPSXVE";
        int B = 0, T = 1, P = 2, S = 3, X = 4, V = 5, E = 6;
        // states: 0 start, 1 after B, 2..8 inner Reber after T, 9..15 inner Reber after P,
        //         16 end-of-inner (T branch), 17 end-of-inner (P branch), 18 before the final E
        List<List<Transition>> t = FiniteStateSource.emptyTable(19);
        t.get(0).add(new Transition(B, 1, 1));
        t.get(1).add(new Transition(T, 0.5, 2));
        t.get(1).add(new Transition(P, 0.5, 9));
        for (int branch = 0; branch < 2; branch++) {
            int o = branch == 0 ? 2 : 9; // inner state k is o + k
            int end = branch == 0 ? 16 : 17;
            // the Reber grammar: 0 -B-> 1; 1 -T-> 2 | -P-> 3; 2 -S-> 2 | -X-> 4; 3 -T-> 3 | -V-> 5;
            //                   4 -X-> 3 | -S-> 6; 5 -P-> 4 | -V-> 6; 6 -E-> end
            t.get(o).add(new Transition(B, 1, o + 1));
            t.get(o + 1).add(new Transition(T, 0.5, o + 2));
            t.get(o + 1).add(new Transition(P, 0.5, o + 3));
            t.get(o + 2).add(new Transition(S, 0.5, o + 2));
            t.get(o + 2).add(new Transition(X, 0.5, o + 4));
            t.get(o + 3).add(new Transition(T, 0.5, o + 3));
            t.get(o + 3).add(new Transition(V, 0.5, o + 5));
            t.get(o + 4).add(new Transition(X, 0.5, o + 3));
            t.get(o + 4).add(new Transition(S, 0.5, o + 6));
            t.get(o + 5).add(new Transition(P, 0.5, o + 4));
            t.get(o + 5).add(new Transition(V, 0.5, o + 6));
            t.get(o + 6).add(new Transition(E, 1, end));
        }
        t.get(16).add(new Transition(T, 1, 18));
        t.get(17).add(new Transition(P, 1, 18));
        t.get(18).add(new Transition(E, 1, 0));
        return new FiniteStateSource("reber", "embedded Reber grammar (strings one after another)", alphabet, t, 0);
    }

    /**
     * Delayed recall, the long-range test a vanilla RNN fails (built in as synthetic:recall with 10 to 20 dots): a cue (one of {@code cues}, uniform), then a delay of
     * dots whose length is uniform in [{@code minDelay}, {@code maxDelay}], then {@code ?}, then the cue again; episodes
     * follow one another. Everything is random except the recalled cue, which only a model that carries it across the
     * whole delay predicts: one that forgets pays log₂|cues| bits at every recall. The state is (cue, dots so far).
     */
    public static FiniteStateSource recall(String cues, int minDelay, int maxDelay) {
        int c = cues.length();
        int dot = c;
        int ask = c + 1;
        // states: 0 start; 1 + cue·(maxDelay + 1) + d after the cue and d dots (d = 0 … maxDelay); then, per cue,
        // the state where its recall is due
        int block = maxDelay + 1;
        int recallBase = 1 + c * block;
        List<List<Transition>> t = FiniteStateSource.emptyTable(recallBase + c);
        for (int cue = 0; cue < c; cue++) {
            t.get(0).add(new Transition(cue, 1.0 / c, 1 + cue * block));
            for (int dots = 0; dots <= maxDelay; dots++) {
                int state = 1 + cue * block + dots;
                // the delay ends after minDelay … maxDelay dots, each length equally likely: the hazard of ending now
                double end = dots < minDelay ? 0 : 1.0 / (maxDelay - dots + 1);
                if (end > 0) {
                    t.get(state).add(new Transition(ask, end, recallBase + cue));
                }
                if (end < 1) {
                    t.get(state).add(new Transition(dot, 1 - end, state + 1));
                }
            }
            t.get(recallBase + cue).add(new Transition(cue, 1, 0));
        }
        return new FiniteStateSource("recall", String.format("delayed recall: a cue from {%s}, %d to %d dots, ?, the cue again",
                String.join(",", cues.split("")), minDelay, maxDelay), cues + ".?", t, 0);
    }

    /**
     * Order, and nothing else (built in as synthetic:order): a letter, another (both uniform on {@code letters}), '=',
     * then the first letter again; episodes follow one another. The counts of the letters say nothing about which
     * came first: after '=' only a model that knows the order of the last two letters predicts the answer, so a
     * one-block Transformer without positions (which sees what came before, not in what order) cannot. The state is
     * (the first letter, how far into the episode).
     */
    public static FiniteStateSource firstAgain(String letters) {
        int a = letters.length();
        int eq = a;
        // states: 0 start; 1 + x after the first letter x; 1 + a + x after the second; 1 + 2a + x after '='
        List<List<Transition>> t = FiniteStateSource.emptyTable(1 + 3 * a);
        for (int x = 0; x < a; x++) {
            t.get(0).add(new Transition(x, 1.0 / a, 1 + x));
            for (int y = 0; y < a; y++) {
                t.get(1 + x).add(new Transition(y, 1.0 / a, 1 + a + x));
            }
            t.get(1 + a + x).add(new Transition(eq, 1, 1 + 2 * a + x));
            t.get(1 + 2 * a + x).add(new Transition(x, 1, 0));
        }
        return new FiniteStateSource("order", "order: two letters from {" + String.join(",", letters.split("")) + "}, =, then the first again",
                letters + "=", t, 0);
    }

    /**
     * Balanced brackets of {@code types} kinds (Dyck language) nested at most {@code maxDepth} deep: at depth 0
     * a bracket opens; in between one opens with probability {@code pOpen} (its kind uniform), otherwise the
     * innermost one closes; at the maximum depth one closes. The state is the stack of open brackets.
     */
    public static FiniteStateSource brackets(int types, int maxDepth, double pOpen) {
        String pairs = "()[]{}<>";
        if (types < 1 || types > 4) {
            throw new IllegalArgumentException("1 to 4 kinds of brackets");
        }
        StringBuilder alphabet = new StringBuilder();
        for (int k = 0; k < types; k++) {
            alphabet.append(pairs.charAt(2 * k)).append(pairs.charAt(2 * k + 1));
        }
        // enumerate stacks: id of a stack = index in this list; a stack is a list of kinds, bottom first
        List<int[]> stacks = new ArrayList<>();
        stacks.add(new int[0]);
        for (int i = 0; i < stacks.size(); i++) {
            int[] s = stacks.get(i);
            if (s.length < maxDepth) {
                for (int k = 0; k < types; k++) {
                    int[] pushed = Arrays.copyOf(s, s.length + 1);
                    pushed[s.length] = k;
                    stacks.add(pushed);
                }
            }
        }
        List<List<Transition>> t = FiniteStateSource.emptyTable(stacks.size());
        for (int i = 0; i < stacks.size(); i++) {
            int[] s = stacks.get(i);
            int depth = s.length;
            double open = depth == 0 ? 1 : depth == maxDepth ? 0 : pOpen;
            if (open > 0) {
                for (int k = 0; k < types; k++) {
                    int[] pushed = Arrays.copyOf(s, depth + 1);
                    pushed[depth] = k;
                    t.get(i).add(new Transition(2 * k, open / types, indexOf(stacks, pushed)));
                }
            }
            if (open < 1) {
                int[] popped = Arrays.copyOf(s, depth - 1);
                t.get(i).add(new Transition(2 * s[depth - 1] + 1, 1 - open, indexOf(stacks, popped)));
            }
        }
        return new FiniteStateSource("brackets",
                String.format("balanced brackets %s, depth ≤ %d, p(open) = %.2f", alphabet, maxDepth, pOpen),
                alphabet.toString(), t, 0);
    }

    private static int indexOf(List<int[]> stacks, int[] s) {
        for (int i = 0; i < stacks.size(); i++) {
            if (Arrays.equals(stacks.get(i), s)) {
                return i;
            }
        }
        throw new IllegalStateException();
    }

    /** A Gamma(α, 1) draw (Marsaglia &amp; Tsang 2000; boosted by U^{1/α} for α &lt; 1). */
    static double gamma(double alpha, SplittableRandom rng) {
        if (alpha < 1) {
            return gamma(alpha + 1, rng) * Math.pow(rng.nextDouble(), 1 / alpha);
        }
        double d = alpha - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = normal(rng);
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = rng.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    private static double normal(SplittableRandom rng) {
        double u1 = 1 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
