package org.seqlab.app.figures;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.Arrays;
import java.util.List;
import org.seqlab.engine.model.Trace;

/**
 * A grid of coloured cells, time along x and units along y, with whole-pixel cell edges (crisp on screen,
 * and one rectangle per cell in a vector export), plus the colour bar that reads it and the character axis.
 */
public final class Heatmap {

    /** Where the cells are: column c spans [xAt(c), xAt(c+1)), row r spans [yAt(r), yAt(r+1)). */
    public record Grid(double x, double y, double width, double height, int rows, int cols) {

        public double xAt(int c) {
            return Math.round(x + c * width / cols);
        }

        public double yAt(int r) {
            return Math.round(y + r * height / rows);
        }

        /** Column under pixel px, or −1. */
        public int col(double px) {
            if (px < x || px >= x + width) {
                return -1;
            }
            return Math.min(cols - 1, (int) ((px - x) / width * cols));
        }

        public int row(double py) {
            if (py < y || py >= y + height) {
                return -1;
            }
            return Math.min(rows - 1, (int) ((py - y) / height * rows));
        }

        public double cellWidth() {
            return width / cols;
        }
    }

    private Heatmap() {
    }

    /** The colour of the cell in row r, column c. */
    @FunctionalInterface
    public interface Cells {
        java.awt.Color at(int r, int c);
    }

    /** Fills every cell with its colour, one rectangle per cell, and frames the grid. */
    public static void draw(Graphics2D g, Grid grid, Cells colour, Style style) {
        for (int r = 0; r < grid.rows(); r++) {
            double ya = grid.yAt(r);
            double yb = grid.yAt(r + 1);
            for (int c = 0; c < grid.cols(); c++) {
                double xa = grid.xAt(c);
                double xb = grid.xAt(c + 1);
                g.setPaint(colour.at(r, c));
                g.fill(new Rectangle2D.Double(xa, ya, Math.max(1, xb - xa), Math.max(1, yb - ya)));
            }
        }
        g.setPaint(style.axis());
        g.setStroke(Style.stroke(1));
        g.draw(new Rectangle2D.Double(grid.x(), grid.y(), grid.width(), grid.height()));
    }

    /**
     * Draws {@code data} [T, H] transposed: cell (row = unit u, col = t) is data[t][u], for units
     * {@code 0 .. rows-1}.
     */
    public static void draw(Graphics2D g, Grid grid, Trace.Array data, ColorMap map, double lo, double hi, Style style) {
        draw(g, grid, (r, c) -> map.at(data.get(c, r), lo, hi), style);
    }

    /** A vertical colour bar at (x, y) of size w × h, labelled with its range and a title. */
    public static void colorBar(Graphics2D g, double x, double y, double w, double h, ColorMap map, double lo, double hi,
            String label, Style style) {
        int steps = (int) Math.max(2, Math.min(128, h));
        for (int i = 0; i < steps; i++) {
            double ya = Math.round(y + h - (i + 1) * h / steps);
            double yb = Math.round(y + h - i * h / steps);
            g.setPaint(map.at((i + 0.5) / steps));
            g.fill(new Rectangle2D.Double(x, ya, w, Math.max(1, yb - ya)));
        }
        g.setPaint(style.axis());
        g.draw(new Rectangle2D.Double(x, y, w, h));
        g.setFont(style.tickFont());
        FontMetrics fm = g.getFontMetrics();
        g.setPaint(style.muted());
        double mid = (lo + hi) / 2;
        Style.text(g, Style.number(hi), x + w + 4, y + fm.getAscent() - 2);
        if (h > 3 * fm.getHeight()) {
            Style.text(g, Style.number(mid), x + w + 4, y + h / 2 + fm.getAscent() / 2.0 - 2);
        }
        if (h >= fm.getHeight() + fm.getAscent() + 2) {   // a bar lower than two lines: its top number only, not two set over each other
            Style.text(g, Style.number(lo), x + w + 4, y + h);
        }
        if (label != null) {
            g.setPaint(style.ink());
            style.vertical(g, label, x + w + 4 + fm.stringWidth("-0.00") + fm.getHeight() / 2.0 + 4, y + h / 2, h + 16);
        }
    }

    /** Width a colour bar with its numbers and label takes. */
    public static double colorBarWidth(Graphics2D g, Style style) {
        g.setFont(style.tickFont());
        FontMetrics fm = g.getFontMetrics();
        return 14 + 4 + fm.stringWidth("-0.00") + fm.getHeight() + 10;
    }

    /** The characters under the columns: every one when they fit, otherwise every k-th. */
    public static void characterAxis(Graphics2D g, Grid grid, List<String> labels, double baseline, Style style) {
        g.setFont(style.monoFont());
        FontMetrics fm = g.getFontMetrics();
        int every = Math.max(1, (int) Math.ceil((fm.stringWidth("m") + 3) / grid.cellWidth()));
        g.setPaint(style.ink());
        for (int c = 0; c < grid.cols() && c < labels.size(); c += every) {
            double cx = (grid.xAt(c) + grid.xAt(c + 1)) / 2;
            Style.centered(g, labels.get(c), cx, baseline);
        }
    }

    /**
     * Symmetric range ±m for signed values: the 98th percentile of |v| rounded up to a readable number, so one
     * runaway unit does not wash out all the others (cells beyond it show the end colour; hover gives the value).
     */
    public static double symmetricRange(Trace.Array a) {
        float[] abs = a.data();
        for (int i = 0; i < abs.length; i++) {
            abs[i] = Math.abs(abs[i]);
        }
        Arrays.sort(abs);
        double m = Math.max(1e-6, abs.length == 0 ? 1 : abs[Math.min(abs.length - 1, (int) Math.floor(0.98 * abs.length))]);
        double mag = Math.pow(10, Math.floor(Math.log10(m)));
        for (double k : new double[] {1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (k * mag >= m) {
                return k * mag;
            }
        }
        return m;
    }
}
