package org.seqlab.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seqlab.engine.data.synthetic.FiniteStateSource;
import org.seqlab.engine.data.synthetic.FiniteStateSource.Transition;
import org.seqlab.engine.data.synthetic.SyntheticSources;

/** The synthetic sources' entropies, each checked against a computation that does not share their code. */
class SyntheticEntropyTest {

    static double h(double p) {
        return p <= 0 || p >= 1 ? 0 : -(p * Math.log(p) + (1 - p) * Math.log(1 - p)) / Math.log(2);
    }

    @Test
    void twoStateMarkovChainRateEqualsTheClosedForm() {
        FiniteStateSource m = SyntheticSources.markov(1, "ab", 0.7, 5);
        double pab = prob(m, 0, 1); // p(b | a)
        double pba = prob(m, 1, 0); // p(a | b)
        double piA = pba / (pab + pba);
        double expected = piA * h(pab) + (1 - piA) * h(pba);
        assertThat(m.entropyRateBits()).isCloseTo(expected, within(1e-12));
    }

    static double prob(FiniteStateSource m, int state, int symbol) {
        return m.transitions(state).stream().filter(t -> t.symbol() == symbol).findFirst().orElseThrow().probability();
    }

    /** Block entropy H(X_0..X_n) by enumerating every possible sequence with its probability. */
    static double blockEntropy(FiniteStateSource m, int length) {
        Map<String, Double> probs = new HashMap<>();
        enumerate(m, m.startState(), length, "", 1.0, probs);
        double h = 0;
        for (double p : probs.values()) {
            h -= p * Math.log(p) / Math.log(2);
        }
        return h;
    }

    static void enumerate(FiniteStateSource m, int state, int left, String prefix, double p, Map<String, Double> out) {
        if (left == 0) {
            out.merge(prefix, p, Double::sum);
            return;
        }
        for (Transition t : m.transitions(state)) {
            if (t.probability() > 0) {
                enumerate(m, t.next(), left - 1, prefix + m.alphabet().charAt(t.symbol()), p * t.probability(), out);
            }
        }
    }

    @Test
    void windowFloorEqualsEnumeratedConditionalEntropy() {
        List<FiniteStateSource> sources = List.of(SyntheticSources.markov(2, "abc", 0.5, 7),
                SyntheticSources.embeddedReber(), SyntheticSources.brackets(2, 3, 0.4));
        for (FiniteStateSource m : sources) {
            int steps = 7;
            // Σ_{t=1}^{T} H(X_t | X_<t) = H(X_0..X_T) − H(X_0)
            double expected = (blockEntropy(m, steps + 1) - blockEntropy(m, 1)) / steps;
            assertThat(m.windowFloorBits(steps)).as(m.name()).isCloseTo(expected, within(1e-10));
        }
    }

    @Test
    void markovRateMatchesPowerIterationAndTheEnumeratedLimit() {
        FiniteStateSource m = SyntheticSources.markov(2, "abcd", 0.5, 7);
        // stationary distribution by power iteration (the source itself solves a linear system)
        int n = m.states();
        double[] pi = new double[n];
        java.util.Arrays.fill(pi, 1.0 / n);
        for (int it = 0; it < 5000; it++) {
            double[] next = new double[n];
            for (int s = 0; s < n; s++) {
                for (Transition t : m.transitions(s)) {
                    next[t.next()] += 0.5 * pi[s] * t.probability();
                }
                next[s] += 0.5 * pi[s]; // lazy chain: same stationary distribution, never periodic
            }
            pi = next;
        }
        double rate = 0;
        for (int s = 0; s < n; s++) {
            for (Transition t : m.transitions(s)) {
                rate -= pi[s] * t.probability() * Math.log(t.probability()) / Math.log(2);
            }
        }
        assertThat(m.entropyRateBits()).isCloseTo(rate, within(1e-12));

        // and H(X_n | X_<n), enumerated, approaches it from the fixed start
        FiniteStateSource small = SyntheticSources.markov(1, "abc", 1.0, 3);
        double h6 = blockEntropy(small, 7) - blockEntropy(small, 6);
        double h10 = blockEntropy(small, 11) - blockEntropy(small, 10);
        assertThat(Math.abs(h10 - small.entropyRateBits())).isLessThan(Math.abs(h6 - small.entropyRateBits())).isLessThan(1e-3);
    }

    /**
     * Embedded Reber strings straight from the grammar, independent of the state machine: every letter of an
     * inner Reber string except its B and E is a fair binary choice, so a string of n letters has
     * -log2 p = n - 2 bits, plus 1 bit for the embedded T/P; each embedded string adds 4 letters (B, T|P, T|P, E).
     * By renewal-reward, H = E[bits per string] / E[letters per string]. E[n] comes from propagating
     * probability mass through the grammar until all but 1e-15 of it has ended.
     */
    @Test
    void reberRateEqualsBitsPerStringOverLettersPerString() {
        int[][] next = {null, {2, 3}, {2, 4}, {3, 5}, {3, 6}, {4, 6}}; // from states 1..5, each choice p = 1/2
        double[] mass = new double[7];
        mass[1] = 1; // after the inner B: one letter so far
        double expectedLength = 0;
        double ended = 0;
        for (int letters = 1; ended < 1 - 1e-15; letters++) {
            double[] m = new double[7];
            for (int s = 1; s <= 5; s++) {
                for (int n : next[s]) {
                    m[n] += mass[s] * 0.5;
                }
            }
            // mass that reached state 6 has letters + 1 letters and then emits its E
            expectedLength += m[6] * (letters + 2);
            ended += m[6];
            m[6] = 0;
            mass = m;
        }
        double bits = expectedLength - 2 + 1;
        double letters = expectedLength + 4;
        assertThat(SyntheticSources.embeddedReber().entropyRateBits()).isCloseTo(bits / letters, within(1e-12));
    }

    @Test
    void bracketsRateEqualsTheDepthChainClosedForm() {
        int types = 2;
        int depth = 6;
        double p = 0.5;
        FiniteStateSource m = SyntheticSources.brackets(types, depth, p);
        // birth-death chain on depth: detailed balance gives π(d) up to a constant
        double[] pi = new double[depth + 1];
        pi[0] = 1;
        pi[1] = 1 / (1 - p);
        for (int d = 1; d < depth - 1; d++) {
            pi[d + 1] = pi[d] * p / (1 - p);
        }
        pi[depth] = pi[depth - 1] * p;
        double z = 0;
        for (double v : pi) {
            z += v;
        }
        double rate = 0;
        double log2k = Math.log(types) / Math.log(2);
        for (int d = 0; d <= depth; d++) {
            double hd = d == 0 ? log2k : d == depth ? 0 : h(p) + p * log2k;
            rate += pi[d] / z * hd;
        }
        assertThat(m.entropyRateBits()).isCloseTo(rate, within(1e-12));
    }

    @Test
    void samplesFollowTheirGrammar() {
        FiniteStateSource reber = SyntheticSources.embeddedReber();
        String text = Vocabulary.ofSymbols(reber.alphabet()).decode(reber.sample(5000, new SplittableRandom(1)));
        String[] strings = text.split("(?<=E)(?=B)"); // an embedded string ends with E, the next starts with B
        int checked = 0;
        for (int i = 0; i < strings.length - 1; i++) {
            String s = strings[i];
            if (s.length() > 4 && s.endsWith("E") && s.charAt(0) == 'B' && s.charAt(2) == 'B') {
                assertThat(s.charAt(s.length() - 2)).as(s).isEqualTo(s.charAt(1));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(100);

        FiniteStateSource brackets = SyntheticSources.brackets(2, 6, 0.5);
        String b = Vocabulary.ofSymbols(brackets.alphabet()).decode(brackets.sample(2000, new SplittableRandom(2)));
        java.util.ArrayDeque<Character> stack = new java.util.ArrayDeque<>();
        for (char c : b.toCharArray()) {
            if (c == '(' || c == '[') {
                stack.push(c);
                assertThat(stack.size()).isLessThanOrEqualTo(6);
            } else {
                assertThat(stack.pop()).isEqualTo(c == ')' ? '(' : '[');
            }
        }
    }

    /** The repeat task's floor against enumeration over every window of a tiny alphabet and every length. */
    @Test
    void repeatFloorEqualsEnumeratedConditionalEntropy() {
        org.seqlab.engine.data.synthetic.RepeatCorpus c = new org.seqlab.engine.data.synthetic.RepeatCorpus("ab", 1, 3);
        int steps = 7;
        Map<String, Double> joint = new HashMap<>();
        Map<String, Double> first = new HashMap<>();
        for (int length = 1; length <= 3; length++) {
            int strings = 1 << length;
            for (int code = 0; code < strings; code++) {
                StringBuilder w = new StringBuilder();
                for (int t = 0; t <= steps; t++) {
                    int i = t % (length + 1);
                    w.append(i == length ? '|' : (char) ('a' + ((code >> i) & 1)));
                }
                double p = 1.0 / 3 / strings;
                joint.merge(w.toString(), p, Double::sum);
                first.merge(w.substring(0, 1), p, Double::sum);
            }
        }
        double expected = (entropy(joint) - entropy(first)) / steps;
        assertThat(c.entropyFloorBits(steps).getAsDouble()).isCloseTo(expected, within(1e-12));

        org.seqlab.engine.data.synthetic.RepeatCorpus standard = org.seqlab.engine.data.synthetic.RepeatCorpus.standard();
        String x = standard.vocabulary().decode(standard.sample(60, new SplittableRandom(1)));
        String[] copies = x.split("\\|", -1);
        assertThat(copies[0]).hasSizeBetween(8, 24).matches("[a-p]+");
        assertThat(copies[1]).isEqualTo(copies[0]);
    }

    static double entropy(Map<String, Double> p) {
        double h = 0;
        for (double v : p.values()) {
            h -= v * Math.log(v) / Math.log(2);
        }
        return h;
    }
}
