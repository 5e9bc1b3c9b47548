package org.seqlab.app.lessons;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built-in quizzes as course material: each lesson asks for a prediction, and no decoding quiz puts its answer
 * on the boundary of its own rule (where "reaches p" and rounding would decide, as 0.5 + 0.3 = p = 0.8 once did).
 */
class LessonQuizzesTest {

    static LessonLibrary library;

    @BeforeAll
    static void load() {
        library = LessonLibrary.builtIn();
    }

    @Test
    void everyLessonAsksTheLearnerToPredictBeforeTheLabShows() {
        for (Lesson l : library.lessons()) {
            assertThat(l.quizzes()).as(l.file() + " has a 'Predict before …' quiz")
                    .anySatisfy(q -> assertThat(q.question()).startsWith("Predict before"));
        }
    }

    /**
     * A learner who never reads the question must not do better than chance: the right choice is not usually in one
     * place (it once was never last), nor usually the longest (it once was, 61 % of the time).
     */
    @Test
    void neitherTheRightChoicesPlaceNorItsLengthGivesItAway() {
        int quizzes = 0;
        int last = 0;
        int longest = 0;
        java.util.Map<Integer, Integer> at = new java.util.TreeMap<>();
        for (Lesson l : library.lessons()) {
            for (Quiz q : l.quizzes()) {
                if (q.numeric() || q.correct().size() != 1) {
                    continue;
                }
                quizzes++;
                int right = q.correct().iterator().next() + 1;   // counted from 1
                at.merge(right, 1, Integer::sum);
                last += right == q.choices().size() ? 1 : 0;
                int len = q.choices().get(right - 1).length();
                longest += q.choices().stream().filter(c -> c.length() >= len).count() == 1 ? 1 : 0;
            }
        }
        assertThat(quizzes).as("multiple-choice quizzes").isGreaterThan(30);
        assertThat(last).as("the right choice is the last one").isGreaterThanOrEqualTo(quizzes / 5);
        int all = quizzes;
        assertThat(at.values()).as("no place holds more than 45 %% of the right choices: %s", at).allMatch(n -> n <= 0.45 * all);
        assertThat(longest).as("the right choice is the strictly longest").isLessThanOrEqualTo((int) (0.4 * quizzes));
    }

    @Test
    void everyTopPQuizIsOffTheBoundaryAndAnsweredByTheRule() {
        int checked = 0;
        for (Lesson l : library.lessons()) {
            for (Quiz q : l.quizzes()) {
                Matcher p = Pattern.compile("top-p with \\$p = ([0-9.]+)\\$").matcher(q.question());
                if (!p.find()) {
                    continue;
                }
                double top = Double.parseDouble(p.group(1));
                List<Double> probs = probabilities(q.question().substring(0, p.start()));
                assertThat(probs).as(l.file() + ":" + q.line() + " lists probabilities").hasSizeGreaterThan(1);
                assertThat(probs.stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
                assertThat(q.numeric()).isTrue();
                assertThat(q.answer().doubleValue()).as(l.file() + ":" + q.line() + ": the nucleus the rule keeps")
                        .isEqualTo(nucleus(probs, top, l.file() + ":" + q.line()));
                checked++;
            }
        }
        assertThat(checked).as("the decoding lesson's top-p quiz is found").isPositive();
    }

    @Test
    void theBoundaryCheckCatchesAQuizOnTheBoundary() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> nucleus(List.of(0.5, 0.3, 0.15, 0.05), 0.8, "the old quiz"))
                .hasMessageContaining("boundary");
        assertThat(nucleus(List.of(0.5, 0.3, 0.15, 0.05), 0.75, "the new quiz")).isEqualTo(2);
    }

    /** The smallest set of most likely tokens whose mass reaches p; fails when a partial sum lies on p. */
    static int nucleus(List<Double> probs, double p, String where) {
        List<Double> sorted = new ArrayList<>(probs);
        sorted.sort(Comparator.reverseOrder());
        double mass = 0;
        for (int k = 0; k < sorted.size(); k++) {
            mass += sorted.get(k);
            if (Math.abs(mass - p) < 1e-6) {
                throw new AssertionError(where + ": the first " + (k + 1) + " tokens sum to p = " + p + " exactly, on the boundary");
            }
            if (mass > p) {
                return k + 1;
            }
        }
        return sorted.size();
    }

    private static List<Double> probabilities(String text) {
        List<Double> out = new ArrayList<>();
        Matcher m = Pattern.compile("\\b0\\.\\d+").matcher(text);
        while (m.find()) {
            out.add(Double.parseDouble(m.group()));
        }
        return out;
    }
}
