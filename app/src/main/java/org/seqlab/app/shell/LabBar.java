package org.seqlab.app.shell;

import org.seqlab.app.text.Texts;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;
import org.seqlab.app.lab.LabModel;
import org.seqlab.app.lab.Transport;

/**
 * The bar above the lab: the lessons' toggle on the left, Train / Step / Reset / Undo, and the settings' toggle on
 * the right. The side panels fold away so the figures get the screen, and these keep them one click (or F2, F3) away.
 */
final class LabBar extends HBox {

    private final ToggleButton lessons = new ToggleButton(Texts.get("bar.lessons"), new FontIcon("mdi2b-book-open-variant"));
    private final ToggleButton settings = new ToggleButton(Texts.get("bar.settings"), new FontIcon("mdi2t-tune-variant"));

    LabBar(Shell window, LabModel lab) {
        super(8);
        setId("labBar");
        getStyleClass().add("lab-bar");
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(4, 8, 4, 8));
        lessons.setId("lessonsToggle");
        lessons.setTooltip(new Tooltip(Texts.get("bar.lessons.tip")));
        lessons.setOnAction(e -> window.showLessons(lessons.isSelected()));
        settings.setId("settingsToggle");
        settings.setTooltip(new Tooltip(Texts.get("bar.settings.tip")));
        settings.setOnAction(e -> window.showSettings(settings.isSelected()));
        for (ToggleButton b : new ToggleButton[] {lessons, settings}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        getChildren().addAll(lessons, new Separator(Orientation.VERTICAL), new Transport(lab), spacer, settings);
    }

    /** Keeps the toggles in step with the panels (a key or a menu may have moved them). */
    void showing(boolean lessonsShown, boolean settingsShown) {
        lessons.setSelected(lessonsShown);
        settings.setSelected(settingsShown);
    }
}
