package org.seqlab.app.figures;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.seqlab.app.text.EngineNames;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.sample.DecodingConfig;
import org.seqlab.engine.sample.Strategy;
import org.seqlab.engine.sample.StrategyComparison;

/**
 * Decoding strategies side by side on N continuations of one prompt: a table of how probable their output is
 * under the model (bits per token), how varied (distinct-1, distinct-2) and how repetitive (rep-4), and on a
 * synthetic source how far their distribution is from the true one. Below, the quality–diversity trade-off as a
 * scatter, and the distance to the truth as bars.
 */
public final class StrategiesFigure implements Figure {

    /** One colour per strategy row (Okabe–Ito, the model colours' complement). */
    static final Color[] COLORS = {new Color(0x1f2328), new Color(0x56B4E9), new Color(0x009E73), new Color(0xE69F00), new Color(0xCC79A7),
        new Color(0x0072B2)};

    /** @param vocab the vocabulary's size: with a small one (a grammar, pixels) distinct-2 saturates, so the scatter shows unique continuations */
    public record Input(String runLabel, String prompt, int length, List<StrategyComparison.Row> rows, boolean truth, int trainingStep,
            int vocab) {

        boolean smallVocabulary() {
            return vocab <= 20;
        }
    }

    private final Input in;

    /** The strategies compared, around one temperature, k, p and beam width. */
    public static List<DecodingConfig> strategies(double t, int k, double p, int width, long seed) {
        return List.of(DecodingConfig.of(Strategy.GREEDY), new DecodingConfig(Strategy.SAMPLE, t, k, p, width, seed),
                new DecodingConfig(Strategy.TOP_K, t, k, p, width, seed), new DecodingConfig(Strategy.TOP_P, t, k, p, width, seed),
                new DecodingConfig(Strategy.BEAM, 1, k, p, width, seed));
    }

    public StrategiesFigure(Input in) {
        this.in = in;
    }

    @Override
    public String name() {
        return "decoding-strategies";
    }

    @Override
    public String title() {
        // a long prompt (a digit's first half is 98 pixels) by its end, which is what the continuations follow
        String prompt = SamplesFigure.visible(in.prompt());
        if (prompt.length() > 16) {   // beside the reader, presenting, a title has three short lines
            prompt = "…" + prompt.substring(prompt.length() - 15);
        }
        return Texts.format("strategies.title.f", EngineNames.model(in.runLabel()), in.length(),
                prompt, in.trainingStep());
    }

    private static final String[] HEAD = {"strategy", "n", "bits/token", "distinct-1", "distinct-2", "rep-4", "unique", "TV to truth",
        "impossible", "first continuation"};

    /** A column's head as drawn, in the interface's words (the technical ones, n-gram measures and TV, stay). */
    private static String head(int c) {
        return Texts.orElse("strategies.col." + HEAD[c].replace(' ', '_'), HEAD[c]);
    }

    @Override
    public void draw(Graphics2D g, double w, double h, Style style) {
        Style.background(g, w, h);
        double y = style.title(g, title(), w) + 4;
        if (style.tooLow(g, w, h, 200)) {   // a table of five strategies and their continuations
            return;
        }
        if (in.rows().isEmpty()) {
            style.centeredNote(g, Texts.get("note.nothingCompared"), w, h);
            return;
        }
        g.setFont(style.labelFont());
        FontMetrics fm = g.getFontMetrics();
        List<String[]> rows = new ArrayList<>();
        for (StrategyComparison.Row r : in.rows()) {
            rows.add(new String[] {r.strategy(), String.valueOf(r.samples()), fixed(r.bitsPerToken()), fixed(r.distinct1()),
                fixed(r.distinct2()), fixed(r.repetition()), fixed(r.unique()), fixed(r.tv()),
                Double.isNaN(r.impossible()) ? "–" : String.format(Texts.locale(), "%.1f%%", 100 * r.impossible()),
                r.examples().isEmpty() ? "" : SamplesFigure.visible(r.examples().get(0))});
        }
        // columns as wide as their contents; where the figure is narrower, the least telling go first (the example,
        // then unique, rep-4, distinct-1 and n, then distinct-2, TV and bits/token); the table export keeps them all
        List<Integer> shown = new ArrayList<>();
        for (int c = 0; c < HEAD.length; c++) {
            if (in.truth() || c != 7 && c != 8) {
                shown.add(c);
            }
        }
        double[] widths = new double[HEAD.length];
        for (int c : shown) {
            g.setFont(style.labelFont().deriveFont(Font.BOLD));
            widths[c] = g.getFontMetrics().stringWidth(head(c)) + 18 * style.typeScale();
            g.setFont(c == 9 ? style.monoFont() : style.labelFont());
            for (String[] r : rows) {
                widths[c] = Math.max(widths[c], g.getFontMetrics().stringWidth(r[c]) + (c == 0 ? 16 : 0) + 18 * style.typeScale());
            }
        }
        for (int drop : new int[] {9, 6, 5, 3, 1, 4, 7, 2}) {
            if (shown.stream().mapToDouble(c -> widths[c]).sum() <= w - 24) {
                break;
            }
            shown.remove(Integer.valueOf(drop));
        }
        double x0 = 12;
        double rowH = fm.getHeight() + 8;
        double x = x0;
        g.setFont(style.labelFont().deriveFont(Font.BOLD));
        for (int c : shown) {
            g.setPaint(style.ink());
            Style.text(g, head(c), x, y + fm.getAscent());
            x += widths[c];
        }
        y += rowH;
        g.setPaint(style.grid());
        Style.line(g, x0, y - 4, w - 12, y - 4);
        for (int i = 0; i < rows.size(); i++) {
            String[] cells = rows.get(i);
            x = x0;
            for (int c : shown) {
                g.setFont(c == 9 ? style.monoFont() : style.labelFont());
                g.setPaint(c == 0 ? COLORS[i % COLORS.length] : style.ink());
                if (c == 0) {
                    g.fill(new Ellipse2D.Double(x, y + fm.getAscent() / 2.0 - 5, 10, 10));
                    g.setPaint(style.ink());
                    Style.text(g, cells[c], x + 16, y + fm.getAscent());
                } else {
                    Style.text(g, cells[c], x, y + fm.getAscent());
                }
                x += widths[c];
            }
            y += rowH;
        }
        g.setFont(style.labelFont());
        g.setPaint(style.muted());
        y = Style.wrapped(g, Texts.get("strategies.notes"),
                x0, y + fm.getAscent(), w - 24, h) - fm.getAscent();
        if (in.truth()) {
            y = Style.wrapped(g, Texts.format("strategies.tv.f", StrategyComparison.HEAD),
                    x0, y + fm.getAscent(), w - 24, h) - fm.getAscent();
        }
        y += 16;
        double left = 78 * style.typeScale();
        double bottom = h - 2 * fm.getHeight() - 12;
        double plotW = in.truth() ? (w - left - 24) * 0.56 : w - left - 24;
        if (bottom - y < 60 * style.typeScale()) {
            return;   // no room for the plots under the table: the table says it in numbers
        }
        scatter(g, new Rectangle2D.Double(left, y, plotW, bottom - y), style);
        if (in.truth()) {
            double bx = left + plotW + 100 * style.typeScale();
            tvBars(g, new Rectangle2D.Double(bx, y, w - bx - 24, bottom - y), style);
        }
    }

    private static String fixed(double v) {
        return Double.isNaN(v) ? "–" : String.format(Texts.locale(), "%.3f", v);
    }

    private void scatter(Graphics2D g, Rectangle2D.Double r, Style style) {
        double xmin = Double.POSITIVE_INFINITY;
        double xmax = 0;
        for (StrategyComparison.Row row : in.rows()) {
            xmin = Math.min(xmin, row.bitsPerToken());
            xmax = Math.max(xmax, row.bitsPerToken());
        }
        double pad = Math.max(0.1, (xmax - xmin) * 0.15);
        Plot p = new Plot(r.x, r.y, r.width, r.height, Math.max(0, xmin - pad), xmax + pad, 0, 1, false);
        p.drawAxes(g, Texts.get("strategies.x"),
                Texts.get(in.smallVocabulary() ? "strategies.y.unique" : "strategies.y.distinct"), true, style);
        g.setFont(style.labelFont());
        FontMetrics fm = g.getFontMetrics();
        List<Rectangle2D> placed = new ArrayList<>();
        for (int i = 0; i < in.rows().size(); i++) {
            StrategyComparison.Row row = in.rows().get(i);
            double variety = in.smallVocabulary() ? row.unique() : row.distinct2();
            if (Double.isNaN(variety)) {
                continue;
            }
            double cx = p.px(row.bitsPerToken());
            double cy = p.py(variety);
            g.setPaint(COLORS[i % COLORS.length]);
            g.fill(new Ellipse2D.Double(cx - 7, cy - 7, 14, 14));
            g.setPaint(style.ink());
            double tw = fm.stringWidth(row.strategy());
            // points close together: the label goes right of its point, or left, or a line or two above or below, the
            // first place clear of the others and inside the plot; with no such place it is left out (the point's colour
            // names it in the table above)
            Rectangle2D box = null;
            double base = cy + fm.getAscent() / 2.0 - 2;
            search:
            for (int line : new int[] {0, 1, -1, 2, -2}) {
                for (double lx : new double[] {cx + 12, cx - 12 - tw}) {
                    Rectangle2D.Double b = new Rectangle2D.Double(lx, base + line * fm.getHeight() - fm.getAscent(), tw, fm.getHeight());
                    if (b.x >= p.left() + 2 && b.getMaxX() <= p.right() - 2 && b.y >= p.top() + 2 && b.getMaxY() <= p.bottom() - 2
                            && placed.stream().noneMatch(b::intersects)) {
                        box = b;
                        break search;
                    }
                }
            }
            if (box == null) {
                continue;
            }
            placed.add(box);
            double lx = box.getX();
            double ly = box.getY() + fm.getAscent();
            Style.text(g, row.strategy(), lx, ly);
        }
    }

    private void tvBars(Graphics2D g, Rectangle2D.Double r, Style style) {
        double max = 0;
        for (StrategyComparison.Row row : in.rows()) {
            max = Math.max(max, Double.isNaN(row.tv()) ? 0 : row.tv());
        }
        int n = in.rows().size();
        Plot p = new Plot(r.x, r.y, r.width, r.height, -0.5, n - 0.5, 0, Math.min(1, Plot.niceCeiling(Math.max(max, 0.05))), false);
        p.drawAxes(g, null, Texts.get("strategies.tvAxis"), false, style);
        double slot = r.width / n;
        g.setFont(style.tickFont());
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < n; i++) {
            StrategyComparison.Row row = in.rows().get(i);
            double cx = p.px(i);
            if (!Double.isNaN(row.tv())) {
                double y = p.py(row.tv());
                g.setPaint(COLORS[i % COLORS.length]);
                g.fill(new Rectangle2D.Double(cx - slot * 0.3, y, slot * 0.6, p.bottom() - y));
                g.setPaint(style.ink());
                String v = String.format("%.2f", row.tv());
                if (fm.stringWidth(v) < slot - 2) {   // too narrow a slot: the table above has the number
                    Style.centered(g, v, cx, Math.max(p.top() + fm.getAscent(), y - 4));
                }
            }
            g.setPaint(style.ink());
            String name = row.strategy().split(" ")[0];
            if (fm.stringWidth(name) < slot - 2) {
                Style.centered(g, name, cx, p.bottom() + fm.getAscent() + 4);
            }
        }
    }

    @Override
    public Table table() {
        Table.Builder tb = new Table.Builder("strategy", "samples", "bits_per_token", "distinct_1", "distinct_2", "repetition_4", "unique",
                "total_variation", "impossible", "examples");
        for (StrategyComparison.Row r : in.rows()) {
            tb.row(r.strategy(), r.samples(), r.bitsPerToken(), r.distinct1(), r.distinct2(), r.repetition(), r.unique(), r.tv(), r.impossible(),
                    String.join(" | ", r.examples()));
        }
        return tb.build();
    }
}
