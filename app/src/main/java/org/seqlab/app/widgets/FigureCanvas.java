package org.seqlab.app.widgets;

import javafx.animation.PauseTransition;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.event.EventHandler;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.jfree.fx.FXGraphics2D;
import org.seqlab.app.figures.Figure;
import org.seqlab.app.figures.Style;

/**
 * Hosts a {@link Figure} on a JavaFX Canvas through FXGraphics2D, redrawing when the figure or the size
 * changes, with a read-out of what lies under the mouse.
 */
public final class FigureCanvas extends Region {

    private final Canvas canvas = new Canvas();
    private final FXGraphics2D graphics;
    private final Label readout = new Label();
    private Figure figure;
    private Figure shown;
    private final ObjectProperty<Style> figureStyle = new SimpleObjectProperty<>(Style.NORMAL);
    private double mouseX = Double.NaN;
    private double mouseY = Double.NaN;
    private final ObjectProperty<Figure> figureProperty = new SimpleObjectProperty<>();

    public FigureCanvas() {
        getStyleClass().add("figure-canvas");
        graphics = new FXGraphics2D(canvas.getGraphicsContext2D());
        readout.getStyleClass().add("hover-readout");
        readout.setVisible(false);
        readout.setMouseTransparent(true);
        readout.setPadding(new Insets(3, 7, 3, 7));
        // the focus ring lies over the figure (a Region's own border would be painted under its canvas)
        Region ring = new Region();
        ring.getStyleClass().add("figure-focus-ring");
        ring.setMouseTransparent(true);
        ring.setManaged(false);
        ring.visibleProperty().bind(focusedProperty());
        ring.resizeRelocate(2, 2, 0, 0);
        widthProperty().addListener((o, a, b) -> ring.resize(b.doubleValue() - 4, ring.getHeight()));
        heightProperty().addListener((o, a, b) -> ring.resize(ring.getWidth(), b.doubleValue() - 4));
        getChildren().addAll(canvas, readout, ring);
        setMinSize(200, 120);
        setOnMouseMoved(e -> hover(e.getX(), e.getY()));
        setOnMouseExited(e -> {
            mouseX = Double.NaN;
            readout.setVisible(false);
            if (shown != figure) {
                shown = figure;
                redraw();
            }
        });
        // a click focuses the figure, for the views that answer keys; on release, after the TabPane around it has
        // taken focus on press
        setFocusTraversable(true);
        addEventHandler(MouseEvent.MOUSE_RELEASED, e -> requestFocus());
        setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && figure != null) {
                click(e.getX(), e.getY());
            }
        });
    }

    /** Marks this canvas as answering the arrow keys itself, so that the window's → shortcut leaves them to it. */
    public void takeArrowKeys(EventHandler<KeyEvent> handler) {
        getProperties().put(ARROWS, Boolean.TRUE);
        setOnKeyPressed(handler);
    }

    /** True when {@code node} answers the arrow keys itself, or its keyboard cursor does. */
    public static boolean takesArrowKeys(Node node) {
        return node != null && (node.getProperties().containsKey(ARROWS)
                || node.getProperties().get(CURSOR) instanceof java.util.function.BooleanSupplier cursor && cursor.getAsBoolean());
    }

    static final String ARROWS = "seqlab.arrowKeys";
    /** Where a keyboard cursor leaves whether it has anything to visit on the figure shown. */
    static final String CURSOR = "seqlab.cursor";

    /** Lays {@code node} over the figure (the keyboard cursor's mark), placed by its owner. */
    void overlay(Node node) {
        node.setManaged(false);
        getChildren().add(node);
    }

    /** Shows a new figure; if the mouse is over the canvas, its hover state carries over. */
    public void setFigure(Figure f) {
        this.figure = f;
        this.shown = f;
        figureProperty.set(f);
        if (!Double.isNaN(mouseX)) {
            hover(mouseX, mouseY);
        } else {
            redrawSoon();
        }
    }

    /** The figure as set (without hover decorations). */
    /** Draws in this style from now on (presentation mode's larger type and high contrast, or the normal look). */
    public void setFigureStyle(Style s) {
        figureStyle.set(s);
        redraw();
    }

    public Style figureStyle() {
        return figureStyle.get();
    }

    /** The style the figure is drawn in (a layout around it can follow presentation mode's type). */
    public ReadOnlyObjectProperty<Style> figureStyleProperty() {
        return figureStyle;
    }

    public Figure figure() {
        return figure;
    }

    /** The figure as drawn now, including what the mouse is hovering. */
    public Figure shownFigure() {
        return shown;
    }

    public ReadOnlyObjectProperty<Figure> figureProperty() {
        return figureProperty;
    }

    /** A click at (x, y), as the mouse would. */
    public void click(double x, double y) {
        Figure next = figure.click(x, y, canvas.getWidth(), canvas.getHeight(), figureStyle.get());
        if (next != figure) {
            setFigure(next);
        }
    }

    /** Width of the drawing in logical pixels (what an export at scale 1 would have). */
    public double viewWidth() {
        return canvas.getWidth();
    }

    public double viewHeight() {
        return canvas.getHeight();
    }

    /** The text of the hover read-out (empty when hidden). */
    public String readoutText() {
        return readout.isVisible() ? readout.getText() : "";
    }

    @Override
    protected void layoutChildren() {
        double w = Math.floor(getWidth());
        double h = Math.floor(getHeight());
        if (w != canvas.getWidth() || h != canvas.getHeight()) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            redraw();
        }
        readout.autosize();
    }

    /**
     * Figures arrive with every snapshot while training (up to 30 a second); drawn at most every {@link #MIN_FRAME_NANOS},
     * the newest one at the end of the wait. A stream of full redraws kept the renderer and the FX thread busy on a
     * two-core machine that also trains, and frames came late (measured by bench/fluidity.sh).
     */
    private void redrawSoon() {
        long now = System.nanoTime();
        long wait = MIN_FRAME_NANOS - (now - lastDraw);
        if (wait <= 0) {
            redraw();
        } else if (!pending) {
            pending = true;
            PauseTransition later = new PauseTransition(Duration.millis(wait / 1e6));
            later.setOnFinished(e -> {
                pending = false;
                redraw();
            });
            later.play();
        }
    }

    private static final long MIN_FRAME_NANOS = 100_000_000L;
    private long lastDraw = Long.MIN_VALUE / 2;
    private boolean pending;

    private void redraw() {
        lastDraw = System.nanoTime();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        canvas.getGraphicsContext2D().clearRect(0, 0, w, h);
        if (shown != null && w > 0 && h > 0) {
            shown.draw(graphics, w, h, figureStyle.get());
        }
    }

    /** Shows what lies at (x, y), as a mouse move would. */
    public void hover(double x, double y) {
        mouseX = x;
        mouseY = y;
        Figure next = figure == null ? null : figure.hover(x, y, canvas.getWidth(), canvas.getHeight(), figureStyle.get());
        if (next != shown) {
            shown = next;
            redraw();
        }
        String text = figure == null ? null : figure.describe(x, y, canvas.getWidth(), canvas.getHeight(), figureStyle.get());
        if (text == null) {
            readout.setVisible(false);
            return;
        }
        readout.setText(text);
        readout.autosize();
        double rx = Math.min(x + 14, getWidth() - readout.getWidth() - 4);
        double ry = y + 18 + readout.getHeight() > getHeight() ? y - readout.getHeight() - 8 : y + 18;
        readout.relocate(Math.max(2, rx), Math.max(2, ry));
        readout.setVisible(true);
    }
}
