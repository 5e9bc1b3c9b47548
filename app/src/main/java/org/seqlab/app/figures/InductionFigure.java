package org.seqlab.app.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import org.seqlab.app.text.EngineNames;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.inspect.TakeApart;

/**
 * Every head's induction score as a grid, blocks down and heads across: on a random string repeated twice, the mean
 * attention a symbol of the repeat pays to the symbol after its first occurrence. The best head is framed.
 */
public final class InductionFigure implements Figure {

    /** What is drawn: the model and its scores [block][head] ({@code TakeApart.inductionScores}). */
    public record Input(String label, double[][] scores, int step) {
    }

    private final Input in;

    public InductionFigure(Input in) {
        this.in = in;
    }

    /** What it draws. */
    public Input input() {
        return in;
    }

    @Override
    public String name() {
        return "induction-heads";
    }

    @Override
    public String title() {
        return Texts.format("induction.title.f", EngineNames.model(in.label()), in.step());
    }

    @Override
    public void draw(Graphics2D g, double w, double h, Style style) {
        Style.background(g, w, h);
        double y = style.title(g, title(), w);
        g.setFont(style.labelFont());
        g.setPaint(style.muted());
        FontMetrics fm = g.getFontMetrics();
        y = Style.wrapped(g, Texts.get("induction.how"),
                12, y + fm.getAscent(), w - 24, h) + 4;
        double[][] s = in.scores();
        int rows = s.length;
        int cols = s[0].length;
        g.setFont(style.labelFont());
        double labelW = fm.stringWidth(Texts.format("induction.block.f", 10)) + 16;
        double bar = Heatmap.colorBarWidth(g, style);
        double top = y + fm.getHeight() + 4;
        double cell = Math.min(140 * style.typeScale(), Math.min((w - 24 - labelW - bar - 16) / cols, (h - top - 12) / rows));
        double x0 = 12 + labelW;
        Heatmap.Grid grid = new Heatmap.Grid(x0, top, cell * cols, cell * rows, rows, cols);
        Heatmap.draw(g, grid, (r, c) -> ColorMap.VIRIDIS.at(s[r][c], 0, 1), style);
        int[] best = TakeApart.bestInductionHead(s);
        g.setFont(style.labelFont());
        FontMetrics lf = g.getFontMetrics();
        for (int r = 0; r < rows; r++) {
            g.setPaint(style.ink());
            Style.right(g, Texts.format("induction.block.f", r), x0 - 8, (grid.yAt(r) + grid.yAt(r + 1)) / 2 + lf.getAscent() / 2.0 - 2);
            for (int c = 0; c < cols; c++) {
                Color fill = ColorMap.VIRIDIS.at(s[r][c], 0, 1);
                g.setPaint(style.textOn(fill));
                String v = String.format("%.2f", s[r][c]);
                if (lf.stringWidth(v) + 4 < cell && lf.getHeight() < cell) {
                    Style.centered(g, v, (grid.xAt(c) + grid.xAt(c + 1)) / 2, (grid.yAt(r) + grid.yAt(r + 1)) / 2 + lf.getAscent() / 2.0 - 2);
                }
            }
        }
        for (int c = 0; c < cols; c++) {
            g.setPaint(style.ink());
            style.centeredShrunk(g, Texts.format("induction.head.f", c), (grid.xAt(c) + grid.xAt(c + 1)) / 2, top - 6, cell - 2);
        }
        g.setPaint(style.ink());
        g.setStroke(new BasicStroke(3f));
        g.draw(new Rectangle2D.Double(grid.xAt(best[1]) + 1.5, grid.yAt(best[0]) + 1.5, cell - 3, cell - 3));
        Heatmap.colorBar(g, grid.x() + grid.width() + 14, top, 14, Math.max(40, grid.height()), ColorMap.VIRIDIS, 0, 1, Texts.get("induction.score"), style);
    }

    @Override
    public Table table() {
        Table.Builder t = new Table.Builder("block", "head", "induction_score");
        for (int l = 0; l < in.scores().length; l++) {
            for (int h = 0; h < in.scores()[l].length; h++) {
                t.row(l, h, in.scores()[l][h]);
            }
        }
        return t.build();
    }
}
