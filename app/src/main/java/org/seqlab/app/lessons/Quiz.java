package org.seqlab.app.lessons;

import java.util.List;
import java.util.Set;

/**
 * A ```quiz block: a question with choices (one or more of them correct) or with a numeric answer and a tolerance,
 * and the explanation shown once the learner has answered.
 *
 * @param correct   0-based indices of the correct choices (empty for a numeric question)
 * @param answer    the numeric answer, or null for a multiple-choice question
 * @param tolerance how far a numeric answer may be off and still count
 */
public record Quiz(int line, String question, List<String> choices, Set<Integer> correct, Double answer, double tolerance,
        String explanation) implements LessonBlock {

    public boolean numeric() {
        return answer != null;
    }

    /** Whether exactly the correct choices were picked. */
    public boolean check(Set<Integer> picked) {
        return !numeric() && correct.equals(picked);
    }

    /** Whether a numeric answer is within the tolerance. */
    public boolean check(double value) {
        return numeric() && Math.abs(value - answer) <= tolerance;
    }

    /** Several correct choices: the learner picks with check boxes rather than radio buttons. */
    public boolean multiple() {
        return correct.size() > 1;
    }
}
