package org.seqlab.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.geometry.Bounds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.seqlab.app.lab.LabModel;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * On a projector the figure dominates: the loss chart and the views together take at least 65 % of the window at
 * 1280×720, 1366×768 and 1920×1080 as the lab starts, and at least 80 % in presentation mode at 1280×720.
 */
@Tag("ui")
class ProjectorLayoutTest {

    LabModel lab;
    MainWindow shown;

    @AfterEach
    void stop() throws Exception {
        if (shown != null) {
            WaitForAsyncUtils.asyncFx(shown::stop).get();   // its frame timer would keep the window and its lab alive
        }
        FxToolkit.cleanupStages();
        if (lab != null) {
            lab.shutdown();
        }
    }

    @ParameterizedTest(name = "{0}×{1}, presenting: {2}")
    @CsvSource({"1280, 720, false, 0.65", "1366, 768, false, 0.65", "1920, 1080, false, 0.65", "1280, 720, true, 0.80"})
    void theFiguresTakeMostOfTheWindow(int width, int height, boolean presenting, double least) throws Exception {
        lab = TestLab.lab();
        shown = TestLab.showPlain(lab, width, height);
        WaitForAsyncUtils.waitForFxEvents();
        if (presenting) {
            WaitForAsyncUtils.asyncFx(() -> {
                shown.presentation().fullScreen = false;   // the window is the projector's size already
                shown.setPresentation(true);
            }).get();
            WaitForAsyncUtils.waitForFxEvents();
        }
        double share = WaitForAsyncUtils.asyncFx(() -> {
            Bounds f = shown.figures().getLayoutBounds();
            javafx.scene.Scene scene = shown.getScene();
            return f.getWidth() * f.getHeight() / (scene.getWidth() * scene.getHeight());
        }).get();
        assertThat(share).as("share of the window the figures take").isGreaterThanOrEqualTo(least);
        if (width < MainWindow.WIDE) {
            assertThat(shown.lessonsShown()).as("lessons folded on a projector").isFalse();
        }
        assertThat(shown.settingsShown()).as("settings folded").isFalse();
    }
}
