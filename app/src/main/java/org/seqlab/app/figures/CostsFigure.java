package org.seqlab.app.figures;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.inspect.Costs;
import org.seqlab.engine.model.Family;

/**
 * What each model costs as the sequence grows, measured live on this machine: forward time and the memory of
 * the attention weights (quadratic in T) or of the recurrent state (constant), on log–log axes; and the time of
 * each generation step against its position — constant for a recurrent step, growing with t for a Transformer with
 * its key/value cache (t keys to attend to), and with t² without it (the whole prefix again) — on the same model.
 */
public final class CostsFigure implements Figure {

    private final List<Costs.ModelCosts> costs;
    private final List<String> ids;

    /** Nothing measured yet: a placeholder, never exported. */
    @Override
    public boolean placeholder() {
        return costs.isEmpty();
    }

    /** The longest sequence timed, and the tokens generated to time each step. */
    public static final int MAX_LENGTH = 512;
    public static final int TOKENS = 200;

    /** The models measured, each marked by its id (the first letter of its label). */
    public static CostsFigure of(List<Costs.ModelCosts> costs) {
        return new CostsFigure(costs, costs.stream().map(c -> c.label().substring(0, 1)).toList());
    }

    public CostsFigure(List<Costs.ModelCosts> costs, List<String> ids) {
        this.costs = List.copyOf(costs);
        this.ids = List.copyOf(ids);
    }

    @Override
    public String name() {
        return "costs";
    }

    @Override
    public String title() {
        return Texts.get("costs.title");
    }

    private Rectangle2D.Double panel(Graphics2D g, double w, double h, int p, Style style) {
        double top = style.titleBottom(g, title(), w) + 8;
        g.setFont(style.labelFont());
        double head = g.getFontMetrics().getHeight() + 10;          // the panel's own title
        double lines = 2 * g.getFontMetrics().getHeight() + 14;     // tick labels and the axis title under it
        double margin = 60 * style.typeScale();                     // the y tick labels left of it
        // three across on a wide figure; two or one a row where that leaves the plots better proportioned
        int cols = 3;
        double best = 0;
        for (int c = 3; c >= 1; c--) {
            int rows = (2 + c) / c;
            double pw = (w - margin * c - 40) / c;
            double ph = (h - top) / rows - head - lines;
            if (Math.min(pw, 1.6 * ph) > best) {
                best = Math.min(pw, 1.6 * ph);
                cols = c;
            }
        }
        int rows = (2 + cols) / cols;
        double pw = (w - margin * cols - 40) / cols;
        double cell = (h - top) / rows;
        return new Rectangle2D.Double(margin + (p % cols) * (pw + margin), top + (p / cols) * cell + head, pw, cell - head - lines);
    }

    @Override
    public void draw(Graphics2D g, double w, double h, Style style) {
        Style.background(g, w, h);
        style.title(g, title(), w);
        if (costs.isEmpty()) {
            style.centeredNote(g, Texts.get("costs.empty", String.valueOf(MAX_LENGTH)), w, h);
            return;
        }
        logLog(g, panel(g, w, h, 0, style), Texts.get("costs.forward"), true, style);
        logLog(g, panel(g, w, h, 1, style), Texts.get("costs.memory"), false, style);
        perPosition(g, panel(g, w, h, 2, style), style);
    }

    private void logLog(Graphics2D g, Rectangle2D.Double r, String title, boolean time, Style style) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        int tMin = Integer.MAX_VALUE;
        int tMax = 0;
        for (Costs.ModelCosts c : costs) {
            double[] v = time ? c.forwardMillis() : c.memoryBytes();
            for (int i = 0; i < v.length; i++) {
                lo = Math.min(lo, v[i]);
                hi = Math.max(hi, v[i]);
                tMin = Math.min(tMin, c.lengths()[i]);
                tMax = Math.max(tMax, c.lengths()[i]);
            }
        }
        lo = Math.pow(10, Math.floor(Math.log10(lo)));
        hi = Math.pow(10, Math.ceil(Math.log10(hi)));
        Plot p = new Plot(r.x, r.y, r.width, r.height, Math.log(tMin) / Math.log(2), Math.log(tMax) / Math.log(2), lo, hi == lo ? lo * 10 : hi, true);
        p.drawAxes(g, null, null, false, style);
        g.setFont(style.tickFont());
        g.setPaint(style.muted());
        FontMetrics tf = g.getFontMetrics();
        double lastRight = Double.NEGATIVE_INFINITY;
        for (int t = tMin; t <= tMax; t *= 2) {
            // every length that has room: a label that would touch the one before is left out
            double x = p.px(Math.log(t) / Math.log(2));
            double half = tf.stringWidth(String.valueOf(t)) / 2.0;
            if (x - half > lastRight + 4) {
                Style.centered(g, String.valueOf(t), x, r.y + r.height + tf.getAscent() + 6);
                lastRight = x + half;
            }
        }
        g.setFont(style.labelFont());
        g.setPaint(style.ink());
        style.shrunk(g, title, r.x, r.y - 10, r.width + 40);
        style.centeredShrunk(g, Texts.get("costs.length"), r.getCenterX(), r.y + r.height + tf.getHeight() + g.getFontMetrics().getAscent() + 8,
                r.width + 40);
        List<Rectangle2D.Double> ends = new ArrayList<>();
        for (int k = 0; k < costs.size(); k++) {
            Costs.ModelCosts c = costs.get(k);
            double[] v = time ? c.forwardMillis() : c.memoryBytes();
            g.setPaint(Style.run(ids.get(k)));
            g.setStroke(Style.stroke(2.5));
            Path2D.Double path = new Path2D.Double();
            for (int i = 0; i < v.length; i++) {
                double x = p.px(Math.log(c.lengths()[i]) / Math.log(2));
                double y = p.py(Math.max(lo, v[i]));
                if (i == 0) {
                    path.moveTo(x, y);
                } else {
                    path.lineTo(x, y);
                }
                g.fill(Marks.of(ids.get(k), x, y, 3.5));
            }
            g.draw(path);
            g.setFont(style.tickFont());
            endLetter(g, ends, ids.get(k), p, p.px(Math.log(c.lengths()[v.length - 1]) / Math.log(2)), p.py(Math.max(lo, v[v.length - 1])));
        }
    }

    /**
     * The model's letter at its curve's end, inside the plot (a curve ending at its top would put it on the panel's
     * title); curves that end together get their letters side by side.
     */
    private static void endLetter(Graphics2D g, List<Rectangle2D.Double> ends, String id, Plot p, double lastX, double lastY) {
        FontMetrics tf = g.getFontMetrics();
        double ly = Math.max(lastY - 6, p.top() + tf.getAscent() + 2);
        double lx = lastX - 6;
        for (java.awt.geom.Rectangle2D b : ends) {
            if (Math.abs(b.getY() + tf.getAscent() - ly) < tf.getHeight() && b.getMinX() < lx + 2) {
                lx = Math.min(lx, b.getMinX() - 4);
            }
        }
        Style.right(g, id, lx, ly);
        ends.add(new Rectangle2D.Double(lx - tf.stringWidth(id), ly - tf.getAscent(), tf.stringWidth(id), tf.getHeight()));
    }

    /**
     * ms per generated token against its position, on a log scale so that the flat, the linear and the quadratic
     * curves all show: every model's step, and a Transformer without its cache (dashed). A legend names them.
     */
    private void perPosition(Graphics2D g, Rectangle2D.Double r, Style style) {
        int n = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (Costs.ModelCosts c : costs) {
            n = Math.max(n, c.positions().length);
            for (double[] v : new double[][] {c.stepMillis(), c.uncachedMillis()}) {
                for (double x : v) {
                    if (x > 0) {
                        lo = Math.min(lo, x);
                        hi = Math.max(hi, x);
                    }
                }
            }
        }
        if (n == 0 || hi == 0) {
            return;
        }
        lo = Math.pow(10, Math.floor(Math.log10(lo)));
        hi = Math.pow(10, Math.ceil(Math.log10(hi)));
        Plot p = new Plot(r.x, r.y, r.width, r.height, 1, n, lo, hi == lo ? lo * 10 : hi, true);
        p.drawAxes(g, Texts.get("costs.position"), null, true, style);
        List<String> names = new ArrayList<>();
        List<Color> colors = new ArrayList<>();
        List<Boolean> dashes = new ArrayList<>();
        for (int k = 0; k < costs.size(); k++) {
            Costs.ModelCosts c = costs.get(k);
            boolean transformer = c.family() == Family.TRANSFORMER;
            Color color = Style.run(ids.get(k));
            curve(g, p, c.positions(), c.stepMillis(), ids.get(k), false, lo);
            names.add(Texts.format(transformer ? "costs.cached.f" : "costs.step.f", ids.get(k)));
            colors.add(color);
            dashes.add(false);
            if (transformer) {
                curve(g, p, c.positions(), c.uncachedMillis(), ids.get(k), true, lo);
                names.add(Texts.format("costs.uncached.f", ids.get(k)));
                colors.add(color);
                dashes.add(true);
            }
        }
        // the legend, inside the plot on a white box; in a low plot its names take columns side by side rather than
        // run down over the axis below
        g.setFont(style.tickFont());
        FontMetrics fm = g.getFontMetrics();
        double lineH = fm.getHeight();
        double colW = names.stream().mapToDouble(fm::stringWidth).max().orElse(0) + 34 + 8;
        int rows = (int) Math.max(1, Math.min(names.size(), Math.floor((r.height - 16) / lineH)));
        int cols = (names.size() + rows - 1) / rows;
        double boxW = colW * cols - 8;
        if (boxW + 8 > r.width - 16) {
            // too small a plot for a legend: each model's letter at its curve's end, the dashes named in the title
            List<Rectangle2D.Double> ends = new ArrayList<>();
            for (int k = 0; k < costs.size(); k++) {
                Costs.ModelCosts c = costs.get(k);
                g.setFont(style.tickFont());
                int last = c.positions().length - 1;
                g.setPaint(Style.run(ids.get(k)));
                endLetter(g, ends, ids.get(k), p, p.px(c.positions()[last]), p.py(Math.max(lo, c.stepMillis()[last])));
            }
            panelTitle(g, Texts.get("costs.generation") + (dashes.contains(true) ? Texts.get("costs.dashed") : ""), r, style);
            return;
        }
        panelTitle(g, Texts.get("costs.generation"), r, style);
        g.setFont(style.tickFont());
        // in the corner of the plot where the fewest curve points lie: the white box hides no measurement it can avoid
        double boxH = lineH * rows + 8;
        double x0 = r.x + 8;
        double y0 = r.y + 8;
        int fewest = Integer.MAX_VALUE;
        double right = Math.max(r.x + 8, r.x + r.width - boxW - 16);
        for (double[] corner : new double[][] {{r.x + 8, r.y + 8}, {right, r.y + 8}, {right, r.y + r.height - boxH - 8},
            {r.x + 8, r.y + r.height - boxH - 8}}) {
            Rectangle2D.Double box = new Rectangle2D.Double(corner[0], corner[1], boxW + 8, boxH);
            int under = 0;
            for (Costs.ModelCosts c : costs) {
                for (double[] v : new double[][] {c.stepMillis(), c.uncachedMillis()}) {
                    for (int i = 0; i < c.positions().length; i++) {
                        if (v[i] > 0 && box.contains(p.px(c.positions()[i]), p.py(Math.max(lo, v[i])))) {
                            under++;
                        }
                    }
                }
            }
            if (under < fewest) {
                fewest = under;
                x0 = corner[0];
                y0 = corner[1];
            }
        }
        g.setPaint(new Color(255, 255, 255, 235));
        g.fill(new Rectangle2D.Double(x0, y0, boxW + 8, boxH));
        for (int i = 0; i < names.size(); i++) {
            double x = x0 + colW * (i / rows);
            double y = y0 + 4 + lineH * (i % rows) + lineH / 2;
            Marks.swatch(g, names.get(i).substring(0, 1), colors.get(i), dashes.get(i) ? Style.dashed(2.5) : Style.stroke(2.5), x + 4, y, 22);
            g.setPaint(style.ink());
            Style.text(g, names.get(i), x + 32, y + fm.getAscent() / 2.0 - 2);
        }
    }

    private static void panelTitle(Graphics2D g, String title, Rectangle2D.Double r, Style style) {
        g.setFont(style.labelFont());
        g.setPaint(style.ink());
        style.shrunk(g, title, r.x, r.y - 10, r.width + 32);
    }

    /** One model's curve, its marker on every few points (a line tells its model by more than colour). */
    private static void curve(Graphics2D g, Plot p, int[] x, double[] y, String id, boolean dashed, double floor) {
        g.setPaint(Style.run(id));
        g.setStroke(dashed ? Style.dashed(2.5) : Style.stroke(2.5));
        Path2D.Double path = new Path2D.Double();
        for (int i = 0; i < x.length; i++) {
            double py = p.py(Math.max(floor, y[i]));
            if (i == 0) {
                path.moveTo(p.px(x[i]), py);
            } else {
                path.lineTo(p.px(x[i]), py);
            }
            if (i % Math.max(1, x.length / 8) == 0) {
                g.fill(Marks.of(id, p.px(x[i]), py, 3.5));
            }
        }
        g.draw(path);
    }

    @Override
    public Table table() {
        Table.Builder tb = new Table.Builder("model", "T", "forward_ms", "memory_bytes", "position", "step_ms", "uncached_step_ms");
        for (int k = 0; k < costs.size(); k++) {
            Costs.ModelCosts c = costs.get(k);
            for (int i = 0; i < c.lengths().length; i++) {
                tb.row(c.label(), c.lengths()[i], c.forwardMillis()[i], c.memoryBytes()[i], "", "", "");
            }
            for (int i = 0; i < c.positions().length; i++) {
                tb.row(c.label(), "", "", "", c.positions()[i], c.stepMillis()[i], Double.isNaN(c.uncachedMillis()[i]) ? "" : c.uncachedMillis()[i]);
            }
        }
        return tb.build();
    }
}
