package org.seqlab.app.figures;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.seqlab.app.text.Texts;

/**
 * What one encoder–decoder did with one source. With attention: the alignment, output symbol × source symbol, each
 * row the weights that output step put on the encoder's states (it sums to 1); the step being stepped through is
 * outlined. Without attention: the encoder's states e_1 … e_n (units × source position) and, beside them, the last
 * one, h₀ = e_n — the single vector the decoder starts from.
 */
public final class AlignmentFigure implements Figure {

    /**
     * @param weights  [output step][source position], ⟨/s⟩ last; empty without attention
     * @param states   the encoder's states [source position][unit]
     * @param context  e_n
     * @param highlight the output step to outline, −1 for none
     */
    public record Input(String id, String label, String source, String output, String reference, double[][] weights, double[][] states,
            double[] context, int highlight) {
    }

    static final int MAX_UNITS = 32;

    private final Input in;

    public AlignmentFigure(Input in) {
        this.in = in;
    }

    @Override
    public String name() {
        return in.weights().length > 0 ? "alignment" : "encoder-states";
    }

    @Override
    public String title() {
        return in.weights().length > 0 ? Texts.format("alignment.title.f", in.id()) : Texts.format("alignment.states.f", in.id());
    }

    @Override
    public void draw(Graphics2D g, double w, double h, Style style) {
        Style.background(g, w, h);
        double top = style.title(g, title(), w);
        g.setFont(style.labelFont());
        FontMetrics fm = g.getFontMetrics();
        g.setPaint(style.ink());
        String verdict = in.reference() == null ? "" : in.output().equals(in.reference()) ? Texts.get("alignment.exact") : Texts.format("alignment.reference.f", in.reference());
        style.shrunk(g, Texts.format("alignment.io.f", in.source(), in.output().isEmpty() ? Texts.get("alignment.nothing") : in.output()) + verdict, 12,
                top + fm.getAscent(), w - 24);
        top += fm.getHeight() + 8;
        if (in.weights().length > 0) {
            drawAlignment(g, w, h, top, style);
        } else {
            drawStates(g, w, h, top, style);
        }
    }

    private void drawAlignment(Graphics2D g, double w, double h, double top, Style style) {
        int rows = in.weights().length;
        int cols = in.source().length();
        g.setFont(style.monoFont());
        FontMetrics fm = g.getFontMetrics();
        double labelW = fm.stringWidth("⟨/s⟩") + 12;
        double bar = Heatmap.colorBarWidth(g, style) + 16;
        double cell = Math.min((w - labelW - bar - 24) / cols, (h - top - 2 * fm.getHeight() - 12) / rows);
        cell = Math.max(4, Math.min(cell, 48));
        Heatmap.Grid grid = new Heatmap.Grid(labelW + 12, top, cell * cols, cell * rows, rows, cols);
        Heatmap.draw(g, grid, (r, c) -> ColorMap.VIRIDIS.at(in.weights()[r][c]), style);
        Heatmap.characterAxis(g, grid, chars(in.source()), grid.y() + grid.height() + fm.getAscent() + 3, style);
        g.setFont(style.monoFont());
        g.setPaint(style.ink());
        int every = Math.max(1, (int) Math.ceil(fm.getHeight() / cell));
        for (int r = 0; r < rows; r += every) {
            String s = r < in.output().length() ? String.valueOf(in.output().charAt(r)) : "⟨/s⟩";
            Style.right(g, s, grid.x() - 6, grid.yAt(r) + cell / 2 + fm.getAscent() / 2.0 - 2);
        }
        if (in.highlight() >= 0 && in.highlight() < rows) {
            g.setPaint(java.awt.Color.RED);
            g.setStroke(Style.stroke(2.5));
            g.draw(new Rectangle2D.Double(grid.x() - 1, grid.yAt(in.highlight()) - 1, grid.width() + 2, cell + 2));
        }
        g.setFont(style.labelFont());
        g.setPaint(style.muted());
        style.centeredShrunk(g, Texts.get("alignment.x"), grid.x() + grid.width() / 2,
                grid.y() + grid.height() + fm.getHeight() + g.getFontMetrics().getAscent() + 4,
                Math.min(Math.max(grid.width(), 200), 2 * (grid.x() + grid.width() / 2) - 8));   // wider than the grid, not past the edge
        Heatmap.colorBar(g, grid.x() + grid.width() + 16, grid.y(), 14, Math.min(220, Math.max(60, grid.height())), ColorMap.VIRIDIS, 0, 1,
                Texts.get("heatmap.weight"), style);
    }

    private void drawStates(Graphics2D g, double w, double h, double top, Style style) {
        int cols = in.states().length;
        int units = Math.min(MAX_UNITS, in.context().length);
        double lo = 0;
        for (double[] s : in.states()) {
            for (int u = 0; u < units; u++) {
                lo = Math.max(lo, Math.abs(s[u]));
            }
        }
        double range = Math.max(1e-6, lo);
        g.setFont(style.monoFont());
        FontMetrics fm = g.getFontMetrics();
        double bar = Heatmap.colorBarWidth(g, style) + 16;
        double labelW = g.getFontMetrics(style.tickFont()).stringWidth(Texts.format("alignment.unit.f", 32)) + 16;
        double cell = Math.min((w - labelW - bar - 40) / (cols + 2), (h - top - 2 * fm.getHeight() - 16) / units);
        cell = Math.max(3, Math.min(cell, 40));
        Heatmap.Grid grid = new Heatmap.Grid(labelW, top, cell * cols, cell * units, units, cols);
        Heatmap.draw(g, grid, (r, c) -> ColorMap.DIVERGING.at(in.states()[c][r] / range / 2 + 0.5), style);
        Heatmap.characterAxis(g, grid, chars(in.source()), grid.y() + grid.height() + fm.getAscent() + 3, style);
        Heatmap.Grid last = new Heatmap.Grid(grid.x() + grid.width() + cell, top, cell, cell * units, units, 1);
        Heatmap.draw(g, last, (r, c) -> ColorMap.DIVERGING.at(in.context()[r] / range / 2 + 0.5), style);
        g.setPaint(java.awt.Color.RED);
        g.setStroke(Style.stroke(2.5));
        g.draw(new Rectangle2D.Double(last.x() - 1, last.y() - 1, last.width() + 2, last.height() + 2));
        g.setFont(style.tickFont());
        g.setPaint(style.ink());
        style.vertical(g, Texts.get("alignment.h0"), last.x() + last.width() + g.getFontMetrics().getAscent() + 4,
                top + last.height() / 2, last.height());
        g.setPaint(style.muted());
        style.vertical(g, units < in.context().length ? Texts.format("alignment.units.f", units, in.context().length) : Texts.get("alignment.units"), labelW - 8,
                top + grid.height() / 2, grid.height());
        Heatmap.colorBar(g, w - bar + 8, top, 14, Math.min(220, Math.max(60, grid.height())), ColorMap.DIVERGING, -range, range, Texts.get("alignment.state"), style);
    }

    private static List<String> chars(String s) {
        List<String> out = new ArrayList<>();
        for (char c : s.toCharArray()) {
            out.add(c == ' ' ? "␣" : String.valueOf(c));
        }
        return out;
    }

    @Override
    public Table table() {
        if (in.weights().length > 0) {
            List<String> cols = new ArrayList<>(List.of("output"));
            for (int j = 0; j < in.source().length(); j++) {
                cols.add("src" + j + " " + in.source().charAt(j));
            }
            Table.Builder tb = new Table.Builder(cols.toArray(String[]::new));
            for (int r = 0; r < in.weights().length; r++) {
                List<Object> row = new ArrayList<>();
                row.add(r < in.output().length() ? String.valueOf(in.output().charAt(r)) : "</s>");
                for (double v : in.weights()[r]) {
                    row.add(v);
                }
                tb.row(row.toArray());
            }
            return tb.build();
        }
        List<String> cols = new ArrayList<>(List.of("unit"));
        for (int j = 0; j < in.states().length; j++) {
            cols.add("e" + (j + 1));
        }
        Table.Builder tb = new Table.Builder(cols.toArray(String[]::new));
        for (int u = 0; u < in.context().length; u++) {
            List<Object> row = new ArrayList<>(List.of(u));
            for (double[] s : in.states()) {
                row.add(s[u]);
            }
            tb.row(row.toArray());
        }
        return tb.build();
    }
}
