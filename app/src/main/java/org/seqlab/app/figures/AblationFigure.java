package org.seqlab.app.figures;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.seqlab.app.text.EngineNames;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.inspect.TakeApart;

/**
 * One part of a trained model switched off: above, how many more bits it pays for each next symbol of the inspected
 * input (red: worse, blue: better); below, a generation from the same prompt and the same random draws, intact and
 * with the part off, the symbols where they part ways marked.
 */
public final class AblationFigure implements Figure {

    static final Color WORSE = new Color(0xcf222e);
    static final Color BETTER = new Color(0x0969da);
    static final Color CHANGED = new Color(0xffd8d3);

    /** What is drawn. */
    public record Input(TakeApart.Comparison comparison, int step) {
    }

    private final Input in;

    public AblationFigure(Input in) {
        this.in = in;
    }

    /** What it draws. */
    public Input input() {
        return in;
    }

    @Override
    public String name() {
        return "switch-off";
    }

    @Override
    public String title() {
        TakeApart.Comparison c = in.comparison();
        return Texts.format("ablate.title.f", EngineNames.part(c.ablation().describe()), EngineNames.model(c.model()), in.step());
    }

    @Override
    public void draw(Graphics2D g, double w, double h, Style style) {
        Style.background(g, w, h);
        TakeApart.Comparison c = in.comparison();
        double y = style.title(g, title(), w);
        g.setFont(style.labelFont());
        FontMetrics fm = g.getFontMetrics();
        g.setPaint(style.ink());
        y = Style.wrapped(g, Texts.format("ablate.validation.f", c.intactValidation(),
                c.ablatedValidation(), EngineNames.part(c.ablation().describe()), c.validationCost()), 12, y + fm.getAscent(), w - 24, h);
        g.setFont(style.monoFont());
        FontMetrics mf = g.getFontMetrics();
        // the generations take four lines of type at the bottom; in a low view the bars keep the room and they go
        double samplesH = 2 * (fm.getHeight() + mf.getHeight() + 4) + 8;
        double plotTop = y + 6;
        double below = mf.getHeight() + fm.getHeight() + 24;   // the symbols under the bars and their caption
        boolean withSamples = h - samplesH - below - plotTop >= 60;
        if (!withSamples && h - below - plotTop < 40) {
            style.tooLowNote(g, w, h);
            return;
        }
        double plotBottom = h - (withSamples ? samplesH : 0) - below;
        double[] delta = new double[c.intactBits().length];
        double m = 0;
        for (int t = 0; t < delta.length; t++) {
            delta[t] = c.ablatedBits()[t] - c.intactBits()[t];
            m = Math.max(m, Math.abs(delta[t]));
        }
        m = Plot.niceCeiling(Math.max(m, 0.1));
        g.setFont(style.tickFont());
        double left = 12 + g.getFontMetrics().stringWidth("-0.00") + fm.getHeight() + 20;
        Plot p = new Plot(left, plotTop, w - left - 16, Math.max(40, plotBottom - plotTop), 0, delta.length, -m, m, false);
        p.drawAxes(g, null, Texts.get("ablate.y"), false, style);
        Heatmap.Grid grid = new Heatmap.Grid(p.left(), p.top(), p.right() - p.left(), p.bottom() - p.top(), 1, delta.length);
        for (int t = 0; t < delta.length; t++) {
            double x0 = grid.xAt(t) + 1;
            double x1 = grid.xAt(t + 1) - 1;
            double y0 = p.py(Math.max(0, delta[t]));
            double y1 = p.py(Math.min(0, delta[t]));
            g.setPaint(delta[t] >= 0 ? WORSE : BETTER);
            g.fill(new Rectangle2D.Double(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0)));
        }
        g.setPaint(style.axis());
        Style.line(g, p.left(), p.py(0), p.right(), p.py(0));
        List<String> next = c.text().subList(1, c.text().size()).stream().map(SamplesFigure::visible).toList();
        Heatmap.characterAxis(g, grid, next, p.bottom() + mf.getAscent() + 4, style);
        g.setFont(style.tickFont());
        g.setPaint(style.muted());
        style.shrunk(g, Texts.get("ablate.x"), p.left(),
                p.bottom() + mf.getHeight() + g.getFontMetrics().getAscent() + 6, w - p.left() - 12);
        if (!withSamples) {
            return;
        }
        double sy = h - samplesH + fm.getAscent();
        g.setFont(style.labelFont());
        g.setPaint(style.ink());
        style.shrunk(g, Texts.format("ablate.sampled.f", SamplesFigure.visible(c.prompt()),
                c.temperature()), 12, sy, w - 24);
        sy += fm.getHeight() + 2;
        sy = sample(g, Texts.get("ablate.intact"), c.intactSample(), null, sy, w, style);
        sample(g, Texts.get("ablate.switchedOff"), c.ablatedSample(), c.intactSample(), sy, w, style);
    }

    /** One labelled generation on one line; with {@code against}, the symbols that differ from it on a light red ground. */
    static double sample(Graphics2D g, String label, String text, String against, double y, double w, Style style) {
        g.setFont(style.labelFont());
        g.setPaint(style.muted());
        FontMetrics fm = g.getFontMetrics();
        Style.text(g, label, 12, y);
        double x = 12 + Math.max(fm.stringWidth(Texts.get("ablate.switchedOff")), fm.stringWidth(Texts.get("patching.corrupted"))) + 12;
        g.setFont(style.monoFont());
        FontMetrics mf = g.getFontMetrics();
        double advance = mf.getStringBounds("mmmmmmmmmm", g).getWidth() / 10;
        int[] cps = SamplesFigure.visible(text).codePoints().toArray();
        int[] ref = against == null ? null : SamplesFigure.visible(against).codePoints().toArray();
        int fits = Math.max(1, (int) ((w - x - 16) / advance) - 2);
        for (int i = 0; i < Math.min(fits, cps.length); i++) {
            double cx = x + i * advance;
            if (ref != null && (i >= ref.length || ref[i] != cps[i])) {
                g.setPaint(CHANGED);
                g.fill(new Rectangle2D.Double(cx, y - mf.getAscent(), advance, mf.getHeight()));
            }
            g.setPaint(style.ink());
            g.drawString(new String(Character.toChars(cps[i])), (float) cx, (float) y);
        }
        return y + Math.max(fm.getHeight(), mf.getHeight()) + 4;
    }

    @Override
    public Table table() {
        TakeApart.Comparison c = in.comparison();
        Table.Builder t = new Table.Builder("position", "next_symbol", "intact_bits", "switched_off_bits", "extra_bits");
        for (int p = 0; p < c.intactBits().length; p++) {
            t.row(p, c.text().get(p + 1), c.intactBits()[p], c.ablatedBits()[p], c.ablatedBits()[p] - c.intactBits()[p]);
        }
        return t.build();
    }
}
