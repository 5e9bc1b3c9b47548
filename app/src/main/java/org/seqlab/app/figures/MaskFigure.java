package org.seqlab.app.figures;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.seqlab.app.text.EngineNames;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.model.Probe;
import org.seqlab.engine.model.Trace;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;
import org.seqlab.engine.train.TrainingSnapshot;

/**
 * Causal masking in three matrices for one layer and head: the mask M itself (0 where query t may read key
 * j ≤ t, −∞ above the diagonal), the scaled scores plus M as they enter the softmax, and the softmax that
 * comes out, where every −∞ became exactly 0.
 */
public final class MaskFigure implements Figure {

    private static final Color MINUS_INFINITY = new Color(0x32383f);

    private final String runLabel;
    private final Trace trace;
    private final List<String> labels;
    private final int layer;
    private final int head;
    private final int step;
    private final int steps;

    public MaskFigure(String runLabel, Trace trace, List<String> labels, int layer, int head, int step) {
        this.runLabel = runLabel;
        this.trace = trace;
        this.labels = labels;
        this.layer = layer;
        this.head = head;
        this.step = step;
        this.steps = trace.get(key(Probe.Stage.MASKED_SCORES)).rows();
    }

    private Probe key(Probe.Stage stage) {
        return new Probe.Attention(stage, layer, head);
    }

    /** Head {@code head} of block {@code layer} of Transformer {@code r}, under its mask. */
    public static Figure of(TrainingSnapshot s, RunSnapshot r, int layer, int head) {
        return Traced.of("causal-mask", Texts.get("view.mask"), s, r, Texts.get("attention.empty"),
                (in, t) -> new MaskFigure(EngineNames.model(r.label()), t, in.labels(), layer, head, in.step()));
    }

    @Override
    public String name() {
        return "causal-mask";
    }

    @Override
    public String title() {
        return Texts.format("mask.title.f", runLabel, layer, head, step);
    }

    /**
     * Panel {@code panel}'s map: the first n positions, as many as leave every row a line of type to be labelled (row t
     * reads keys j ≤ t only, so those rows are complete: nothing to the right was left out).
     */
    Heatmap.Grid grid(Graphics2D g, double w, double h, int panel, Style style) {
        double top = style.titleBottom(g, title(), w) + 4;
        g.setFont(style.labelFont());
        double line = g.getFontMetrics().getHeight();
        top += line * 2 + 6;   // the panel's caption, in two lines at most
        g.setFont(style.monoFont());
        FontMetrics fm = g.getFontMetrics();
        double labelW = fm.stringWidth("W") + 12;
        double gap = 24;
        double bar = Heatmap.colorBarWidth(g, style);
        double below = fm.getHeight() + 8 + line + 6;   // the key labels, and the line that says how many positions are shown
        // as wide as a third of the figure allows and as tall as its height does (cells need not be square): the rows
        // are what must be read, one labelled line each
        double size = Math.max(30, (w - 3 * labelW - 2 * gap - 2 * bar - 8) / 3);
        double tall = Math.max(30, Math.min(h - top - below, size * 1.5));
        int n = Math.max(2, Math.min(steps, (int) (tall / (fm.getHeight() + 2))));
        double x = labelW + panel * (size + labelW + gap) + Math.max(0, panel - 1) * bar;
        return new Heatmap.Grid(x, top, size, tall, n, n);
    }

    private double symmetric(int n) {
        Trace.Array m = trace.get(key(Probe.Stage.MASKED_SCORES));
        double max = 1e-6;
        for (int t = 0; t < n; t++) {
            for (int j = 0; j <= t; j++) {
                max = Math.max(max, Math.abs(m.get(t, j)));
            }
        }
        return max;
    }

    @Override
    public void draw(Graphics2D g, double w, double h, Style style) {
        Style.background(g, w, h);
        style.title(g, title(), w);
        String[] titles = {Texts.get("mask.panel.mask"), Texts.get("mask.panel.scores"), Texts.get("mask.panel.softmax")};
        int n = grid(g, w, h, 0, style).rows();
        double range = symmetric(n);
        Trace.Array masked = trace.get(key(Probe.Stage.MASKED_SCORES));
        Trace.Array att = trace.get(key(Probe.Stage.WEIGHTS));
        Heatmap.Grid grid = null;
        for (int p = 0; p < 3; p++) {
            grid = grid(g, w, h, p, style);
            g.setFont(style.labelFont());
            g.setPaint(style.ink());
            FontMetrics lf = g.getFontMetrics();
            // the caption over its map, in at most two lines of the map's width and its labels'
            List<String> caption = Style.lines(g, titles[p], grid.width() + 40);
            double cy = grid.y() - 6 - lf.getDescent() - (Math.min(2, caption.size()) - 1) * lf.getHeight();
            for (int i = 0; i < Math.min(2, caption.size()); i++) {
                style.shrunk(g, caption.get(i), grid.x() - 8, cy + i * lf.getHeight(), grid.width() + 40);
            }
            g.setFont(style.monoFont());
            FontMetrics fm = g.getFontMetrics();
            boolean numbers = grid.cellWidth() >= fm.stringWidth("−0.00") + 6;
            for (int t = 0; t < n; t++) {
                for (int j = 0; j < n; j++) {
                    double xa = grid.xAt(j);
                    double ya = grid.yAt(t);
                    Rectangle2D.Double cell = new Rectangle2D.Double(xa, ya, Math.max(1, grid.xAt(j + 1) - xa), Math.max(1, grid.yAt(t + 1) - ya));
                    boolean future = j > t;
                    String text;
                    if (p == 0) {
                        g.setPaint(future ? MINUS_INFINITY : new Color(0xeaeef2));
                        text = future ? "−∞" : "0";
                    } else if (p == 1) {
                        g.setPaint(future ? MINUS_INFINITY : ColorMap.DIVERGING.at(masked.get(t, j), -range, range));
                        text = future ? "−∞" : String.format(Texts.locale(), "%.2f", masked.get(t, j));
                    } else {
                        g.setPaint(future ? new Color(0xf6f8fa) : ColorMap.VIRIDIS.at(att.get(t, j)));
                        text = String.format("%.2f", att.get(t, j));
                    }
                    Color fill = (Color) g.getPaint();
                    g.fill(cell);
                    if (numbers) {
                        g.setPaint(style.textOn(fill));
                        Style.centered(g, text, cell.getCenterX(), cell.getCenterY() + fm.getAscent() / 2.0 - 2);
                    }
                }
            }
            g.setPaint(style.axis());
            g.draw(new Rectangle2D.Double(grid.x(), grid.y(), grid.width(), grid.height()));
            int every = Math.max(1, (int) Math.ceil(fm.getHeight() / (grid.height() / n)));
            g.setPaint(style.ink());
            for (int t = 0; t < n; t += every) {
                Style.right(g, labels.get(t), grid.x() - 4, (grid.yAt(t) + grid.yAt(t + 1)) / 2 + fm.getAscent() / 2.0 - 2);
            }
            Heatmap.characterAxis(g, grid, labels, grid.y() + grid.height() + fm.getAscent() + 3, style);
            if (p == 1) {
                Heatmap.colorBar(g, grid.x() + grid.width() + 8, grid.y(), 12, Math.min(200, grid.height()), ColorMap.DIVERGING, -range, range, null, style);
            } else if (p == 2) {
                Heatmap.colorBar(g, grid.x() + grid.width() + 8, grid.y(), 12, Math.min(200, grid.height()), ColorMap.VIRIDIS, 0, 1, null, style);
            }
        }
        if (n < steps) {
            g.setFont(style.monoFont());
            double keys = g.getFontMetrics().getHeight();   // the key labels under the maps
            g.setFont(style.labelFont());
            g.setPaint(style.muted());
            style.shrunk(g, Texts.format("mask.first.f", n, steps),
                    14, grid.y() + grid.height() + keys + 8 + g.getFontMetrics().getAscent(), w - 28);
        }
    }

    @Override
    public String describe(double x, double y, double w, double h, Style style) {
        Graphics2D g = Measure.graphics();
        String[] what = {Texts.get("mask.cell.mask"), Texts.get("mask.cell.scores"), Texts.get("mask.cell.softmax")};
        for (int p = 0; p < 3; p++) {
            Heatmap.Grid grid = grid(g, w, h, p, style);
            int t = grid.row(y);
            int j = grid.col(x);
            if (t >= 0 && j >= 0) {
                double v = p == 0 ? (j > t ? Double.NEGATIVE_INFINITY : 0) : p == 1 ? trace.get(key(Probe.Stage.MASKED_SCORES)).get(t, j)
                        : trace.get(key(Probe.Stage.WEIGHTS)).get(t, j);
                return Texts.format("mask.cell.f", what[p], t, labels.get(t), j, labels.get(j),
                        Double.isInfinite(v) ? "−∞" : String.format(Texts.locale(), "%.4f", v));
            }
        }
        return null;
    }

    @Override
    public Table table() {
        Table.Builder tb = new Table.Builder("query", "key", "mask", "scaled_score", "masked_score", "softmax");
        Trace.Array scaled = trace.get(key(Probe.Stage.SCALED_SCORES));
        Trace.Array masked = trace.get(key(Probe.Stage.MASKED_SCORES));
        Trace.Array att = trace.get(key(Probe.Stage.WEIGHTS));
        for (int t = 0; t < steps; t++) {
            for (int j = 0; j < steps; j++) {
                tb.row(t, j, j > t ? "-inf" : "0", scaled.get(t, j), j > t ? "-inf" : Float.toString(masked.get(t, j)), att.get(t, j));
            }
        }
        return tb.build();
    }
}
