package org.seqlab.app.figures;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.QuadCurve2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.seqlab.app.text.EngineNames;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.model.Probe;
import org.seqlab.engine.model.Trace;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;
import org.seqlab.engine.train.TrainingSnapshot;

/**
 * The attention weights a Transformer just computed on the inspected text: every layer and head as small
 * multiples (query t down, key j across; the upper triangle is the masked future, exactly 0). Click a map to
 * enlarge it; there, hovering a query (a row, or a character in the strip below) draws its weights as links
 * over the text and highlights the keys it attends to. Click again to go back.
 */
public final class AttentionFigure implements Figure {

    /** Which map is enlarged. */
    public record Selection(int layer, int head) { }

    private static final double STRIP_BOX = 26;
    private static final double ARC_SPACE = 90;

    private final String runLabel;
    private final Trace trace;
    private final List<String> labels;
    final int layers;
    final int heads;
    private final int step;
    final int steps;
    final Selection selection;
    private final int hoverQuery;

    public AttentionFigure(String runLabel, Trace trace, List<String> labels, int layers, int heads, int step, Selection selection) {
        this(runLabel, trace, labels, layers, heads, step, selection, -1);
    }

    private AttentionFigure(String runLabel, Trace trace, List<String> labels, int layers, int heads, int step, Selection selection,
            int hoverQuery) {
        this.runLabel = runLabel;
        this.trace = trace;
        this.labels = labels;
        this.layers = layers;
        this.heads = heads;
        this.step = step;
        this.selection = selection;
        this.hoverQuery = hoverQuery;
        this.steps = trace.get(Probe.weights(0, 0)).rows();
    }

    public Selection selection() {
        return selection;
    }

    Trace.Array weights(int layer, int head) {
        return trace.get(Probe.weights(layer, head));
    }

    /** Every map of Transformer {@code r}, with {@code selection} enlarged when the model has that block and head. */
    public static Figure of(TrainingSnapshot s, RunSnapshot r, Selection selection) {
        return Traced.of("attention", Texts.get("view.attention"), s, r, Texts.get("attention.empty"), (in, t) -> new AttentionFigure(
                EngineNames.model(r.label()), t, in.labels(), r.config().model().layers(), r.config().model().heads(), in.step(), selection != null
                && selection.layer() < r.config().model().layers() && selection.head() < r.config().model().heads() ? selection : null));
    }

    @Override
    public String name() {
        return "attention";
    }

    @Override
    public String title() {
        return selection == null
                ? Texts.format("attention.title.f", runLabel, step)
                : Texts.format("attention.title.one.f", runLabel, selection.layer(), selection.head(), step);
    }

    private double top(Graphics2D g, double w, Style style) {
        return style.titleBottom(g, title(), w) + 4;
    }

    /** The square of map (layer, head). */
    Rectangle2D.Double cell(Graphics2D g, double w, double h, int layer, int head, Style style) {
        double top = top(g, w, style);
        g.setFont(style.labelFont());
        double label = g.getFontMetrics().getHeight() + 2;
        double right = Heatmap.colorBarWidth(g, style) + 16;
        double gap = 14;
        double bottom = 2 * g.getFontMetrics().getHeight() + 8;   // the caption: how to read a map, and the input
        // the small multiples reflow: as many per row as makes them largest in this box (one row on a wide screen)
        int n = layers * heads;
        int bestCols = heads;
        double size = 0;
        for (int cols = 1; cols <= n; cols++) {
            int rows = (n + cols - 1) / cols;
            double s = Math.min((w - 20 - right - gap * (cols - 1)) / cols, (h - top - bottom - (label + gap) * rows) / rows);
            if (s > size) {
                size = s;
                bestCols = cols;
            }
        }
        size = Math.max(16, size);
        int k = layer * heads + head;
        double x = 14 + (k % bestCols) * (size + gap);
        double y = top + label + (k / bestCols) * (size + label + gap);
        return new Rectangle2D.Double(x, y, size, size);
    }

    Heatmap.Grid bigGrid(Graphics2D g, double w, double h, Style style) {
        double top = top(g, w, style);
        g.setFont(style.monoFont());
        double labelW = g.getFontMetrics().stringWidth("W") + 26;
        double available = h - top - stripHeight(g, style) - 24;
        double size = Math.max(40, Math.min(available, w - labelW - Heatmap.colorBarWidth(g, style) - 40));
        return new Heatmap.Grid(labelW + 10, top, size, size, steps, steps);
    }

    private double stripHeight(Graphics2D g, Style style) {
        g.setFont(style.monoFont());
        return ARC_SPACE + STRIP_BOX + g.getFontMetrics().getHeight() + 8;
    }

    /** Box of character t in the strip. */
    private Rectangle2D.Double box(Graphics2D g, double w, double h, int t) {
        double bw = Math.min(STRIP_BOX, (w - 28) / steps);
        double y = h - STRIP_BOX - 12;
        return new Rectangle2D.Double(14 + t * bw, y, bw, STRIP_BOX);
    }

    @Override
    public void draw(Graphics2D g, double w, double h, Style style) {
        Style.background(g, w, h);
        style.title(g, title(), w);
        if (selection == null) {
            drawGrid(g, w, h, style);
        } else {
            drawEnlarged(g, w, h, style);
        }
    }

    private void drawGrid(Graphics2D g, double w, double h, Style style) {
        Rectangle2D.Double last = null;
        double rightmost = 0;
        for (int l = 0; l < layers; l++) {
            for (int hd = 0; hd < heads; hd++) {
                Rectangle2D.Double r = cell(g, w, h, l, hd, style);
                Heatmap.Grid grid = new Heatmap.Grid(r.x, r.y, r.width, r.height, steps, steps);
                drawMap(g, grid, weights(l, hd), style);
                g.setFont(style.labelFont());
                g.setPaint(style.ink());
                String label = Texts.format("attention.map.f", l, hd);   // else the short one (small maps, large type)
                label = g.getFontMetrics().stringWidth(label) <= r.width + 10 ? label : Texts.format("attention.map.short.f", l, hd);
                style.shrunk(g, label, r.x, r.y - 5, r.width + 10);   // left out, never cut to "B…", on maps too small for it
                last = r;
                rightmost = Math.max(rightmost, r.x + r.width);
            }
        }
        if (last != null) {
            Rectangle2D.Double first = cell(g, w, h, 0, 0, style);
            Heatmap.colorBar(g, rightmost + 16, first.y, 14, Math.min(220, last.y + last.height - first.y),
                    ColorMap.VIRIDIS, 0, 1, Texts.get("heatmap.weight"), style);
            // how to read a map, and what it was computed on: an exported figure stands on its own
            g.setFont(style.labelFont());
            g.setPaint(style.muted());
            double line = g.getFontMetrics().getHeight();
            double y = last.y + last.height + 6 + g.getFontMetrics().getAscent();
            String how = Texts.get("attention.how");
            style.shrunk(g, g.getFontMetrics().stringWidth(how) <= w - 28 ? how : Texts.get("attention.how.short"), 14, y, w - 28);
            // the input's end is what the last rows read: a long one loses its start, as the token strips do
            style.shrunk(g, Style.endFitting(g, Texts.get("attention.input"), String.join("", labels).replace('\n', '⏎'), w - 28), 14, y + line, w - 28);
        }
    }

    /** Rows are queries, columns keys: cell (t, j) is weights[t][j]. */
    private static void drawMap(Graphics2D g, Heatmap.Grid grid, Trace.Array a, Style style) {
        Heatmap.draw(g, grid, (t, j) -> j > t ? FUTURE : ColorMap.VIRIDIS.at(a.get(t, j)), style);
    }

    /** The masked keys after the query: no weight, drawn as blank paper. */
    private static final Color FUTURE = new Color(0xf6f8fa);

    private void drawEnlarged(Graphics2D g, double w, double h, Style style) {
        Heatmap.Grid grid = bigGrid(g, w, h, style);
        Trace.Array a = weights(selection.layer(), selection.head());
        drawMap(g, grid, a, style);
        g.setFont(style.monoFont());
        FontMetrics fm = g.getFontMetrics();
        int every = Math.max(1, (int) Math.ceil(fm.getHeight() / (grid.height() / steps)));
        g.setPaint(style.ink());
        for (int t = 0; t < steps; t += every) {
            double cy = (grid.yAt(t) + grid.yAt(t + 1)) / 2 + fm.getAscent() / 2.0 - 2;
            Style.right(g, labels.get(t), grid.x() - 6, cy);
        }
        Heatmap.characterAxis(g, grid, labels, grid.y() + grid.height() + fm.getAscent() + 3, style);
        g.setFont(style.tickFont());
        g.setPaint(style.muted());
        style.vertical(g, Texts.get("attention.y"), grid.x() - fm.stringWidth("W") - 16, grid.y() + grid.height() / 2, grid.height());
        Style.text(g, Texts.get("attention.x"), grid.x() + grid.width() + 8, grid.y() + grid.height() + fm.getAscent() + 3);
        Heatmap.colorBar(g, grid.x() + grid.width() + 16, grid.y(), 14, Math.min(220, grid.height()), ColorMap.VIRIDIS, 0, 1, Texts.get("heatmap.weight"), style);
        if (hoverQuery >= 0) {
            g.setPaint(Style.run("B"));
            g.setStroke(Style.stroke(2));
            g.draw(new Rectangle2D.Double(grid.x(), grid.yAt(hoverQuery), grid.width(), grid.yAt(hoverQuery + 1) - grid.yAt(hoverQuery)));
        }
        drawStrip(g, w, h, a, style);
    }

    /** The text, and for the hovered query its weights as links: thicker and darker for more weight. */
    private void drawStrip(Graphics2D g, double w, double h, Trace.Array a, Style style) {
        g.setFont(style.monoFont());
        FontMetrics fm = g.getFontMetrics();
        Color link = Style.run("B");
        for (int t = 0; t < steps; t++) {
            Rectangle2D.Double b = box(g, w, h, t);
            double weight = hoverQuery >= 0 && t <= hoverQuery ? a.get(hoverQuery, t) : 0;
            g.setPaint(weight > 0 ? new Color(link.getRed(), link.getGreen(), link.getBlue(), (int) Math.round(40 + 200 * weight)) : FUTURE);
            g.fill(b);
            g.setPaint(t == hoverQuery ? style.ink() : style.grid());
            g.setStroke(Style.stroke(t == hoverQuery ? 2 : 1));
            g.draw(b);
            g.setPaint(style.ink());
            if (b.width >= fm.stringWidth("W")) {
                Style.centered(g, labels.get(t), b.getCenterX(), b.y + b.height / 2 + fm.getAscent() / 2.0 - 2);
            }
        }
        if (hoverQuery < 0) {
            g.setFont(style.labelFont());
            g.setPaint(style.muted());
            Rectangle2D.Double b0 = box(g, w, h, 0);
            Style.text(g, Texts.get("attention.hover"), b0.x, b0.y - 12);
            return;
        }
        Rectangle2D.Double q = box(g, w, h, hoverQuery);
        for (int j = 0; j <= hoverQuery; j++) {
            double weight = a.get(hoverQuery, j);
            if (weight < 0.02) {
                continue;
            }
            Rectangle2D.Double k = box(g, w, h, j);
            double lift = Math.min(ARC_SPACE - 6, 14 + Math.abs(q.getCenterX() - k.getCenterX()) * 0.35);
            g.setPaint(new Color(link.getRed(), link.getGreen(), link.getBlue(), (int) Math.round(70 + 185 * weight)));
            g.setStroke(Style.stroke(1 + 6 * weight));
            g.draw(new QuadCurve2D.Double(q.getCenterX(), q.y, (q.getCenterX() + k.getCenterX()) / 2, q.y - lift * 2, k.getCenterX(), k.y));
        }
    }

    @Override
    public String describe(double x, double y, double w, double h, Style style) {
        Graphics2D g = Measure.graphics();
        if (selection == null) {
            for (int l = 0; l < layers; l++) {
                for (int hd = 0; hd < heads; hd++) {
                    Rectangle2D.Double r = cell(g, w, h, l, hd, style);
                    if (r.contains(x, y)) {
                        Heatmap.Grid grid = new Heatmap.Grid(r.x, r.y, r.width, r.height, steps, steps);
                        int t = grid.row(y);
                        int j = grid.col(x);
                        return Texts.format("attention.cell.one.f", l, hd, t, labels.get(t), j,
                                labels.get(j), weights(l, hd).get(t, j));
                    }
                }
            }
            return null;
        }
        Heatmap.Grid grid = bigGrid(g, w, h, style);
        int t = grid.row(y);
        int j = grid.col(x);
        if (t >= 0 && j >= 0) {
            return Texts.format("attention.cell.f", t, labels.get(t), j, labels.get(j),
                    weights(selection.layer(), selection.head()).get(t, j), j > t ? Texts.get("attention.masked") : "");
        }
        int q = stripIndex(g, w, h, x, y);
        return q >= 0 ? Texts.format("attention.query.f", q, labels.get(q)) : null;
    }

    private int stripIndex(Graphics2D g, double w, double h, double x, double y) {
        for (int t = 0; t < steps; t++) {
            if (box(g, w, h, t).contains(x, y)) {
                return t;
            }
        }
        return -1;
    }

    @Override
    public Figure hover(double x, double y, double w, double h, Style style) {
        if (selection == null) {
            return this;
        }
        Graphics2D g = Measure.graphics();
        int q = bigGrid(g, w, h, style).row(y);
        if (q < 0) {
            q = stripIndex(g, w, h, x, y);
        }
        if (q < 0 || q == hoverQuery) {
            return this; // off the map and the strip, the last query's links stay
        }
        return new AttentionFigure(runLabel, trace, labels, layers, heads, step, selection, q);
    }

    public int hoverQuery() {
        return hoverQuery;
    }

    @Override
    public Figure click(double x, double y, double w, double h, Style style) {
        Graphics2D g = Measure.graphics();
        if (selection == null) {
            for (int l = 0; l < layers; l++) {
                for (int hd = 0; hd < heads; hd++) {
                    if (cell(g, w, h, l, hd, style).contains(x, y)) {
                        return new AttentionFigure(runLabel, trace, labels, layers, heads, step, new Selection(l, hd));
                    }
                }
            }
            return this;
        }
        Heatmap.Grid grid = bigGrid(g, w, h, style);
        if (grid.row(y) >= 0 && grid.col(x) >= 0 || stripIndex(g, w, h, x, y) >= 0) {
            return this; // clicks on the map or the text keep it open
        }
        return new AttentionFigure(runLabel, trace, labels, layers, heads, step, null);
    }

    @Override
    public Table table() {
        Table.Builder tb = new Table.Builder("block", "head", "query", "query_char", "key", "key_char", "weight");
        for (int l = 0; l < layers; l++) {
            for (int hd = 0; hd < heads; hd++) {
                if (selection != null && (selection.layer() != l || selection.head() != hd)) {
                    continue;
                }
                Trace.Array a = weights(l, hd);
                for (int t = 0; t < steps; t++) {
                    for (int j = 0; j <= t; j++) {
                        tb.row(l, hd, t, labels.get(t), j, labels.get(j), a.get(t, j));
                    }
                }
            }
        }
        return tb.build();
    }
}
