package org.seqlab.app.figures;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/**
 * Each model's marker — A a circle, B a square, C a triangle, D a diamond — on its curves and beside its name in the
 * legends, so that a line says whose it is without its colour (for an eye that cannot tell the colours apart, and on a
 * grey-scale print).
 */
public final class Marks {

    private Marks() {
    }

    /** Model {@code id}'s marker centred at (x, y), about {@code r} in radius (the same area for every shape). */
    public static Shape of(String id, double x, double y, double r) {
        int k = id == null || id.isEmpty() ? 0 : Math.max(0, Math.min(3, id.charAt(0) - 'A'));
        return switch (k) {
            case 1 -> new Rectangle2D.Double(x - r * 0.89, y - r * 0.89, r * 1.78, r * 1.78);
            case 2 -> polygon(x, y, r * 1.35, new double[] {-90, 30, 150});
            case 3 -> polygon(x, y, r * 1.25, new double[] {-90, 0, 90, 180});
            default -> new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r);
        };
    }

    private static Shape polygon(double x, double y, double r, double[] degrees) {
        Path2D.Double p = new Path2D.Double();
        for (int i = 0; i < degrees.length; i++) {
            double a = Math.toRadians(degrees[i]);
            if (i == 0) {
                p.moveTo(x + r * Math.cos(a), y + r * Math.sin(a));
            } else {
                p.lineTo(x + r * Math.cos(a), y + r * Math.sin(a));
            }
        }
        p.closePath();
        return p;
    }

    /** A legend's swatch: a short line in the model's colour and stroke from x to x + length, its marker in the middle. */
    public static void swatch(Graphics2D g, String id, Color colour, Stroke stroke, double x, double y, double length) {
        g.setPaint(colour);
        g.setStroke(stroke);
        Style.line(g, x, y, x + length, y);
        if (id != null) {
            g.fill(of(id, x + length / 2, y, 4.5));
        }
    }
}
