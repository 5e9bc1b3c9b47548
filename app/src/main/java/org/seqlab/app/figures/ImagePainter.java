package org.seqlab.app.figures;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;

/** Draws an H × W image cell by cell (whole-pixel edges; one rectangle per pixel in a vector export). */
public final class ImagePainter {

    /** Ink is dark on white paper, as digits are printed. */
    public static final Color INK = new Color(0x24292f);

    private ImagePainter() {
    }

    /** Where pixel (r, c) of an image drawn in {@code box} lies. */
    public static Rectangle2D.Double cell(Rectangle2D.Double box, int height, int width, int r, int c) {
        double x0 = Math.round(box.x + c * box.width / width);
        double x1 = Math.round(box.x + (c + 1) * box.width / width);
        double y0 = Math.round(box.y + r * box.height / height);
        double y1 = Math.round(box.y + (r + 1) * box.height / height);
        return new Rectangle2D.Double(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
    }

    /** The largest square-pixel box of this aspect that fits {@code area}, centred. */
    public static Rectangle2D.Double fit(Rectangle2D.Double area, int height, int width) {
        double s = Math.floor(Math.min(area.width / width, area.height / height));
        s = Math.max(1, s);
        double w = s * width;
        double h = s * height;
        return new Rectangle2D.Double(Math.round(area.x + (area.width - w) / 2), Math.round(area.y + (area.height - h) / 2), w, h);
    }

    /** A binary image: ink for 1, white for 0; pixels at index ≥ {@code shown} are left light grey (not drawn yet). */
    public static void binary(Graphics2D g, Rectangle2D.Double box, int height, int width, int[] pixels, int shown, Style style) {
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                int i = r * width + c;
                g.setPaint(i >= shown ? new Color(0xeaeef2) : pixels[i] == 1 ? INK : Color.WHITE);
                g.fill(cell(box, height, width, r, c));
            }
        }
        g.setPaint(style.axis());
        g.setStroke(Style.stroke(1));
        g.draw(box);
    }

    /** Values on a colour map between lo and hi. */
    public static void values(Graphics2D g, Rectangle2D.Double box, int height, int width, double[] v, ColorMap map, double lo, double hi, Style style) {
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                g.setPaint(map.at(v[r * width + c], lo, hi));
                g.fill(cell(box, height, width, r, c));
            }
        }
        g.setPaint(style.axis());
        g.setStroke(Style.stroke(1));
        g.draw(box);
    }

    /**
     * The order pixels are read in: a line through their centres, coloured from the first (dark) to the last (yellow)
     * on viridis, the first pixel ringed. {@code path[k]} is the row-major index of the pixel read k-th.
     */
    public static void path(Graphics2D g, Rectangle2D.Double box, int height, int width, int[] path, Style style) {
        g.setPaint(Color.WHITE);
        g.fill(box);
        g.setStroke(Style.stroke(Math.max(1, box.width / width / 4)));
        for (int k = 1; k < path.length; k++) {
            Rectangle2D.Double a = cell(box, height, width, path[k - 1] / width, path[k - 1] % width);
            Rectangle2D.Double b = cell(box, height, width, path[k] / width, path[k] % width);
            g.setPaint(ColorMap.VIRIDIS.at((double) k / (path.length - 1)));
            g.draw(new java.awt.geom.Line2D.Double(a.getCenterX(), a.getCenterY(), b.getCenterX(), b.getCenterY()));
        }
        Rectangle2D.Double first = cell(box, height, width, path[0] / width, path[0] % width);
        g.setPaint(style.ink());
        g.setStroke(Style.stroke(2));
        g.draw(new java.awt.geom.Ellipse2D.Double(first.getCenterX() - first.width / 2, first.getCenterY() - first.height / 2, first.width, first.height));
        g.setPaint(style.axis());
        g.setStroke(Style.stroke(1));
        g.draw(box);
    }

    /** Parses a string of 0s and 1s into pixels. */
    public static int[] pixels(String bits) {
        int[] p = new int[bits.length()];
        for (int i = 0; i < p.length; i++) {
            p[i] = bits.charAt(i) == '1' ? 1 : 0;
        }
        return p;
    }
}
