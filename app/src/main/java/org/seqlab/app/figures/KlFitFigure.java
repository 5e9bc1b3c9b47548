package org.seqlab.app.figures;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.util.List;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.inspect.KlFit;

/**
 * Forward against reverse KL, live: the two-mode target (grey), the Gaussian fitted by forward KL — maximum
 * likelihood — and the one fitted by reverse KL, at the step being shown; beside them, each fit's divergences over
 * the steps, computed exactly on the grid.
 */
public final class KlFitFigure implements Figure {

    static final String FORWARD = "A";   // the run colours: blue for forward KL
    static final String REVERSE = "B";   // orange for reverse KL

    private final KlFit.Fits fits;
    private final int step;

    /** Where both fits begin: reverse KL settles on the mode nearest a narrow start, and can stay wide from a wide one. */
    public enum Start {
        NEAR_RIGHT("start narrow, right of centre", 0.5, 0.5), WIDE("start wide, at the centre", 0, 2),
        NEAR_LEFT("start narrow, left of centre", -0.5, 0.5);

        private final String label;
        private final double mean;
        private final double sigma;

        Start(String label, double mean, double sigma) {
            this.label = label;
            this.mean = mean;
            this.sigma = sigma;
        }

        @Override
        public String toString() {
            return Texts.orElse("kl.start." + name(), label);
        }
    }

    /** Both fits from {@code start}, computed exactly on a grid (no model involved), shown at {@code step}. */
    public static KlFitFigure of(Start start, int step) {
        return new KlFitFigure(KlFit.fit(KlFit.twoModes(241, 4, 0.6), start.mean, start.sigma, KlFit.DEFAULT_STEPS, 0.1), step);
    }

    /** The same fits at another step. */
    public KlFitFigure at(int shown) {
        return new KlFitFigure(fits, shown);
    }

    public KlFitFigure(KlFit.Fits fits, int step) {
        this.fits = fits;
        this.step = Math.max(0, Math.min(step, fits.forward().size() - 1));
    }

    @Override
    public String name() {
        return "forward-reverse-kl";
    }

    @Override
    public String title() {
        return Texts.format("kl.title.f", step, fits.forward().size() - 1);
    }

    @Override
    public void draw(Graphics2D g, double w, double h, Style style) {
        Style.background(g, w, h);
        double top = style.title(g, title(), w);
        if (style.tooLow(g, w, h, 160)) {   // a plot with its axis and legend
            return;
        }
        KlFit.Frame f = fits.forward().get(step);
        KlFit.Frame r = fits.reverse().get(step);
        g.setFont(style.labelFont());
        FontMetrics fm = g.getFontMetrics();
        // the legend, one row each, above both plots
        String[] keys = {Texts.format("kl.forward.f", f.mu(), f.sigma()),
            Texts.format("kl.reverse.f", r.mu(), r.sigma()), Texts.get("kl.target")};
        java.awt.Color[] colours = {Style.run(FORWARD), Style.run(REVERSE), new java.awt.Color(0x9a9a9a)};
        double y = top + fm.getAscent();
        for (int k = 0; k < keys.length; k++) {
            g.setPaint(colours[k]);
            g.setStroke(Style.stroke(3));
            Style.line(g, 14, y - fm.getAscent() / 3.0, 40, y - fm.getAscent() / 3.0);
            g.setPaint(style.ink());
            style.shrunk(g, keys[k], 48, y, w - 60);
            y += fm.getHeight();
        }
        g.setFont(style.tickFont());
        FontMetrics tf = g.getFontMetrics();
        double bottom = 2 * tf.getHeight() + g.getFontMetrics(style.labelFont()).getHeight() + 8;
        // side by side in a wide view, or in a low one where stacked plots would be flat lines
        boolean side = w > 700 || (h - y - 2 * bottom) / 2 < 60;
        double plotW = side ? (w - 90) / 2 : w - 40;   // room on the right for the last tick's label
        double plotH = side ? h - y - 6 - bottom : (h - y - 2 * bottom) / 2;
        double left = 16 + tf.stringWidth("0.000") + g.getFontMetrics(style.labelFont()).getHeight() + 6;
        drawDensities(g, new Plot(left, y + 6, plotW - left, plotH, -6, 6, 0, peak(), false), f, r, style);
        double x0 = side ? plotW + 40 : 0;
        double y0 = side ? y + 6 : y + 6 + plotH + bottom;
        drawDivergences(g, new Plot(x0 + left, y0, plotW - left, plotH, 0, fits.forward().size() - 1, 0, maxKl(), false), style);
    }

    private void drawDensities(Graphics2D g, Plot p, KlFit.Frame f, KlFit.Frame r, Style style) {
        p.drawAxes(g, "x", Texts.get("kl.y"), true, style);
        double[] x = fits.target().x();
        Path2D.Double area = new Path2D.Double();
        area.moveTo(p.px(x[0]), p.py(0));
        for (int i = 0; i < x.length; i++) {
            area.lineTo(p.px(x[i]), p.py(fits.target().p()[i]));
        }
        area.lineTo(p.px(x[x.length - 1]), p.py(0));
        area.closePath();
        g.setPaint(new java.awt.Color(0, 0, 0, 50));
        g.fill(area);
        curve(g, p, x, f.q(), Style.run(FORWARD));
        curve(g, p, x, r.q(), Style.run(REVERSE));
    }

    private void drawDivergences(Graphics2D g, Plot p, Style style) {
        p.drawAxes(g, Texts.get("bars.step"), Texts.get("kl.nats"), true, style);
        int n = fits.forward().size();
        double[] steps = new double[n];
        double[] fwdOwn = new double[n];
        double[] revOwn = new double[n];
        for (int i = 0; i < n; i++) {
            steps[i] = i;
            fwdOwn[i] = fits.forward().get(i).forwardKl();
            revOwn[i] = fits.reverse().get(i).reverseKl();
        }
        curve(g, p, steps, fwdOwn, Style.run(FORWARD));
        curve(g, p, steps, revOwn, Style.run(REVERSE));
        p.marker(g, step, Texts.format("exposure.step.f", step), style);
    }

    private static void curve(Graphics2D g, Plot p, double[] x, double[] y, java.awt.Color c) {
        Path2D.Double path = new Path2D.Double();
        for (int i = 0; i < x.length; i++) {
            double py = p.py(y[i]);
            if (i == 0) {
                path.moveTo(p.px(x[i]), py);
            } else {
                path.lineTo(p.px(x[i]), py);
            }
        }
        g.setPaint(c);
        g.setStroke(Style.stroke(2.5));
        g.draw(path);
    }

    private double peak() {
        double m = 0;
        for (double v : fits.target().p()) {
            m = Math.max(m, v);
        }
        for (List<KlFit.Frame> frames : List.of(fits.forward(), fits.reverse())) {
            for (double v : frames.get(step).q()) {
                m = Math.max(m, v);
            }
        }
        return Plot.niceCeiling(m * 1.05);
    }

    private double maxKl() {
        double m = 0;
        for (KlFit.Frame f : fits.forward()) {
            m = Math.max(m, f.forwardKl());
        }
        for (KlFit.Frame f : fits.reverse()) {
            m = Math.max(m, f.reverseKl());
        }
        return Plot.niceCeiling(m * 1.05);
    }

    @Override
    public Table table() {
        Table.Builder tb = new Table.Builder("step", "forward fit mu", "forward fit sigma", "forward fit KL(p||q)", "forward fit KL(q||p)",
                "reverse fit mu", "reverse fit sigma", "reverse fit KL(p||q)", "reverse fit KL(q||p)");
        for (int i = 0; i < fits.forward().size(); i++) {
            KlFit.Frame f = fits.forward().get(i);
            KlFit.Frame r = fits.reverse().get(i);
            tb.row(i, f.mu(), f.sigma(), f.forwardKl(), f.reverseKl(), r.mu(), r.sigma(), r.forwardKl(), r.reverseKl());
        }
        return tb.build();
    }
}
