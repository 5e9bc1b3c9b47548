package org.seqlab.app.shell;

import javafx.beans.value.ChangeListener;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.seqlab.app.figures.Style;
import org.seqlab.app.text.Texts;
import org.seqlab.app.widgets.FigurePane;

/**
 * Presentation mode: full screen, type 1.5× larger in figures at 1280×720 and larger on a larger screen
 * ({@link Style#presenting}; 1.2× in the controls), a high-contrast palette, the menus hidden (their shortcuts still
 * work), the lessons and settings folded away (and brought back after), and the keys named in the status line. Esc or
 * F5 ends it.
 */
final class Presentation {

    private final Shell window;
    private boolean presenting;
    /** Whether presenting takes the whole screen (tests of a given projector size leave the window at that size). */
    boolean fullScreen = true;
    private boolean settingsBefore;
    private boolean lessonsBefore;
    /** Esc leaves full screen; presentation mode goes with it. */
    private final ChangeListener<Boolean> leaveWithFullScreen = (o, was, full) -> {
        if (!full && presenting) {
            set(false);
        }
    };

    /** While presenting, the figures' type follows the window's size (a projector's screen, or a window resized). */
    private final ChangeListener<Number> resized = (o, a, b) -> restyleFigures();

    private void restyleFigures() {
        Style style = presenting ? Style.presenting(window.getScene().getWidth(), window.getScene().getHeight()) : Style.NORMAL;
        for (FigurePane p : window.views().panes()) {
            if (!style.equals(p.canvas().figureStyle())) {
                p.canvas().setFigureStyle(style);
            }
        }
    }

    Presentation(Shell window) {
        this.window = window;
    }

    boolean on() {
        return presenting;
    }

    void set(boolean on) {
        if (on == presenting) {
            return;
        }
        presenting = on;
        window.presentationItem().setSelected(on);
        java.net.URL css = Presentation.class.getResource("/org/seqlab/assets/css/presentation.css");
        if (css != null) {
            if (on) {
                window.getScene().getStylesheets().add(css.toExternalForm());
            } else {
                window.getScene().getStylesheets().remove(css.toExternalForm());
            }
        }
        window.reader().fontSizeProperty().set(on ? 22 : 15);
        // the menus' height goes to the figures; their shortcuts still work (the bar keeps its accelerators)
        window.menuBar().setVisible(!on);
        window.menuBar().setManaged(!on);
        if (on) {
            settingsBefore = window.settingsShown();
            lessonsBefore = window.lessonsShown();
            window.showSettings(false);
            window.showLessons(false, false);
        } else {
            window.showSettings(settingsBefore);
            window.showLessons(lessonsBefore, false);
        }
        restyleFigures();
        if (on) {
            window.getScene().widthProperty().addListener(resized);
            window.getScene().heightProperty().addListener(resized);
        } else {
            window.getScene().widthProperty().removeListener(resized);
            window.getScene().heightProperty().removeListener(resized);
        }
        if (fullScreen && window.getScene().getWindow() instanceof Stage st) {
            st.setFullScreenExitHint(Texts.get("present.exitHint"));
            if (on) {
                // Esc is ours while presenting: it closes the shortcut list first, and only then leaves
                st.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
                st.fullScreenProperty().addListener(leaveWithFullScreen);
                st.setFullScreen(true);
            } else {
                st.fullScreenProperty().removeListener(leaveWithFullScreen);
                st.setFullScreenExitKeyCombination(null);   // back to the platform's default
                st.setFullScreen(false);
            }
        }
        // the keys are named in the status line, not in a list over the figure the class came to see
        window.lab().noticeProperty().set(on ? Texts.get("present.on") : "");
    }
}
