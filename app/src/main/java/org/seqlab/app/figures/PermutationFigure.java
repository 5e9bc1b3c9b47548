package org.seqlab.app.figures;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Locale;
import org.seqlab.app.text.EngineNames;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.inspect.OrderBlindness;
import org.seqlab.engine.model.Positional;

/**
 * An input and the same symbols permuted (those before the last reversed), joined symbol to symbol, and under them how
 * far each symbol's next-symbol distribution moved: with the causal mask as trained, and with it removed. Zero
 * everywhere without the mask means the outputs permuted with the inputs: attention without positions is blind to order.
 */
public final class PermutationFigure implements Figure {

    /** What is drawn. */
    public record Input(String label, OrderBlindness result, int step) {
    }

    private final Input in;

    public PermutationFigure(Input in) {
        this.in = in;
    }

    /** What it draws. */
    public Input input() {
        return in;
    }

    @Override
    public String name() {
        return "order-blind";
    }

    @Override
    public String title() {
        return Texts.format("permute.title.f", EngineNames.model(in.label()), in.step());
    }

    @Override
    public void draw(Graphics2D g, double w, double h, Style style) {
        Style.background(g, w, h);
        OrderBlindness r = in.result();
        double y = style.title(g, title(), w);
        if (style.tooLow(g, w, h, 200)) {   // two rows of distances with their labels
            return;
        }
        g.setFont(style.labelFont());
        FontMetrics fm = g.getFontMetrics();
        g.setPaint(style.ink());
        String verdict = r.maxUnmaskedGap() < 1e-4
                ? Texts.get("permute.blind")
                : r.positions() == Positional.NONE ? Texts.get("permute.changed")
                : Texts.format("permute.positions.f", r.positions().toString().toLowerCase(Locale.ROOT));
        y = Style.wrapped(g, verdict, 12, y + fm.getAscent(), w - 24, h) + 4;
        int n = r.original().size();
        double labelW = Math.max(Math.max(fm.stringWidth(Texts.get("permute.unmasked")), fm.stringWidth(Texts.get("permute.masked"))),
                Math.max(fm.stringWidth(Texts.get("permute.permuted")),   // and the largest bar's note under a strip's name
                        g.getFontMetrics(style.tickFont()).stringWidth(Texts.format("permute.largest.f", 0.0)))) + 20;
        double x0 = 12 + labelW;
        double cell = Math.min(48 * style.typeScale(), (w - x0 - 16) / n);
        g.setFont(style.monoFont());
        FontMetrics mf = g.getFontMetrics();
        double box = Math.min(cell - 4, mf.getHeight() + 8);
        double rowA = y + 4;
        double rowB = rowA + box + Math.max(40, (h - y) * 0.18);
        tokens(g, Texts.get("permute.input"), r.original(), x0, rowA, cell, box, labelW, style);
        tokens(g, Texts.get("permute.permuted"), r.permuted(), x0, rowB, cell, box, labelW, style);
        g.setStroke(Style.stroke(1.5));
        for (int i = 0; i < n; i++) {
            int j = r.perm()[i];   // symbol i of the input is at place j of the permuted one (a reversal: its own inverse)
            g.setPaint(Style.run(i == n - 1 ? "B" : "A"));
            Style.line(g, x0 + (i + 0.5) * cell, rowA + box, x0 + (j + 0.5) * cell, rowB);
        }
        double top = rowB + box + 16;
        double stripH = Math.max(30, (h - top - 3 * fm.getHeight() - 16) / 2);
        strip(g, Texts.get("permute.masked"), r.causalGap(), x0, top, cell, stripH, labelW, style);
        strip(g, Texts.get("permute.unmasked"), r.unmaskedGap(), x0, top + stripH + fm.getHeight() + 12, cell, stripH, labelW, style);
        g.setFont(style.tickFont());
        g.setPaint(style.muted());
        style.shrunk(g, Texts.get("permute.bars"),
                12, h - 8, w - 24);
    }

    private static void tokens(Graphics2D g, String label, List<String> symbols, double x0, double y, double cell, double box,
            double labelW, Style style) {
        g.setFont(style.labelFont());
        g.setPaint(style.ink());
        FontMetrics fm = g.getFontMetrics();
        Style.right(g, label, x0 - 10, y + box / 2 + fm.getAscent() / 2.0 - 2);
        g.setFont(style.monoFont());
        FontMetrics mf = g.getFontMetrics();
        for (int i = 0; i < symbols.size(); i++) {
            Rectangle2D.Double r = new Rectangle2D.Double(x0 + i * cell + (cell - box) / 2, y, box, box);
            g.setPaint(style.grid());
            g.fill(r);
            g.setPaint(style.ink());
            Style.centered(g, SamplesFigure.visible(symbols.get(i)), r.getCenterX(), r.getCenterY() + mf.getAscent() / 2.0 - 2);
        }
    }

    private static void strip(Graphics2D g, String label, double[] gap, double x0, double y, double cell, double h, double labelW, Style style) {
        double max = 0;
        for (double v : gap) {
            max = Math.max(max, v);
        }
        g.setFont(style.labelFont());
        FontMetrics fm = g.getFontMetrics();
        g.setPaint(style.ink());
        Style.right(g, label, x0 - 10, y + fm.getAscent());
        g.setFont(style.tickFont());
        g.setPaint(style.muted());
        Style.right(g, Texts.format("permute.largest.f", max), x0 - 10, y + fm.getHeight() + g.getFontMetrics().getAscent());
        g.setPaint(style.grid());
        g.fill(new Rectangle2D.Double(x0, y, cell * gap.length, h));
        for (int i = 0; i < gap.length; i++) {
            double bh = h * Math.min(1, gap[i]);
            g.setPaint(Style.run("A"));
            g.fill(new Rectangle2D.Double(x0 + i * cell + 2, y + h - bh, Math.max(1, cell - 4), Math.max(0.5, bh)));
        }
    }

    @Override
    public Table table() {
        OrderBlindness r = in.result();
        Table.Builder t = new Table.Builder("position", "symbol", "new_position", "distance_causal", "distance_unmasked");
        for (int i = 0; i < r.original().size(); i++) {
            t.row(i, r.original().get(i), r.perm()[i], r.causalGap()[i], r.unmaskedGap()[i]);
        }
        return t.build();
    }
}
