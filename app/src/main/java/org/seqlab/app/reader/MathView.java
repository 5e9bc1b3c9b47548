package org.seqlab.app.reader;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.value.ChangeListener;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.stage.Window;
import org.scilab.forge.jlatexmath.TeXConstants;
import org.scilab.forge.jlatexmath.TeXFormula;
import org.scilab.forge.jlatexmath.TeXIcon;
import org.seqlab.app.lessons.SafeTeX;

/**
 * A formula typeset by JLaTeXMath. It is rendered for the pixels it will occupy — its size times the window's
 * output scale — and rendered again whenever either changes, so it stays sharp at any zoom and on any screen.
 * Inline formulas report their baseline, so a {@link javafx.scene.text.TextFlow} sets them on the line of text.
 */
public final class MathView extends Region {

    private final String tex;
    private final boolean display;
    private final DoubleProperty size = new SimpleDoubleProperty(16);
    /** The width it may take: a wider formula is set smaller to fit (never clipped); unbounded by default. */
    private final DoubleProperty room = new SimpleDoubleProperty(Double.POSITIVE_INFINITY);
    private final ImageView view = new ImageView();
    private final Color ink;
    private double renderedSize = -1;
    private double renderedScale = -1;
    private double baseline;
    private double width;
    private double height;

    /**
     * @param size the font size in logical pixels
     * @throws org.scilab.forge.jlatexmath.ParseException when the LaTeX does not parse
     */
    public MathView(String tex, boolean display, double size, Color ink) {
        this.tex = tex;
        this.display = display;
        this.ink = ink;
        this.size.set(size);
        getStyleClass().add(display ? "math-display" : "math-inline");
        getChildren().add(view);
        this.size.addListener((o, a, b) -> render());
        this.room.addListener((o, a, b) -> render());
        // the window's output scale is watched only while this formula is in it: a listener left on a window that
        // outlives the formula (a lesson page turned, a window's scene replaced) would keep the formula, its lesson
        // reader and the whole lab reachable for as long as the window lives
        sceneProperty().addListener((o, a, scene) -> {
            if (a != null) {
                a.windowProperty().removeListener(windowChanged);
            }
            if (scene != null) {
                scene.windowProperty().addListener(windowChanged);
            }
            watch(scene == null ? null : scene.getWindow());
        });
        render();
    }

    private final ChangeListener<Number> scaleChanged = (o, a, b) -> render();
    private final ChangeListener<Window> windowChanged = (p, x, w) -> watch(w);
    private Window watched;

    private void watch(Window w) {
        if (watched != null) {
            watched.renderScaleXProperty().removeListener(scaleChanged);
        }
        watched = w;
        if (w != null) {
            w.renderScaleXProperty().addListener(scaleChanged);
            render();
        }
    }

    public DoubleProperty sizeProperty() {
        return size;
    }

    /** The width this formula may take; a wider one is set in smaller type. */
    public DoubleProperty roomProperty() {
        return room;
    }

    public String tex() {
        return tex;
    }

    /** The output scale of the window showing this, 1 before it is shown. */
    private double outputScale() {
        Window w = getScene() == null ? null : getScene().getWindow();
        return w == null ? 1 : Math.max(1, w.getRenderScaleX());
    }

    /** The pixels the formula was last rendered at (width, height), for tests. */
    public int[] renderedPixels() {
        return view.getImage() == null ? new int[] {0, 0} : new int[] {(int) view.getImage().getWidth(), (int) view.getImage().getHeight()};
    }

    private void render() {
        double scale = outputScale();
        TeXFormula formula = SafeTeX.parse(tex);
        int style = display ? TeXConstants.STYLE_DISPLAY : TeXConstants.STYLE_TEXT;
        // the width scales with the type: a formula wider than its room is set at the size that fits
        double natural = formula.createTeXIcon(style, (float) size.get()).getIconWidth();
        double fitted = room.get() > 0 && natural > room.get() ? size.get() * room.get() / natural : size.get();
        if (scale == renderedScale && fitted == renderedSize) {
            return;
        }
        renderedScale = scale;
        renderedSize = fitted;
        TeXIcon icon = formula.createTeXIcon(style, (float) (fitted * scale));
        icon.setForeground(ink);
        int w = Math.max(1, icon.getIconWidth());
        int h = Math.max(1, icon.getIconHeight());
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        icon.paintIcon(null, g, 0, 0);
        g.dispose();
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        WritableImage fx = new WritableImage(w, h);
        fx.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        view.setImage(fx);
        width = w / scale;
        height = h / scale;
        baseline = (h - icon.getIconDepth()) / scale;
        view.setFitWidth(width);
        view.setFitHeight(height);
        view.setSmooth(true);
        requestLayout();
    }

    @Override
    protected double computePrefWidth(double h) {
        return width;
    }

    @Override
    protected double computePrefHeight(double w) {
        return height;
    }

    @Override
    protected double computeMinWidth(double h) {
        return width;
    }

    @Override
    protected double computeMinHeight(double w) {
        return height;
    }

    @Override
    public double getBaselineOffset() {
        return baseline;
    }

    @Override
    protected void layoutChildren() {
        view.relocate(0, 0);
    }
}
