package org.seqlab.app.lessons;

import org.seqlab.app.text.Texts;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ObjIntConsumer;

/** A ```quiz block read into a {@link Quiz}: multiple choice with the right ones numbered, or a numeric answer. */
final class QuizBlock {

    static final Set<String> KEYS = new LinkedHashSet<>(List.of("question", "choices", "correct", "answer", "tolerance", "explanation"));

    private QuizBlock() {
    }

    /**
     * The quiz in a ```quiz block whose body starts at {@code firstLine} of {@code file}; problems go to {@code problems},
     * and every text with math goes through {@code checkMath} with its line.
     */
    static Quiz parse(String body, int firstLine, String file, List<LessonProblem> problems, ObjIntConsumer<String> checkMath) {
        YamlBlock y = YamlBlock.parse(body, file, firstLine, problems);
        y.onlyKeys("quiz", KEYS);
        String question = y.required("question", "a quiz");
        checkMath.accept(question, y.line("question"));
        String explanation = y.required("explanation", "a quiz");
        checkMath.accept(explanation, y.line("explanation"));
        List<String> choices = y.strings("choices");
        choices.forEach(c -> checkMath.accept(c, y.line("choices")));
        Double answer = y.number("answer");
        Set<Integer> correct = new TreeSet<>();
        if (!choices.isEmpty()) {
            if (answer != null) {
                y.problem("answer", Texts.get("lp.quizBoth"));
            }
            for (String c : y.strings("correct")) {
                try {
                    int k = Integer.parseInt(c.strip());
                    if (k < 1 || k > choices.size()) {
                        y.problem("correct", Texts.get("lp.correctRange", String.valueOf(choices.size()), String.valueOf(k)));
                    } else {
                        correct.add(k - 1);
                    }
                } catch (NumberFormatException e) {
                    y.problem("correct", Texts.get("lp.correctNumbers", c));
                }
            }
            if (!y.has("correct")) {
                y.problem("choices", Texts.get("lp.quizCorrect"));
            }
            if (choices.size() < 2) {
                y.problem("choices", Texts.get("lp.twoChoices"));
            }
        } else if (answer == null && !question.isEmpty()) {
            y.problem("question", Texts.get("lp.quizNeeds"));
        }
        Double tolerance = y.number("tolerance");
        if (tolerance != null && tolerance < 0) {
            y.problem("tolerance", Texts.get("lp.tolerance"));
        }
        double tol = tolerance != null ? Math.abs(tolerance) : answer == null ? 0 : Math.max(1e-9, Math.abs(answer) * 0.01);
        return new Quiz(y.line(), question, List.copyOf(choices), Set.copyOf(correct), choices.isEmpty() ? answer : null, tol, explanation);
    }
}
