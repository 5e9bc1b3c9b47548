package org.seqlab.app.shell;

import javafx.animation.PauseTransition;
import javafx.beans.value.ChangeListener;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.seqlab.app.figures.Style;
import org.seqlab.app.widgets.FigurePane;

/**
 * Presentation mode: full screen, type 1.5× larger in figures (1.2× in the controls), a high-contrast palette, the
 * menus hidden (their shortcuts still work), the lessons and settings folded away (and brought back after), and the
 * shortcut list shown for a few seconds. Esc or F5 ends it.
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
        for (FigurePane p : window.views().panes()) {
            p.canvas().setFigureStyle(on ? Style.PRESENTATION : Style.NORMAL);
        }
        if (fullScreen && window.getScene().getWindow() instanceof Stage st) {
            st.setFullScreenExitHint("Esc or F5 leaves presentation mode");
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
        if (on) {
            if (!window.shortcutsShown()) {
                window.toggleShortcuts();
            }
            PauseTransition later = new PauseTransition(Duration.seconds(4));
            later.setOnFinished(e -> {
                if (window.shortcutsShown()) {
                    window.shortcuts().hide();
                }
            });
            later.play();
        }
        window.lab().noticeProperty().set(on ? "Presentation mode: F1 lists the keys, Esc or F5 leaves." : "");
    }
}
