package org.seqlab.app.figures;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.util.Arrays;
import java.util.List;
import org.seqlab.app.text.EngineNames;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.inspect.TakeApart;

/**
 * The logit lens: what a Transformer would predict if it stopped early. Row l reads the residual stream before block l
 * (row 0: the embeddings alone; the last row: the model's own output) through the final LayerNorm and the output
 * layer; each cell's colour is the probability it gives the true next symbol, its letter the symbol it would guess.
 */
public final class LogitLensFigure implements Figure {

    /** What is drawn. */
    public record Input(String label, TakeApart.Lens lens, int step) {
    }

    private final Input in;

    public LogitLensFigure(Input in) {
        this.in = in;
    }

    /** What it draws. */
    public Input input() {
        return in;
    }

    @Override
    public String name() {
        return "logit-lens";
    }

    @Override
    public String title() {
        return Texts.format("lens.title.f", EngineNames.model(in.label()), in.step());
    }

    /** "embeddings", "after block 0", …, "output" (blocks count from 0, as the attention views and the lessons do). */
    static String stage(int l, int stages) {
        return l == 0 ? "embeddings" : l == stages - 1 ? "output" : "after block " + (l - 1);
    }

    /** The same, as drawn: in the interface's words (the CSV keeps the English above). */
    static String shownStage(int l, int stages) {
        return l == 0 ? Texts.get("lens.embeddings") : l == stages - 1 ? Texts.get("lens.output") : Texts.format("lens.after.f", l - 1);
    }

    @Override
    public void draw(Graphics2D g, double w, double h, Style style) {
        Style.background(g, w, h);
        double y = style.title(g, title(), w);
        g.setFont(style.labelFont());
        g.setPaint(style.muted());
        FontMetrics fm = g.getFontMetrics();
        y = Style.wrapped(g, Texts.get("lens.how"), 12, y + fm.getAscent(), w - 24, h) + 2;
        double[][] bits = in.lens().bits();
        String[][] top = in.lens().top();
        List<String> text = in.lens().text();
        int rows = bits.length;
        int cols = bits[0].length;
        double labelW = Math.max(fm.stringWidth(Texts.format("lens.after.f", 10)), fm.stringWidth(Texts.get("lens.embeddings"))) + 14;
        g.setFont(style.tickFont());
        double meanW = g.getFontMetrics().stringWidth(Texts.format("lens.bits.f", 0.0)) + 16;
        double bar = Heatmap.colorBarWidth(g, style);
        g.setFont(style.monoFont());
        FontMetrics mf = g.getFontMetrics();
        g.setFont(style.tickFont());
        double axis = mf.getHeight() + g.getFontMetrics().getHeight() + 12;   // the symbols, then "true next symbol"
        g.setFont(style.monoFont());
        double gridTop = y + 4;
        double gridW = w - 12 - labelW - meanW - bar - 12;
        double rowH = Math.min(90 * style.typeScale(), (h - gridTop - axis - 8) / rows);
        Heatmap.Grid grid = new Heatmap.Grid(12 + labelW, gridTop, gridW, rowH * rows, rows, cols);
        Heatmap.draw(g, grid, (r, c) -> ColorMap.VIRIDIS.at(Math.pow(2, -bits[r][c]), 0, 1), style);
        boolean letters = grid.cellWidth() >= mf.stringWidth("m") + 2 && rowH >= mf.getHeight();
        for (int r = 0; r < rows; r++) {
            double cy = (grid.yAt(r) + grid.yAt(r + 1)) / 2;
            if (letters) {
                g.setFont(style.monoFont());
                for (int c = 0; c < cols; c++) {
                    g.setPaint(style.textOn(ColorMap.VIRIDIS.at(Math.pow(2, -bits[r][c]), 0, 1)));
                    Style.centered(g, SamplesFigure.visible(top[r][c]), (grid.xAt(c) + grid.xAt(c + 1)) / 2, cy + mf.getAscent() / 2.0 - 2);
                }
            }
            if (rowH < fm.getHeight() - 2) {
                continue;   // rows lower than a line: their labels would lie on each other (the CSV has every row)
            }
            g.setFont(style.labelFont());
            g.setPaint(style.ink());
            Style.right(g, shownStage(r, rows), grid.x() - 8, cy + fm.getAscent() / 2.0 - 2);
            double mean = Arrays.stream(bits[r]).average().orElse(Double.NaN);
            g.setFont(style.tickFont());
            g.setPaint(style.muted());
            Style.text(g, Texts.format("lens.bits.f", mean), grid.x() + grid.width() + 8, cy + g.getFontMetrics().getAscent() / 2.0 - 2);
        }
        // the true next symbols under their columns
        Heatmap.characterAxis(g, grid, text.subList(1, text.size()).stream().map(SamplesFigure::visible).toList(),
                grid.y() + grid.height() + mf.getAscent() + 4, style);
        g.setFont(style.tickFont());
        g.setPaint(style.muted());
        Style.text(g, Texts.get("lens.trueNext"), grid.x(), grid.y() + grid.height() + mf.getHeight() + g.getFontMetrics().getAscent() + 6);
        Heatmap.colorBar(g, grid.x() + grid.width() + meanW, gridTop, 14, Math.max(40, grid.height()), ColorMap.VIRIDIS, 0, 1,
                Texts.get("lens.pTrue"), style);
    }

    @Override
    public Table table() {
        Table.Builder t = new Table.Builder("stage", "position", "next_symbol", "p_next", "bits_next", "top_guess");
        double[][] bits = in.lens().bits();
        for (int l = 0; l < bits.length; l++) {
            for (int p = 0; p < bits[l].length; p++) {
                t.row(stage(l, bits.length), p, in.lens().text().get(p + 1), Math.pow(2, -bits[l][p]), bits[l][p], in.lens().top()[l][p]);
            }
        }
        return t.build();
    }
}
