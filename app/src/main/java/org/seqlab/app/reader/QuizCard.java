package org.seqlab.app.reader;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.property.DoubleProperty;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.seqlab.app.lessons.Quiz;
import org.seqlab.app.text.Texts;

/**
 * A quiz in a lesson: the question, its choices (radio buttons, or check boxes when several are right) or a field
 * for a number, and Check. The feedback says right or not, and then explains.
 */
final class QuizCard extends VBox {

    private final Quiz quiz;
    private final List<ButtonBase> options = new ArrayList<>();
    private final TextField number = new TextField();
    private final Label verdict = new Label();
    private final VBox explanation;
    private final BiConsumer<String, Boolean> answered;

    /**
     * @param answered told every answer checked, as given ("0.5", or the choices' numbers "2,3") and whether it was right
     * @param openLesson follows a link to another lesson in the question or the explanation
     */
    QuizCard(Quiz quiz, DoubleProperty fontSize, String id, boolean alreadySolved, BiConsumer<String, Boolean> answered,
            Consumer<String> openLesson) {
        super(8);
        this.quiz = quiz;
        this.answered = answered;
        setId(id);
        getStyleClass().add("lesson-quiz");
        Label head = new Label(Texts.get("quiz.head"));
        head.getStyleClass().add("lesson-quiz-title");
        getChildren().addAll(head, Markdown.render(quiz.question(), fontSize, openLesson));
        if (quiz.numeric()) {
            number.setId(id + "-answer");
            number.setPromptText(Texts.get("quiz.number"));
            number.setPrefColumnCount(10);
            number.setOnAction(e -> check());
            getChildren().add(number);
        } else {
            ToggleGroup group = new ToggleGroup();
            for (int i = 0; i < quiz.choices().size(); i++) {
                ButtonBase b;
                if (quiz.multiple()) {
                    b = new CheckBox();
                } else {
                    RadioButton r = new RadioButton();
                    r.setToggleGroup(group);
                    b = r;
                }
                b.setId(id + "-choice" + (i + 1));
                // a choice may hold math: its text is rendered beside the button
                VBox text = Markdown.render(quiz.choices().get(i), fontSize);
                text.setOnMouseClicked(e -> b.fire());
                HBox row = new HBox(6, b, text);
                options.add(b);
                getChildren().add(row);
            }
        }
        Button check = new Button(Texts.get("quiz.check"));
        check.setId(id + "-check");
        check.setOnAction(e -> check());
        check.setMinWidth(Region.USE_PREF_SIZE);
        Button show = new Button(Texts.get("quiz.show"));
        show.setId(id + "-show");
        show.getStyleClass().add("flat");
        show.setMinWidth(Region.USE_PREF_SIZE);
        show.setOnAction(e -> showExplanation());
        verdict.setId(id + "-verdict");
        verdict.setWrapText(true);
        explanation = Markdown.render(quiz.explanation(), fontSize, openLesson);
        explanation.setId(id + "-explanation");
        explanation.setVisible(false);
        explanation.setManaged(false);
        // the verdict has the card's whole width: beside the buttons a narrow reader squeezed it to a syllable a line
        getChildren().addAll(new HBox(10, check, show), verdict, explanation);
        if (alreadySolved) {
            verdict.setText(Texts.get("quiz.before"));
            verdict.getStyleClass().add("lesson-right");
            showExplanation();
        }
    }

    private void showExplanation() {
        explanation.setVisible(true);
        explanation.setManaged(true);
    }

    void check() {
        boolean right;
        String given;
        if (quiz.numeric()) {
            String s = number.getText().strip().replace(',', '.');
            double v;
            try {
                v = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                verdict.getStyleClass().removeAll("lesson-right", "lesson-wrong");
                verdict.setText(s.isEmpty() ? Texts.get("quiz.typeNumber") : Texts.get("quiz.notNumber", s));
                return;
            }
            right = quiz.check(v);
            given = s;
        } else {
            Set<Integer> picked = new TreeSet<>();
            for (int i = 0; i < options.size(); i++) {
                ButtonBase b = options.get(i);
                if (b instanceof CheckBox c ? c.isSelected() : ((RadioButton) b).isSelected()) {
                    picked.add(i);
                }
            }
            if (picked.isEmpty()) {
                verdict.getStyleClass().removeAll("lesson-right", "lesson-wrong");
                verdict.setText(Texts.get("quiz.pick"));
                return;
            }
            right = quiz.check(picked);
            given = picked.stream().map(i -> String.valueOf(i + 1)).collect(java.util.stream.Collectors.joining(","));
        }
        answered.accept(given, right);
        verdict.getStyleClass().removeAll("lesson-right", "lesson-wrong");
        verdict.getStyleClass().add(right ? "lesson-right" : "lesson-wrong");
        if (right) {
            verdict.setText(Texts.get("quiz.right"));
            showExplanation();
            return;
        }
        misses++;
        if (misses == 1) {
            // a hint first: which way to look, not the answer; the worked answer comes on a second miss or on request
            verdict.setText(Texts.get("quiz.hint", hint()));
        } else {
            verdict.setText(quiz.numeric() ? Texts.get("quiz.answer", format(quiz.answer())) : Texts.get("quiz.worked"));
            showExplanation();
        }
    }

    private int misses;

    /** A hint that points without telling: how many choices are right, or which way a number is off. */
    private String hint() {
        if (quiz.numeric()) {
            String s = number.getText().strip().replace(',', '.');
            double v = Double.parseDouble(s);
            return Texts.get(v > quiz.answer() ? "quiz.smaller" : "quiz.larger");
        }
        int right = quiz.correct().size();
        return Texts.get("quiz.choices", right);
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : String.valueOf(Math.round(v * 1e4) / 1e4);
    }
}
