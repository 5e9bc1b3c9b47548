package org.seqlab.app.reader;

import java.util.List;
import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import org.seqlab.app.lessons.LessonProblem;
import org.seqlab.app.text.Texts;

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
        a.setTitle(Texts.get("problems.title"));
        a.setHeaderText(Texts.get("problems.header"));
        a.getDialogPane().setContent(text);
        a.show();
    }
}
