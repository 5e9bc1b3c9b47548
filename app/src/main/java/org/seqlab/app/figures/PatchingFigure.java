package org.seqlab.app.figures;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.seqlab.app.text.EngineNames;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.inspect.TakeApart;

/**
 * Activation patching: the inspected input (clean) and a copy with its first symbol changed (corrupted), the bits each
 * pays for the clean next symbols, and the corrupted run with its state at one position patched in from the clean
 * run. Below, how far the patched prediction still is from the clean one after the patch (0: fully restored).
 */
public final class PatchingFigure implements Figure {

    static final Color CLEAN = new Color(0x1a7f37);
    static final Color CORRUPT = new Color(0xcf222e);
    static final Color PATCHED = new Color(0x0969da);

    /** What is drawn; {@code what} says what was patched ("its state", "its keys and values in every block"). */
    public record Input(TakeApart.Patching patching, String what, int step) {
    }

    private final Input in;

    public PatchingFigure(Input in) {
        this.in = in;
    }

    /** What it draws. */
    public Input input() {
        return in;
    }

    @Override
    public String name() {
        return "patching";
    }

    @Override
    public String title() {
        return Texts.format("patching.title.f", EngineNames.model(in.patching().model()), in.step());
    }

    @Override
    public void draw(Graphics2D g, double w, double h, Style style) {
        Style.background(g, w, h);
        TakeApart.Patching p = in.patching();
        double y = style.title(g, title(), w);
        if (style.tooLow(g, w, h, 300)) {   // a sentence, a legend, two plots and three samples
            return;
        }
        g.setFont(style.labelFont());
        FontMetrics fm = g.getFontMetrics();
        g.setPaint(style.ink());
        y = Style.wrapped(g, Texts.format("patching.says.f",
                SamplesFigure.visible(p.clean().get(0)), SamplesFigure.visible(p.corrupt().get(0)), p.position(), in.what(), p.meanGap()),
                12, y + fm.getAscent(), w - 24, h);
        // legend
        y += 4;
        double lx = 12;
        for (Object[] e : new Object[][] {{Texts.get("patching.clean"), CLEAN}, {Texts.get("patching.corrupted"), CORRUPT}, {Texts.get("patching.patched"), PATCHED}}) {
            g.setPaint((Color) e[1]);
            g.setStroke(Style.stroke(3));
            Style.line(g, lx, y + fm.getAscent() / 2.0, lx + 24, y + fm.getAscent() / 2.0);
            g.setPaint(style.ink());
            Style.text(g, (String) e[0], lx + 30, y + fm.getAscent());
            lx += 30 + fm.stringWidth((String) e[0]) + 24;
        }
        y += fm.getHeight() + 8;
        int n = p.cleanBits().length;
        double hi = 0;
        for (int t = 0; t < n; t++) {
            hi = Math.max(hi, Math.max(p.cleanBits()[t], Math.max(p.corruptBits()[t], p.patchedBits()[t])));
        }
        g.setFont(style.monoFont());
        FontMetrics mf = g.getFontMetrics();
        boolean continued = !p.continued().clean().isEmpty();
        double samplesH = continued ? fm.getHeight() + 3 * (Math.max(fm.getHeight(), mf.getHeight()) + 4) + 8 : 0;
        if (continued && h - y - samplesH < 130 + mf.getHeight() + 3 * fm.getHeight()) {
            // too low for the plots and the samples (a long sentence above, in German, at 1024×768 presenting): the
            // samples go, the measurements stay
            continued = false;
            samplesH = 0;
        }
        double gapH = Math.max(30, (h - y - samplesH) * 0.16);
        double bottom = h - samplesH - gapH - mf.getHeight() - 2 * fm.getHeight() - 28;
        g.setFont(style.tickFont());
        double left = 12 + g.getFontMetrics().stringWidth("00.0") + fm.getHeight() + 20;
        Plot plot = new Plot(left, y, w - left - 16, Math.max(40, bottom - y), -0.5, n - 0.5, 0, Plot.niceCeiling(Math.max(hi, 0.5)), false);
        plot.drawAxes(g, null, Texts.get("patching.y"), false, style);
        curve(g, plot, p.cleanBits(), CLEAN, Style.stroke(2.5f));
        curve(g, plot, p.corruptBits(), CORRUPT, Style.stroke(2.5f));
        curve(g, plot, p.patchedBits(), PATCHED, Style.dashed(2.5f));
        plot.marker(g, p.position(), Texts.format("patching.after.f", p.position()), style);
        Heatmap.Grid grid = new Heatmap.Grid(plot.left(), plot.top(), plot.right() - plot.left(), plot.bottom() - plot.top(), 1, n);
        List<String> next = p.clean().subList(1, p.clean().size()).stream().map(SamplesFigure::visible).toList();
        Heatmap.characterAxis(g, grid, next, plot.bottom() + mf.getAscent() + 4, style);
        // the distance after the patch
        double gy = plot.bottom() + mf.getHeight() + 12;
        g.setFont(style.labelFont());
        g.setPaint(style.ink());
        style.shrunk(g, Texts.get("patching.distance"), plot.left(), gy + fm.getAscent(),
                w - plot.left() - 12);
        double barTop = gy + fm.getHeight() + 4;
        double barH = Math.max(12, h - samplesH - barTop - 10);
        // a frame from 0 (bottom) to 1 (top), as the plot above has: bars are distances, and none at all is said in words
        Rectangle2D.Double frame = new Rectangle2D.Double(plot.left(), barTop, plot.right() - plot.left(), barH);
        g.setFont(style.tickFont());
        g.setPaint(style.muted());
        if (barH > 2 * g.getFontMetrics().getHeight()) {
            Style.right(g, "1", plot.left() - 6, barTop + g.getFontMetrics().getAscent());
        }
        Style.right(g, "0", plot.left() - 6, barTop + barH);
        double largest = 0;
        for (int t = 0; t < n; t++) {
            double d = p.gap()[t];
            if (!Double.isNaN(d)) {
                largest = Math.max(largest, d);
                g.setPaint(PATCHED);
                double bh = barH * Math.min(1, d);
                g.fill(new Rectangle2D.Double(grid.xAt(t) + 1, barTop + barH - bh, Math.max(1, grid.xAt(t + 1) - grid.xAt(t) - 2), Math.max(bh, 0.5)));
            }
        }
        g.setPaint(style.axis());
        g.setStroke(Style.stroke(1));
        g.draw(frame);
        if (largest < 1e-6 && barH > g.getFontMetrics().getHeight()) {
            g.setFont(style.labelFont());
            g.setPaint(style.muted());
            style.centeredShrunk(g, Texts.get("patching.restored"), frame.getCenterX(),
                    frame.getCenterY() + g.getFontMetrics().getAscent() / 2.0 - 2, frame.width - 12);
        }
        if (continued) {
            // what each run goes on to write, from the same draws; symbols that differ from the clean run marked
            double sy = h - samplesH + fm.getAscent() + 4;
            g.setFont(style.labelFont());
            g.setPaint(style.ink());
            style.shrunk(g, Texts.format("patching.continued.f", p.continued().temperature()), 12, sy, w - 24);
            sy += fm.getHeight() + 2;
            sy = AblationFigure.sample(g, Texts.get("patching.clean"), p.continued().clean(), null, sy, w, style);
            sy = AblationFigure.sample(g, Texts.get("patching.corrupted"), p.continued().corrupt(), p.continued().clean(), sy, w, style);
            AblationFigure.sample(g, Texts.get("patching.patched"), p.continued().patched(), p.continued().clean(), sy, w, style);
        }
    }

    private static void curve(Graphics2D g, Plot plot, double[] v, Color c, java.awt.Stroke stroke) {
        Path2D.Double path = new Path2D.Double();
        for (int t = 0; t < v.length; t++) {
            if (t == 0) {
                path.moveTo(plot.px(t), plot.py(v[t]));
            } else {
                path.lineTo(plot.px(t), plot.py(v[t]));
            }
        }
        g.setPaint(c);
        g.setStroke(stroke);
        g.draw(path);
    }

    @Override
    public Table table() {
        TakeApart.Patching p = in.patching();
        Table.Builder t = new Table.Builder("position", "next_symbol", "clean_bits", "corrupted_bits", "patched_bits", "distance");
        for (int i = 0; i < p.cleanBits().length; i++) {
            t.row(i, p.clean().get(i + 1), p.cleanBits()[i], p.corruptBits()[i], p.patchedBits()[i], p.gap()[i]);
        }
        return t.build();
    }
}
