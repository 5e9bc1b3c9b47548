package org.seqlab.app.widgets;

import java.awt.geom.Point2D;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.shape.Rectangle;
import org.seqlab.app.figures.Figure;
import org.seqlab.app.figures.Stops;

/**
 * A cursor the arrow keys move over a figure's cells, points or bars ({@link Stops}), reading each one as the mouse
 * would ("query 5 'a' → key 3 'b': 0.4200") and telling a listener (the status line, the Describe pane, speech).
 * ← → move along a row, ↑ ↓ between rows, Home and End to a row's ends, Esc hides it. On a view that uses the arrows
 * itself (Decoding steps), the cursor moves with Shift and the arrows.
 */
public final class KeyboardCursor {

    private final FigureCanvas canvas;
    private final Rectangle mark = new Rectangle(12, 12);
    private Consumer<String> listener = text -> { };
    private int row = -1;
    private int col;

    KeyboardCursor(FigureCanvas canvas) {
        this.canvas = canvas;
        canvas.getProperties().put(FigureCanvas.CURSOR, (java.util.function.BooleanSupplier) this::active);
        mark.getStyleClass().add("figure-cursor");
        mark.setMouseTransparent(true);
        mark.setVisible(false);
        canvas.overlay(mark);
        canvas.addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        // the figure moves on (training, a new step): the cursor stays on its cell and reads it afresh, silently
        canvas.figureProperty().addListener((o, a, b) -> {
            if (row >= 0) {
                show(false, stops());
            }
        });
    }

    /** Who hears each cell the cursor reads. */
    public void onMove(Consumer<String> listener) {
        this.listener = listener;
    }

    /** Whether the figure shown has cells, points or bars for the cursor. */
    public boolean active() {
        return !stops().isEmpty();
    }

    /** The cursor's place (row, column), or null when hidden. */
    public int[] place() {
        return row < 0 ? null : new int[] {row, col};
    }

    private List<List<Point2D>> stops() {
        Figure f = canvas.figure();
        return Stops.of(f, canvas.viewWidth(), canvas.viewHeight(), canvas.figureStyle());
    }

    private void key(KeyEvent e) {
        KeyCode k = e.getCode();
        boolean arrows = k == KeyCode.LEFT || k == KeyCode.RIGHT || k == KeyCode.UP || k == KeyCode.DOWN || k == KeyCode.HOME || k == KeyCode.END;
        if (k == KeyCode.ESCAPE && row >= 0) {
            row = -1;
            mark.setVisible(false);
            e.consume();
            return;
        }
        boolean viewTakesArrows = canvas.getProperties().containsKey(FigureCanvas.ARROWS);
        if (!arrows || viewTakesArrows && !e.isShiftDown()) {
            return;
        }
        List<List<Point2D>> stops = stops();
        if (stops.isEmpty()) {
            return;
        }
        if (row < 0) {
            row = 0;
            col = 0;
        } else {
            row = Math.min(row, stops.size() - 1);
            double x = stops.get(row).get(Math.min(col, stops.get(row).size() - 1)).getX();
            switch (k) {
                case LEFT -> col--;
                case RIGHT -> col++;
                case HOME -> col = 0;
                case END -> col = Integer.MAX_VALUE;
                case UP, DOWN -> {
                    row = Math.max(0, Math.min(stops.size() - 1, row + (k == KeyCode.UP ? -1 : 1)));
                    col = nearest(stops.get(row), x);   // the same place on the next row (a chart's models share the x axis)
                }
                default -> { }
            }
        }
        show(true, stops);
        e.consume();
    }

    private static int nearest(List<Point2D> row, double x) {
        int best = 0;
        for (int i = 1; i < row.size(); i++) {
            if (Math.abs(row.get(i).getX() - x) < Math.abs(row.get(best).getX() - x)) {
                best = i;
            }
        }
        return best;
    }

    private void show(boolean tell, List<List<Point2D>> stops) {
        if (stops.isEmpty()) {
            mark.setVisible(false);
            return;
        }
        row = Math.max(0, Math.min(stops.size() - 1, row));
        List<Point2D> r = stops.get(row);
        col = Math.max(0, Math.min(r.size() - 1, col));
        Point2D p = r.get(col);
        canvas.hover(p.getX(), p.getY());
        mark.relocate(p.getX() - mark.getWidth() / 2, p.getY() - mark.getHeight() / 2);
        mark.setVisible(true);
        String text = canvas.readoutText();
        if (tell && !text.isEmpty()) {
            listener.accept(text);
        }
    }
}
