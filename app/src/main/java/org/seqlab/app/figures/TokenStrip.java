package org.seqlab.app.figures;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;

/**
 * A row of tokens in equal monospaced cells, for lining continuations up step by step: the prompt muted, cells
 * optionally filled (a mismatch, a chosen step), one cell outlined.
 */
final class TokenStrip {

    private final double x;
    private final double y;
    private final double cell;
    private final double height;

    /** A strip whose first cell starts at (x, y). */
    TokenStrip(double x, double y, double cell, double height) {
        this.x = x;
        this.y = y;
        this.cell = cell;
        this.height = height;
    }

    /** The top of its cells. */
    double top() {
        return y;
    }

    /** The cell width that fits {@code n} cells into {@code width}, between 9 and 22 px (scaled with the type). */
    static double cellFor(double width, int n, Style style) {
        // as narrow as the room needs (a long generation still fits); a cell too narrow for its character shows only its colour
        return Math.max(4, Math.min(22 * style.typeScale(), width / Math.max(1, n)));
    }

    /**
     * How many of the first {@code given} tokens (a prompt) a strip of {@code cells} in {@code width} leaves out, so that
     * its letters stay at the style's least size ({@link Style#leastPx}); at least one given token stays. The
     * continuation is what the strips compare, so the prompt's start goes first.
     */
    static int hidden(Graphics2D g, double width, int given, int cells, Style style) {
        double readable = g.getFontMetrics(style.monoFont().deriveFont((float) style.leastPx())).stringWidth("m") + 1;
        return Math.max(0, Math.min(given - 1, cells - (int) Math.floor(width / readable)));
    }

    double cellX(int i) {
        return x + i * cell;
    }

    /** The cell index under pixel column px, or −1. */
    int at(double px, double py, int n) {
        if (py < y || py > y + height || px < x) {
            return -1;
        }
        int i = (int) ((px - x) / cell);
        return i < n ? i : -1;
    }

    /**
     * @param fills    a fill per cell or null entries for none (may be null)
     * @param muted    cells before this index are drawn muted (the prompt)
     * @param outlined the cell to outline, or −1
     */
    void draw(Graphics2D g, List<String> tokens, Color[] fills, int muted, int outlined, Color outline, Style style) {
        g.setFont(style.monoFont());
        if (g.getFontMetrics().stringWidth("m") > cell) {
            g.setFont(style.monoFont().deriveFont((float) (style.monoFont().getSize2D() * cell / g.getFontMetrics().stringWidth("m"))));
        }
        FontMetrics fm = g.getFontMetrics();
        // a cell too narrow for a letter the back row reads shows only its colour
        boolean letters = fm.getFont().getSize2D() >= style.leastPx() - 0.01 && fm.getAscent() <= height;
        for (int i = 0; i < tokens.size(); i++) {
            double cx = cellX(i);
            Color fill = fills == null || i >= fills.length ? null : fills[i];
            if (fill != null) {
                g.setPaint(fill);
                g.fill(new Rectangle2D.Double(cx, y, cell - 1, height));
            }
            g.setPaint(i < muted ? style.muted() : fill != null ? style.textOn(fill) : style.ink());
            String s = tokens.get(i);
            // a label wider than its cell (U+0007) is shown by its first character
            if (fm.stringWidth(s) > cell + 2) {
                s = s.substring(0, 1);
            }
            if (letters) {
                Style.centered(g, s, cx + cell / 2, y + (height + fm.getAscent() - fm.getDescent()) / 2);
            }
        }
        if (outlined >= 0 && outlined < tokens.size()) {
            g.setPaint(outline);
            g.setStroke(Style.stroke(2.5));
            g.draw(new Rectangle2D.Double(cellX(outlined) - 1, y - 1, cell + 1, height + 2));
        }
    }
}
