package org.seqlab.engine.data.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A source of symbols driven by a finite state machine: in state s it emits symbol x with probability
 * p(x | s) and moves to the state δ(s, x). The machine is <em>unifilar</em> (each symbol leaves a state at
 * most once), so the state is a function of the start state and the symbols so far, and a model that has
 * seen the whole prefix can, at best, know the state exactly. That makes the entropies exact:
 * <ul>
 *   <li>entropy rate {@code H = Σ_s π(s) H(X | s)}, with π the stationary distribution of the state chain;</li>
 *   <li>the floor for a training window that starts at the start state and predicts x_1 … x_T from the
 *       prefix: {@code (1/T) Σ_{t=1}^{T} Σ_s P(S_t = s) H(X | s)}, propagating the state distribution
 *       exactly from the start.</li>
 * </ul>
 * Order-k Markov chains, the embedded Reber grammar and balanced brackets are all such machines
 * ({@link SyntheticSources}).
 */
public final class FiniteStateSource {

    /** Leaving a state: emit {@code symbol} with {@code probability} and go to {@code next}. */
    public record Transition(int symbol, double probability, int next) {
    }

    private final String name;
    private final String description;
    private final String alphabet;
    private final List<List<Transition>> out;
    private final int start;
    private double[] stationary;

    /**
     * @param alphabet    the symbols, one character each; symbol ids index into it
     * @param transitions for every state, its outgoing transitions (probabilities sum to 1)
     * @param start       the state before the first symbol
     */
    public FiniteStateSource(String name, String description, String alphabet, List<List<Transition>> transitions, int start) {
        this.name = name;
        this.description = description;
        this.alphabet = alphabet;
        this.out = List.copyOf(transitions.stream().map(List::copyOf).toList());
        this.start = start;
        for (int s = 0; s < out.size(); s++) {
            double sum = 0;
            boolean[] seen = new boolean[alphabet.length()];
            for (Transition t : out.get(s)) {
                if (t.next < 0 || t.next >= out.size() || t.symbol < 0 || t.symbol >= alphabet.length()) {
                    throw new IllegalArgumentException("state " + s + " has a transition outside the machine");
                }
                if (seen[t.symbol]) {
                    throw new IllegalArgumentException("state " + s + " emits " + alphabet.charAt(t.symbol) + " twice (not unifilar)");
                }
                seen[t.symbol] = true;
                sum += t.probability;
            }
            if (Math.abs(sum - 1) > 1e-12) {
                throw new IllegalArgumentException("probabilities leaving state " + s + " sum to " + sum);
            }
        }
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String alphabet() {
        return alphabet;
    }

    public int states() {
        return out.size();
    }

    public int startState() {
        return start;
    }

    public List<Transition> transitions(int state) {
        return out.get(state);
    }

    /** {@code length} symbols from the start state. */
    public int[] sample(int length, RandomGenerator rng) {
        int[] x = new int[length];
        int s = start;
        for (int t = 0; t < length; t++) {
            double u = rng.nextDouble();
            List<Transition> ts = out.get(s);
            Transition chosen = ts.get(ts.size() - 1);
            double acc = 0;
            for (Transition tr : ts) {
                acc += tr.probability;
                if (u < acc) {
                    chosen = tr;
                    break;
                }
            }
            x[t] = chosen.symbol;
            s = chosen.next;
        }
        return x;
    }

    /** H(X | state) in bits. */
    public double stateEntropyBits(int state) {
        double h = 0;
        for (Transition t : out.get(state)) {
            if (t.probability > 0) {
                h -= t.probability * log2(t.probability);
            }
        }
        return h;
    }

    /** The stationary distribution π of the state chain, by solving π P = π, Σ π = 1 (Gaussian elimination). */
    public double[] stationary() {
        if (stationary == null) {
            stationary = solveStationary();
        }
        return stationary.clone();
    }

    private double[] solveStationary() {
        int n = out.size();
        // rows: equations (Pᵀ − I) π = 0, with the last one replaced by Σ π = 1
        double[][] a = new double[n][n + 1];
        for (int s = 0; s < n; s++) {
            a[s][s] -= 1;
            for (Transition t : out.get(s)) {
                a[t.next][s] += t.probability;
            }
        }
        for (int j = 0; j < n; j++) {
            a[n - 1][j] = 1;
        }
        a[n - 1][n] = 1;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            if (Math.abs(a[col][col]) < 1e-300) {
                throw new IllegalStateException("the state chain of " + name + " has no unique stationary distribution");
            }
            for (int r = 0; r < n; r++) {
                if (r != col && a[r][col] != 0) {
                    double f = a[r][col] / a[col][col];
                    for (int c = col; c <= n; c++) {
                        a[r][c] -= f * a[col][c];
                    }
                }
            }
        }
        double[] pi = new double[n];
        for (int s = 0; s < n; s++) {
            pi[s] = Math.max(0, a[s][n] / a[s][s]);
        }
        return pi;
    }

    /** The entropy rate H = Σ_s π(s) H(X | s), in bits per symbol. */
    public double entropyRateBits() {
        double[] pi = stationary();
        double h = 0;
        for (int s = 0; s < pi.length; s++) {
            h += pi[s] * stateEntropyBits(s);
        }
        return h;
    }

    /**
     * The minimum mean loss, in bits, of predicting x_1 … x_T from their prefixes in a window that starts at
     * the start state: {@code (1/T) Σ_{t=1}^{T} H(X_t | X_{<t})}.
     */
    public double windowFloorBits(int steps) {
        double total = 0;
        for (double h : positionEntropiesBits(steps)) {
            total += h;
        }
        return total / steps;
    }

    /** Entropy in bits of each prediction t = 1..T of a window (the per-position floor). */
    public double[] positionEntropiesBits(int steps) {
        double[] p = propagate(pointMass(start));
        double[] h = new double[steps];
        for (int t = 0; t < steps; t++) {
            for (int s = 0; s < p.length; s++) {
                h[t] += p[s] * stateEntropyBits(s);
            }
            p = propagate(p);
        }
        return h;
    }

    private double[] pointMass(int s) {
        double[] p = new double[out.size()];
        p[s] = 1;
        return p;
    }

    private double[] propagate(double[] p) {
        double[] q = new double[p.length];
        for (int s = 0; s < p.length; s++) {
            if (p[s] == 0) {
                continue;
            }
            for (Transition t : out.get(s)) {
                q[t.next] += p[s] * t.probability;
            }
        }
        return q;
    }

    /** Exact probability of a symbol sequence from the start state (0 when impossible). */
    public double probability(int[] symbols) {
        int s = start;
        double p = 1;
        for (int x : symbols) {
            Transition hit = null;
            for (Transition t : out.get(s)) {
                if (t.symbol == x) {
                    hit = t;
                }
            }
            if (hit == null) {
                return 0;
            }
            p *= hit.probability;
            s = hit.next;
        }
        return p;
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** Builder helper: one empty transition list per state. */
    static List<List<Transition>> emptyTable(int states) {
        List<List<Transition>> t = new ArrayList<>();
        for (int s = 0; s < states; s++) {
            t.add(new ArrayList<>());
        }
        return t;
    }
}
