package org.seqlab.app.reader;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.NumberBinding;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.seqlab.app.lessons.Lesson;
import org.seqlab.app.lessons.Progress;
import org.seqlab.app.text.Texts;

/** A lesson in the list: number and title, what it is about, and how far the learner got. */
final class LessonCell extends ListCell<Lesson> {
private final Progress progress;
    private final Label name = new Label();
    private final Label about = new Label();
    private final ProgressBar done = new ProgressBar();
    private final Label steps = new Label();
    private final StackPane graphic;

    /** Built once per cell; the list reuses cells and updateItem only fills them in. */
    LessonCell(ListView<Lesson> list, Progress progress) {
        this.progress = progress;
        name.getStyleClass().add("lesson-list-title");
        about.getStyleClass().add("tool-label");
        steps.getStyleClass().add("tool-label");
        // a cell sizes its graphic at its preferred width, so wrapping needs a width to wrap at: the list's,
        // less its padding and scroll bar. Then a full title shows on two lines instead of ending in "…".
        NumberBinding width = Bindings.min(380, list.widthProperty().subtract(34));
        for (Label label : List.of(name, about)) {
            label.setWrapText(true);
            label.prefWidthProperty().bind(width);
            label.setMinHeight(Region.USE_PREF_SIZE);
        }
        done.setPrefWidth(120);
        done.setPrefHeight(6);
        VBox box = new VBox(3, name, about, new HBox(8, done, steps));
        box.setMaxWidth(380);
        graphic = new StackPane(box);
        graphic.setAlignment(Pos.CENTER_LEFT);
        setPrefWidth(0);   // let the list's width, not the text, decide
    }

    @Override
    protected void updateItem(Lesson l, boolean empty) {
        super.updateItem(l, empty);
        setText(null);
        if (empty || l == null) {
            setGraphic(null);
            return;
        }
        name.setText(number(l.id()) + l.title());
        about.setText(l.summary());
        done.setProgress(progress.fraction(l));
        int n = l.steps().size();
        steps.setText(Texts.get("lesson.steps", n) + (l.minutes() > 0 ? " · " + Texts.get("lesson.minutes", l.minutes()) : ""));
        setGraphic(graphic);
    }

    /** "04-gradients" → "4 · ", as a teacher says it ("open lesson 4"); nothing for a folder named otherwise. */
    static String number(String id) {
        Matcher m = Pattern.compile("^0*(\\d+)-").matcher(id);
        return m.find() ? m.group(1) + " · " : "";
    }
}
