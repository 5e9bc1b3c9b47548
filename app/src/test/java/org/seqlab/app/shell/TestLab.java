package org.seqlab.app.shell;

import javafx.stage.Stage;
import org.seqlab.app.lab.LabModel;
import org.seqlab.engine.train.LabTrainer;

/** The lab and its window as the UI tests start them: in SeqLabApp's order, on a stage of a given size. */
final class TestLab {

    private TestLab() {
    }

    /** A lab whose engine starts at once, after the window's native libraries are loaded (see NativePreload). */
    static LabModel lab() {
        NativePreload.run();
        return new LabModel(new LabTrainer());
    }

    /**
     * Opens the window as a user starts it (side panels folded on a narrow screen) on a fresh stage of this size,
     * as the projector tests do; stop it with {@link MainWindow#stop()} before the lab, or its frame timer keeps both.
     */
    static MainWindow showPlain(LabModel lab, int width, int height) throws Exception {
        org.testfx.api.FxToolkit.registerPrimaryStage();
        java.util.concurrent.atomic.AtomicReference<MainWindow> window = new java.util.concurrent.atomic.AtomicReference<>();
        org.testfx.api.FxToolkit.setupStage(s -> {
            MainWindow w = new MainWindow(lab);
            s.setScene(SeqLabApp.scene(w));
            s.setWidth(width);
            s.setHeight(height);
            s.show();
            window.set(w);
        });
        return window.get();
    }

    /**
     * Ends what a test started and lets it go: the window's frame timer, the lab's engine thread (which releases its
     * models), every other window the test opened (the encoder–decoder lab closes its engine with its window), and
     * the scene on the test's stage, which would otherwise keep the window, its lab and its figures reachable until
     * the next test replaced it. {@code HeapBound} checks that nothing stays.
     */
    static void close(MainWindow window, LabModel lab) {
        try {
            org.testfx.util.WaitForAsyncUtils.asyncFx(() -> {
                window.stop();
                javafx.stage.Window w = window.getScene() == null ? null : window.getScene().getWindow();
                if (w instanceof Stage stage) {
                    stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.Pane()));
                }
            }).get(30, java.util.concurrent.TimeUnit.SECONDS);
            org.testfx.api.FxToolkit.cleanupStages();
        } catch (Exception e) {
            throw new AssertionError("the window could not be closed", e);
        } finally {
            lab.shutdown();
        }
    }

    /** Shows the lab's window, with SeqLab's theme and style sheet, on this stage. */
    static MainWindow show(Stage stage, LabModel lab, double width, double height) {
        // the flows were written for the lab with its side panels open; ProjectorLayoutTest checks the folded start
        MainWindow window = new MainWindow(lab, false);
        window.showSettings(true);
        stage.setScene(SeqLabApp.scene(window));
        stage.setWidth(width);
        stage.setHeight(height);
        stage.show();
        return window;
    }

    /**
     * The node a query finds, looked up on the FX thread: a lookup from the test's thread walks children lists the FX
     * thread may be changing at that moment (a snapshot arriving), and fails now and then with an index out of bounds.
     */
    static <T extends javafx.scene.Node> T find(org.testfx.api.FxRobot robot, String query, Class<T> type) {
        try {
            return org.testfx.util.WaitForAsyncUtils.asyncFx(() -> robot.lookup(query).queryAs(type)).get(30,
                    java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no node " + query, e);
        }
    }
}
