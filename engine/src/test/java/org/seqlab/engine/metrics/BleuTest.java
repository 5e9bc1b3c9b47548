package org.seqlab.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Corpus BLEU-4 against worked examples whose scores are published (the BLEU paper, NLTK's documentation). */
class BleuTest {

    static final String[] HYP1 = "It is a guide to action which ensures that the military always obeys the commands of the party".split(" ");
    static final String[] REF1A = "It is a guide to action that ensures that the military will forever heed Party commands".split(" ");
    static final String[] REF1B = "It is the guiding principle which guarantees the military forces always being under the command of the Party".split(" ");
    static final String[] REF1C = "It is the practical guide for the army always to heed the directions of the party".split(" ");
    static final String[] HYP2 = "he read the book because he was interested in world history".split(" ");
    static final String[] REF2A = "he was interested in world history because he read the book".split(" ");

    @Test
    void nltksSentenceExampleScores0_5046() {
        Bleu b = Bleu.of(List.<String[]>of(HYP1), List.of(List.of(REF1A, REF1B, REF1C)));
        assertThat(b.score()).isCloseTo(0.5045666840058485, within(1e-12));
        assertThat(b.precisions()).containsExactly(new double[] {17.0 / 18, 10.0 / 17, 7.0 / 16, 4.0 / 15}, within(1e-12));
        assertThat(b.brevity()).isEqualTo(1.0);
    }

    @Test
    void nltksCorpusExampleScores0_5921AndIsNotTheMeanOfSentences() {
        Bleu corpus = Bleu.of(List.<String[]>of(HYP1, HYP2), List.of(List.of(REF1A, REF1B, REF1C), List.<String[]>of(REF2A)));
        assertThat(corpus.score()).isCloseTo(0.5920778868801042, within(1e-12));
        double mean = (Bleu.of(List.<String[]>of(HYP1), List.of(List.of(REF1A, REF1B, REF1C))).score()
                + Bleu.ofSingle(List.<String[]>of(HYP2), List.<String[]>of(REF2A)).score()) / 2;
        assertThat(corpus.score()).isNotCloseTo(mean, within(1e-3));
    }

    @Test
    void thePapersModifiedPrecisionClipsRepeatedWords() {
        String[] hyp = "the the the the the the the".split(" ");
        Bleu b = Bleu.of(List.<String[]>of(hyp), List.of(List.of("the cat is on the mat".split(" "), "there is a cat on the mat".split(" "))));
        assertThat(b.precisions()[0]).isEqualTo(2.0 / 7);
        assertThat(b.score()).as("no bigram matches").isZero();
    }

    @Test
    void theBrevityPenaltyUsesTheClosestReferenceLength() {
        String[] hyp = "a a a a a a a".split(" ");
        Bleu b = Bleu.of(List.<String[]>of(hyp), List.of(List.of("a a a a a a a a a a a".split(" "), "a a a a a a a a".split(" "))));
        assertThat(b.referenceLength()).isEqualTo(8);
        assertThat(b.brevity()).isCloseTo(Math.exp(1 - 8.0 / 7), within(1e-12));   // 0.8669
        assertThat(b.score()).isCloseTo(Math.exp(1 - 8.0 / 7), within(1e-12));
    }

    @Test
    void aPerfectMatchScoresOne() {
        String[] s = "two thousand twenty-one".split(" ");
        assertThat(Bleu.ofSingle(List.<String[]>of(s, "a b c d e".split(" ")), List.<String[]>of(s, "a b c d e".split(" "))).score()).isEqualTo(1.0);
    }
}
