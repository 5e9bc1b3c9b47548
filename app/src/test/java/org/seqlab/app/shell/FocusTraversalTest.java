package org.seqlab.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Slider;
import javafx.scene.control.TextInputControl;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.seqlab.app.lab.LabModel;
import org.seqlab.app.widgets.FigureCanvas;
import org.seqlab.engine.train.TrainingSnapshot.Phase;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every control on screen is reached by Tab, and each one, once reached, looks different from how it looked before:
 * a focus ring a user can see, in the normal style and in presentation mode.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class FocusTraversalTest {

    LabModel lab;
    MainWindow window;

    @Start
    void start(Stage stage) {
        lab = TestLab.lab();
        window = TestLab.show(stage, lab, 1400, 900);
        window.showLessons(false, false);
    }

    @AfterEach
    void stop() {
        TestLab.close(window, lab);
    }

    /** The controls a user operates: buttons, lists, sliders, text fields, and the figures (which answer keys). */
    private static void operable(Node n, List<Node> out) {
        if (!n.isVisible() || n.isDisabled() || n.getScene() == null) {
            return;
        }
        if (n instanceof ButtonBase || n instanceof ComboBoxBase || n instanceof Slider || n instanceof TextInputControl || n instanceof FigureCanvas) {
            Bounds b = n.localToScene(n.getBoundsInLocal());
            if (b.getWidth() > 0 && b.getHeight() > 0 && b.getMinX() < n.getScene().getWidth() && b.getMinY() < n.getScene().getHeight()) {
                out.add(n);
            }
            return;
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                operable(c, out);
            }
        }
    }

    private static boolean differs(WritableImage a, WritableImage b, Bounds r) {
        PixelReader pa = a.getPixelReader();
        PixelReader pb = b.getPixelReader();
        int changed = 0;
        for (int y = (int) Math.max(0, r.getMinY() - 3); y < Math.min(a.getHeight(), r.getMaxY() + 3); y++) {
            for (int x = (int) Math.max(0, r.getMinX() - 3); x < Math.min(a.getWidth(), r.getMaxX() + 3); x++) {
                changed += pa.getArgb(x, y) != pb.getArgb(x, y) ? 1 : 0;
            }
        }
        return changed >= 8;
    }

    @Test
    void tabReachesEveryControlAndEachShowsItsFocusInBothStyles(FxRobot robot) throws Exception {
        LabFlowTest.await(() -> lab.snapshot().phase() == Phase.PAUSED && !lab.dirtyProperty().get());
        // the lab alone, presenting, and beside the lesson reader (its step buttons, links and quizzes)
        for (boolean[] state : new boolean[][] {{false, false}, {true, false}, {false, true}}) {
            boolean presenting = state[0];
            robot.interact(() -> {
                window.showLessons(state[1]);
                window.setPresentation(presenting);
            });
            robot.interact(() -> window.lookup("#trainButton").requestFocus());
            List<Node> controls = new ArrayList<>();
            robot.interact(() -> operable(window.getScene().getRoot(), controls));
            Set<Node> reached = new LinkedHashSet<>();
            List<String> noRing = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                Node owner = robot.interact(() -> window.getScene().getFocusOwner()) == null ? null : window.getScene().getFocusOwner();
                if (owner == null || !reached.add(owner)) {
                    break;   // round the window once
                }
                Bounds b = robot.interact(() -> owner.localToScene(owner.getBoundsInLocal())) == null ? null : owner.localToScene(owner.getBoundsInLocal());
                WritableImage focused = WaitForAsyncUtils.asyncFx(() -> window.getScene().snapshot(null)).get();
                robot.press(KeyCode.TAB).release(KeyCode.TAB);
                WaitForAsyncUtils.waitForFxEvents();
                WritableImage left = WaitForAsyncUtils.asyncFx(() -> window.getScene().snapshot(null)).get();
                if (b != null && !differs(focused, left, b)) {
                    noRing.add(owner.getClass().getSimpleName() + (owner.getId() == null ? "" : " #" + owner.getId()));
                }
            }
            List<String> missed = new ArrayList<>();
            for (Node c : controls) {
                // a group of toggles is one stop, as radio buttons are: Tab reaches it, the arrow keys choose within it
                boolean grouped = c instanceof javafx.scene.control.Toggle t && t.getToggleGroup() != null
                        && t.getToggleGroup().getToggles().stream().anyMatch(reached::contains);
                // the menus open with F10 or Alt, the platform's way, not by Tab
                boolean menu = c.getStyleClass().contains("menu-bar-button") || c.getClass().getSimpleName().equals("MenuBarButton");
                if (!reached.contains(c) && !grouped && !menu) {
                    missed.add(c.getClass().getSimpleName() + (c.getId() == null ? "" : " #" + c.getId()));
                }
            }
            assertThat(missed).as("controls Tab never reaches (presenting %s, lessons %s)", presenting, state[1]).isEmpty();
            assertThat(noRing).as("controls that look the same focused (presenting %s, lessons %s)", presenting, state[1]).isEmpty();
        }
    }
}
