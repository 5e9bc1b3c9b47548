package org.seqlab.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seqlab.engine.data.synthetic.RepeatCorpus;
import org.seqlab.engine.data.synthetic.SyntheticCorpus;
import org.seqlab.engine.data.synthetic.SyntheticSources;

/** The synthetic sources' exact sequence probabilities, which beam search and the strategy comparison rely on. */
class ExactSourceTest {

    /** Every window of 8 symbols over {a, b, |} against the enumeration of the tiny repeat task (lengths 1–3). */
    @Test
    void repeatProbabilityEqualsTheEnumeratedJoint() {
        RepeatCorpus c = new RepeatCorpus("ab", 1, 3);
        int n = 8;
        Map<String, Double> joint = new HashMap<>();
        for (int length = 1; length <= 3; length++) {
            for (int code = 0; code < (1 << length); code++) {
                StringBuilder w = new StringBuilder();
                for (int t = 0; t < n; t++) {
                    int i = t % (length + 1);
                    w.append(i == length ? '|' : (char) ('a' + ((code >> i) & 1)));
                }
                joint.merge(w.toString(), 1.0 / 3 / (1 << length), Double::sum);
            }
        }
        Vocabulary v = c.vocabulary();
        double total = 0;
        int possible = 0;
        for (int code = 0; code < Math.pow(3, n); code++) {
            int[] x = new int[n];
            for (int t = 0, r = code; t < n; t++, r /= 3) {
                x[t] = r % 3;
            }
            double p = c.probability(x);
            assertThat(p).as(v.decode(x)).isCloseTo(joint.getOrDefault(v.decode(x), 0.0), within(1e-15));
            total += p;
            possible += p > 0 ? 1 : 0;
        }
        assertThat(total).isCloseTo(1.0, within(1e-12));
        assertThat(possible).isEqualTo(joint.size());
    }

    @Test
    void repeatConditionalsOfTheStandardTask() {
        RepeatCorpus c = RepeatCorpus.standard();
        Vocabulary v = c.vocabulary();
        // 17 lengths 8..24 equally likely: after 8 letters the delimiter comes with probability 1/17
        assertThat(c.conditional(v.encode("abcdefgh"), v.encode("|"))).isCloseTo(1.0 / 17, within(1e-15));
        assertThat(c.probability(v.encode("abcdefgh|"))).isCloseTo(Math.pow(16, -8) / 17, within(1e-24));
        // once the delimiter is seen, the copy is certain
        assertThat(c.conditional(v.encode("abcdefgh|abc"), v.encode("defgh|"))).isCloseTo(1.0, within(1e-12));
        assertThat(c.conditional(v.encode("abcdefgh|abc"), v.encode("e"))).isZero();
        assertThat(c.conditional(v.encode("ab|"), v.encode("a"))).isNaN();
    }

    /** Σ_x p(x | prefix) = 1 for prefixes the source itself produced, for every synthetic source. */
    @Test
    void conditionalsSumToOneAfterSampledPrefixes() {
        SplittableRandom rng = new SplittableRandom(3);
        for (String name : SyntheticSources.NAMES) {
            SyntheticCorpus corpus = new SyntheticCorpus(SyntheticSources.byName(name));
            checkSumsToOne(corpus, corpus.vocabulary(), rng, name);
        }
        RepeatCorpus repeat = RepeatCorpus.standard();
        checkSumsToOne(repeat, repeat.vocabulary(), rng, "repeat");
    }

    private static void checkSumsToOne(DataSource source, Vocabulary v, SplittableRandom rng, String name) {
        ExactSource exact = (ExactSource) source;
        for (int trial = 0; trial < 5; trial++) {
            Batch b = source.trainBatch(1, 30, rng);
            int length = 1 + rng.nextInt(29);
            int[] prefix = java.util.Arrays.copyOf(b.inputs(), length);
            double sum = 0;
            for (int x = 0; x < v.size(); x++) {
                sum += exact.conditional(prefix, new int[] {x});
            }
            assertThat(sum).as("%s after %s", name, v.decode(prefix)).isCloseTo(1.0, within(1e-9));
        }
    }
}
