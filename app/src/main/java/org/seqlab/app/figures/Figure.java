package org.seqlab.app.figures;

import java.awt.Graphics2D;
import java.util.List;

/**
 * A view as a pure function of what the model computed: it draws itself through {@link Graphics2D} into a box
 * of logical pixels, so the same code paints the lab's Canvas (through FXGraphics2D), a PNG at any scale and
 * an SVG; and it hands over the numbers it drew as a {@link Table} for CSV.
 */
public interface Figure {

    /** A file-name stem: {@code hidden-state}, {@code loss}. */
    String name();

    /** The title drawn on top, also used in messages. */
    String title();

    /** Draws into {@code [0, width] × [0, height]}. */
    void draw(Graphics2D g, double width, double height, Style style);

    /** What lies under the point (x, y) of a box of that size, for a hover read-out; null for nothing. */
    default String describe(double x, double y, double width, double height, Style style) {
        return null;
    }

    /** The numbers drawn, for CSV. */
    Table table();

    /** The figure to show while the mouse is at (x, y) (for instance with that query's links drawn); itself by default. */
    default Figure hover(double x, double y, double width, double height, Style style) {
        return this;
    }

    /** The figure after a click at (x, y) (for instance one map enlarged); itself by default. */
    default Figure click(double x, double y, double width, double height, Style style) {
        return this;
    }

    /** Whether this is a placeholder (nothing computed yet, and why), which is never exported. */
    default boolean placeholder() {
        return false;
    }

    /** A figure with nothing to show yet, and why. */
    static Figure empty(String name, String title, String why) {
        return new Figure() {
            @Override
            public boolean placeholder() {
                return true;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public String title() {
                return title;
            }

            @Override
            public void draw(Graphics2D g, double width, double height, Style style) {
                Style.background(g, width, height);
                style.title(g, title, width);
                style.centeredNote(g, why, width, height);
            }

            @Override
            public Table table() {
                return new Table(List.of("note"), List.of(List.of(why)));
            }
        };
    }
}
