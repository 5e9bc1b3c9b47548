package org.seqlab.app.figures;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * A rectangle with a linear x axis and a linear or log₁₀ y axis: maps data to pixels and draws the frame,
 * grid, ticks and axis labels.
 */
public final class Plot {

    private final double left;
    private final double top;
    private final double width;
    private final double height;
    private final double x0;
    private final double x1;
    private final double y0;
    private final double y1;
    private final boolean logY;

    /** y0, y1 are data values (for a log axis, positive values). */
    public Plot(double left, double top, double width, double height, double x0, double x1, double y0, double y1, boolean logY) {
        this.left = left;
        this.top = top;
        this.width = Math.max(1, width);
        this.height = Math.max(1, height);
        this.x0 = x0;
        this.x1 = x1 == x0 ? x0 + 1 : x1;
        this.logY = logY;
        double a = logY ? Math.log10(y0) : y0;
        double b = logY ? Math.log10(y1) : y1;
        this.y0 = a;
        this.y1 = b == a ? a + 1 : b;
    }

    public double px(double x) {
        return left + (x - x0) / (x1 - x0) * width;
    }

    public double py(double y) {
        double v = logY ? Math.log10(y) : y;
        return top + height - (v - y0) / (y1 - y0) * height;
    }

    /** Data x at pixel column px. */
    public double dataX(double px) {
        return x0 + (px - left) / width * (x1 - x0);
    }

    public boolean contains(double px, double py) {
        return px >= left && px <= left + width && py >= top && py <= top + height;
    }

    public double left() {
        return left;
    }

    public double top() {
        return top;
    }

    public double right() {
        return left + width;
    }

    public double bottom() {
        return top + height;
    }

    public Rectangle2D.Double bounds() {
        return new Rectangle2D.Double(left, top, width, height);
    }

    /**
     * Grid lines, tick labels and axis titles; {@code xTicks} false leaves the x axis for the caller. Ticks are as many
     * as their labels have room for at this size and type: a label that would touch the one before is left out.
     */
    public void drawAxes(Graphics2D g, String xLabel, String yLabel, boolean xTicks, Style style) {
        g.setFont(style.tickFont());
        FontMetrics fm = g.getFontMetrics();
        double lastLabel = Double.POSITIVE_INFINITY;   // the top of the y label drawn last (they go upwards)
        double widest = 0;
        for (double t : yTicks(fm.getHeight())) {
            double y = py(t);
            g.setPaint(style.grid());
            g.setStroke(Style.stroke(1));
            Style.line(g, left, y, right(), y);
            double base = y + fm.getAscent() / 2.0 - 2;
            if (base + fm.getDescent() < lastLabel - 2) {
                g.setPaint(style.muted());
                String label = logY ? powerLabel(t) : tick(t);
                Style.right(g, label, left - 6, base);
                lastLabel = base - fm.getAscent();
                widest = Math.max(widest, fm.stringWidth(label));
            }
        }
        if (xTicks) {
            List<Double> ticks = niceTicks(x0, x1, 2);
            int widestX = 0;
            for (double t : ticks) {
                widestX = Math.max(widestX, fm.stringWidth(tick(t)));
            }
            ticks = niceTicks(x0, x1, Math.max(2, (int) (width / Math.max(90, widestX * 2.2))));
            double lastRight = Double.NEGATIVE_INFINITY;
            for (double t : ticks) {
                double x = px(t);
                g.setPaint(style.grid());
                Style.line(g, x, top, x, bottom());
                String label = tick(t);
                double half = fm.stringWidth(label) / 2.0;
                if (x - half > lastRight + 6) {
                    g.setPaint(style.muted());
                    Style.centered(g, label, x, bottom() + fm.getAscent() + 4);
                    lastRight = x + half;
                }
            }
        }
        g.setPaint(style.axis());
        g.setStroke(Style.stroke(1.2));
        g.draw(bounds());
        g.setFont(style.labelFont());
        g.setPaint(style.ink());
        if (xLabel != null) {
            style.centeredShrunk(g, xLabel, left + width / 2, bottom() + fm.getHeight() + g.getFontMetrics().getAscent() + 6, width + 40);
        }
        if (yLabel != null) {
            // just left of the widest tick label, and inside the figure (rotated, the text's ascent points left)
            FontMetrics lf = g.getFontMetrics();
            double x = Math.max(lf.getAscent() + 2, left - 6 - widest - 8 - lf.getDescent());
            style.vertical(g, yLabel, x, top + height / 2, height + 16);
        }
    }

    /** Ticks of the y axis with labels {@code lineHeight} tall: at least two and a half lines apart. */
    List<Double> yTicks(double lineHeight) {
        double room = Math.max(50, lineHeight * 2.5);
        if (!logY) {
            return niceTicks(y0, y1, Math.max(2, (int) (height / room)));
        }
        List<Double> ticks = new ArrayList<>();
        int step = Math.max(1, (int) Math.ceil((Math.floor(y1) - Math.ceil(y0) + 1) / Math.max(2, height / Math.max(40, lineHeight * 2))));
        for (int e = (int) Math.ceil(y0); e <= Math.floor(y1); e += step) {
            ticks.add(Math.pow(10, e));
        }
        return ticks;
    }

    /** A vertical rule at data x across the plot, labelled at its top (the step the scrubber shows). */
    public void marker(Graphics2D g, double x, String label, Style style) {
        if (x < x0 || x > x1) {
            return;
        }
        g.setPaint(style.ink());
        g.setStroke(Style.stroke(2));
        Style.line(g, px(x), top, px(x), bottom());
        g.setFont(style.tickFont());
        FontMetrics fm = g.getFontMetrics();
        double w = fm.stringWidth(label);
        double lx = px(x) + 4 + w <= right() ? px(x) + 4 : px(x) - 4 - w;
        g.setPaint(new java.awt.Color(255, 255, 255, 220));
        g.fill(new Rectangle2D.Double(lx - 2, top + 2, w + 4, fm.getHeight()));
        g.setPaint(style.ink());
        Style.text(g, label, lx, top + 2 + fm.getAscent());
    }

    /** A tick value with no more decimals than it has: 50, 0.5, 0.25, 1200, and 6e-5 below a thousandth. */
    static String tick(double v) {
        if (v != 0 && Math.abs(v) < 1e-3) {
            // "%.2e" gives 6.00e-05: drop the mantissa's trailing zeros and the exponent's leading ones
            String[] me = String.format("%.2e", v).split("e");
            String mantissa = me[0].replaceAll("[.,]?0+$", "");   // a decimal comma in German
            return mantissa + "e" + Integer.parseInt(me[1]);
        }
        if (Math.abs(v - Math.rint(v)) < 1e-9 * Math.max(1, Math.abs(v))) {
            return String.format("%.0f", v);
        }
        String s = String.format("%.4f", v).replaceAll("0+$", "");
        return s.endsWith(".") || s.endsWith(",") ? s.substring(0, s.length() - 1) : s;
    }

    static String powerLabel(double v) {
        int e = (int) Math.round(Math.log10(v));
        if (e == 0) {
            return "1";
        }
        if (e == 1) {
            return "10";
        }
        return "1e" + e;
    }

    /** A round number just above {@code max} (> 0), for the top of an axis that starts at 0. */
    public static double niceCeiling(double max) {
        if (!(max > 0)) {
            return 1;
        }
        List<Double> ticks = niceTicks(0, max, 4);
        double step = ticks.size() > 1 ? ticks.get(1) - ticks.get(0) : max;
        return Math.ceil(max / step - 1e-9) * step;
    }

    /** About {@code n} round-numbered ticks covering [a, b]. */
    public static List<Double> niceTicks(double a, double b, int n) {
        List<Double> out = new ArrayList<>();
        if (!(b > a)) {
            out.add(a);
            return out;
        }
        double raw = (b - a) / n;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = mag;
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * mag >= raw) {
                step = m * mag;
                break;
            }
        }
        for (double t = Math.ceil(a / step) * step; t <= b + step * 1e-9; t += step) {
            out.add(Math.abs(t) < step * 1e-9 ? 0 : t);
        }
        return out;
    }
}
