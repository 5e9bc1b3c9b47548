package org.seqlab.app.reader;

import java.util.List;
import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import org.seqlab.app.lessons.LessonProblem;

/** The lessons that could not be loaded, each with its file, line and what is wrong, in a dialog the user can copy from. */
final class ProblemsDialog {

    private ProblemsDialog() {
    }

    static void show(List<LessonProblem> problems) {
        TextArea text = new TextArea(String.join("\n", problems.stream().map(LessonProblem::toString).toList()));
        text.setEditable(false);
        text.setWrapText(true);
        text.setPrefSize(720, 300);
        Alert a = new Alert(Alert.AlertType.WARNING);
        a.setTitle("Lesson problems");
        a.setHeaderText("These lessons could not be loaded; the others are available.");
        a.getDialogPane().setContent(text);
        a.show();
    }
}
