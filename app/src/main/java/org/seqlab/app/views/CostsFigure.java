package org.seqlab.app.views;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.seqlab.engine.inspect.Costs;
import org.seqlab.engine.model.Family;

/**
 * What each model costs as the sequence grows, measured live on this machine: forward time and the memory of
 * the attention weights (quadratic in T) or of the recurrent state (constant), on log–log axes; and generation
 * speed one token at a time, with and without a Transformer's key/value cache.
 */
public final class CostsFigure implements Figure {

    private final List<Costs.ModelCosts> costs;
    private final List<String> ids;

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
        return "Measured costs on this machine (one sequence, one thread)";
    }

    private Rectangle2D.Double panel(Graphics2D g, double w, double h, int p) {
        g.setFont(Style.titleFont());
        double top = 8 + g.getFontMetrics().getHeight() + 34;
        double pw = (w - 80 * 3 - 40) / 3;
        return new Rectangle2D.Double(80 + p * (pw + 80), top, pw, h - top - 60);
    }

    @Override
    public void draw(Graphics2D g, double w, double h) {
        Style.background(g, w, h);
        Style.title(g, title(), w);
        if (costs.isEmpty()) {
            Style.centeredNote(g, "Press Measure to time every model at lengths 16 to 512 (a few seconds).", w, h);
            return;
        }
        logLog(g, panel(g, w, h, 0), "forward pass (ms)", true);
        logLog(g, panel(g, w, h, 1), "attention weights or state (bytes)", false);
        bars(g, panel(g, w, h, 2));
    }

    private void logLog(Graphics2D g, Rectangle2D.Double r, String title, boolean time) {
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
        p.drawAxes(g, null, null, false);
        g.setFont(Style.tickFont());
        g.setPaint(Style.MUTED);
        for (int t = tMin; t <= tMax; t *= 2) {
            Style.centered(g, String.valueOf(t), p.px(Math.log(t) / Math.log(2)), r.y + r.height + 18);
        }
        g.setFont(Style.labelFont());
        g.setPaint(Style.INK);
        Style.text(g, title, r.x, r.y - 10);
        Style.centered(g, "sequence length T", r.getCenterX(), r.y + r.height + 40);
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
                g.fill(new Ellipse2D.Double(x - 3.5, y - 3.5, 7, 7));
            }
            g.draw(path);
            g.setFont(Style.tickFont());
            double lastX = p.px(Math.log(c.lengths()[v.length - 1]) / Math.log(2));
            double lastY = p.py(Math.max(lo, v[v.length - 1]));
            Style.right(g, ids.get(k), lastX - 6, lastY - 6);
        }
    }

    private void bars(Graphics2D g, Rectangle2D.Double r) {
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<String> runIds = new ArrayList<>();
        for (int k = 0; k < costs.size(); k++) {
            Costs.ModelCosts c = costs.get(k);
            boolean transformer = c.family() == Family.TRANSFORMER;
            names.add(ids.get(k) + (transformer ? " with cache" : " step"));
            values.add(c.tokensPerSecond());
            runIds.add(ids.get(k));
            if (transformer) {
                names.add(ids.get(k) + " no cache");
                values.add(c.uncachedTokensPerSecond());
                runIds.add(ids.get(k));
            }
        }
        double max = 1;
        for (double v : values) {
            max = Math.max(max, v);
        }
        g.setFont(Style.labelFont());
        g.setPaint(Style.INK);
        Style.text(g, "generation (tokens per second)", r.x, r.y - 10);
        FontMetrics fm = g.getFontMetrics();
        double barH = Math.min(34, (r.height - 10) / Math.max(1, names.size()) - 8);
        double labelW = 0;
        for (String n : names) {
            labelW = Math.max(labelW, fm.stringWidth(n));
        }
        for (int i = 0; i < names.size(); i++) {
            double y = r.y + i * (barH + 8);
            double bw = (r.width - labelW - 80) * values.get(i) / max;
            java.awt.Color c = Style.run(runIds.get(i));
            boolean uncached = names.get(i).endsWith("no cache");
            g.setPaint(uncached ? new java.awt.Color(c.getRed(), c.getGreen(), c.getBlue(), 110) : c);
            g.fill(new Rectangle2D.Double(r.x + labelW + 10, y, Math.max(1, bw), barH));
            g.setPaint(Style.INK);
            Style.right(g, names.get(i), r.x + labelW, y + barH / 2 + fm.getAscent() / 2.0 - 2);
            Style.text(g, String.format("%.0f", values.get(i)), r.x + labelW + 16 + bw, y + barH / 2 + fm.getAscent() / 2.0 - 2);
        }
    }

    @Override
    public Table table() {
        Table.Builder tb = new Table.Builder("model", "T", "forward_ms", "memory_bytes", "tokens_per_s", "uncached_tokens_per_s");
        for (int k = 0; k < costs.size(); k++) {
            Costs.ModelCosts c = costs.get(k);
            for (int i = 0; i < c.lengths().length; i++) {
                tb.row(c.label(), c.lengths()[i], c.forwardMillis()[i], c.memoryBytes()[i], i == 0 ? c.tokensPerSecond() : "",
                        i == 0 && !Double.isNaN(c.uncachedTokensPerSecond()) ? c.uncachedTokensPerSecond() : "");
            }
        }
        return tb.build();
    }
}
