package org.seqlab.app.shell;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuBar;
import org.seqlab.app.lab.ControlsPane;
import org.seqlab.app.lab.LabModel;
import org.seqlab.app.lessons.Scene;
import org.seqlab.app.reader.LessonReader;
import org.seqlab.app.views.LabViews;
import org.seqlab.engine.expect.Measured;

/**
 * What the window's parts — the menus, the bar above the lab, the start board, presentation mode, the fluidity probe —
 * may ask of the window: its panels shown or hidden, its reader, views and controls, a scene run. {@link MainWindow}
 * implements it; the parts know this and not the window, so neither file needs the other.
 */
interface Shell {

    javafx.scene.Scene getScene();

    LabModel lab();

    LessonReader reader();

    /** What the learner has done in the lessons. */
    org.seqlab.app.lessons.Progress progress();

    LabViews views();

    ControlsPane controls();

    /** The menu bar (presentation mode hides it; its shortcuts keep working). */
    MenuBar menuBar();

    /** The menu item that shows whether presentation mode is on. */
    CheckMenuItem presentationItem();

    boolean lessonsShown();

    void showLessons(boolean show);

    /** @param remember whether this is the user's choice, to restore after presentation mode */
    void showLessons(boolean show, boolean remember);

    boolean settingsShown();

    void showSettings(boolean show);

    void showStartBoard(boolean show);

    boolean presenting();

    void setPresentation(boolean on);

    boolean shortcutsShown();

    void toggleShortcuts();

    ShortcutOverlay shortcuts();

    /** Sets the lab up as a lesson's scene says, then shows its view; completes with its point measured. */
    CompletableFuture<Measured> runScene(Scene scene, Consumer<String> progress);
}
