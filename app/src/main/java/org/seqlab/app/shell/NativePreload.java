package org.seqlab.app.shell;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import javafx.scene.text.Text;

/**
 * Loads, on the calling thread, the native libraries the window needs besides JavaFX's toolkit: AWT's (the figures
 * draw through {@code Graphics2D}, the lessons' math through AWT fonts) and JavaFX's font library. Call it before
 * the engine thread loads ND4J.
 *
 * <p>Why: while ND4J starts, JavaCPP looks up BLAS symbols ({@code Loader.addressof}) by walking the loaded
 * libraries with {@code dl_iterate_phdr} and calling {@code dlopen} inside its callback. A {@code dlopen} on another
 * thread at that moment waits for the same two glibc loader locks in the other order, and both threads stop for
 * good. It happened about once in 40 starts under Xvfb: the FX thread in {@code System.loadLibrary("awt")} (the
 * first {@code java.awt.Color}), the engine thread in {@code Loader.addressof}, no window. With these libraries
 * already loaded, nothing on the FX thread opens a library while ND4J starts.
 */
public final class NativePreload {

    private static volatile boolean done;

    private NativePreload() {
    }

    /** Loads AWT's imaging and font libraries and JavaFX's font library; later calls return at once. */
    public static synchronized void run() {
        if (done) {
            return;
        }
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_ARGB);   // libawt
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString("x", 0, 8);                                                        // libfontmanager, FreeType
        g.dispose();
        new Text("x").getLayoutBounds();                              // JavaFX's font library
        done = true;
    }
}
