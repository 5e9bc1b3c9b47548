package org.seqlab.app.figures;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.inspect.AnomalyDetection;
import org.seqlab.engine.metrics.RocAuc;

/**
 * Likelihood as an anomaly score: histograms of bits per dimension for held-out digits and for damaged copies of
 * them. A threshold calls everything above it an anomaly; each damage's ROC AUC says how well bits per dimension
 * separates it from real digits over all thresholds.
 */
public final class AnomalyFigure implements Figure {

    private static final int BINS = 40;
    // the model colours, which every eye tells apart (PaletteTest)
    private static final Color[] COLORS = {Style.run("A"), Style.run("B"), Style.run("C"), Style.run("D")};

    private final String runLabel;
    private final AnomalyDetection.Result result;
    private final double threshold;

    /** Held-out digits scored, and three damaged copies of each. */
    public static final int DIGITS = 300;

    /** The scores with a threshold that flags 5 % of the held-out digits. */
    public static AnomalyFigure of(String runLabel, AnomalyDetection.Result result) {
        double[] sorted = result.heldOut().clone();
        Arrays.sort(sorted);
        return new AnomalyFigure(runLabel, result, sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.95))]);
    }

    /** The same scores under another threshold. */
    public AnomalyFigure withThreshold(double t) {
        return new AnomalyFigure(runLabel, result, t);
    }

    public double threshold() {
        return threshold;
    }

    public AnomalyFigure(String runLabel, AnomalyDetection.Result result, double threshold) {
        this.runLabel = runLabel;
        this.result = result;
        this.threshold = threshold;
    }

    /** The range of all scores. */
    public double[] range() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] v : result.sets().values()) {
            for (double x : v) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        return new double[] {lo, hi};
    }

    @Override
    public String name() {
        return "anomaly";
    }

    @Override
    public String title() {
        return Texts.format("anomaly.title.f", runLabel, result.step());
    }

    @Override
    public void draw(Graphics2D g, double w, double h, Style style) {
        Style.background(g, w, h);
        double top = style.title(g, title(), w) + 8;
        double[] r = range();
        double lo = r[0];
        double hi = r[1] + (r[1] - r[0]) * 1e-9 + 1e-12;
        List<String> names = new ArrayList<>(result.sets().keySet());
        int[][] counts = new int[names.size()][BINS];
        int max = 1;
        for (int k = 0; k < names.size(); k++) {
            for (double v : result.sets().get(names.get(k))) {
                int bin = (int) Math.min(BINS - 1, Math.floor((v - lo) / (hi - lo) * BINS));
                max = Math.max(max, ++counts[k][bin]);
            }
        }
        g.setFont(style.labelFont());
        FontMetrics fm = g.getFontMetrics();
        double legendH = (names.size() + 1) * (fm.getHeight() + 2);
        if (h - top - legendH - 70 < 50) {   // the legend above the histograms, which then would be a strip
            style.tooLowNote(g, w, h);
            return;
        }
        Plot p = new Plot(74, top + legendH + 8, w - 100, h - top - legendH - 70, lo, hi, 0, max * 1.05, false);
        p.drawAxes(g, Texts.get("anomaly.x"), Texts.get("anomaly.y"), true, style);
        double binW = (p.right() - p.left()) / BINS;
        for (int k = 0; k < names.size(); k++) {
            Color c = COLORS[k % COLORS.length];
            g.setPaint(new Color(c.getRed(), c.getGreen(), c.getBlue(), 90));
            for (int b = 0; b < BINS; b++) {
                if (counts[k][b] > 0) {
                    double y = p.py(counts[k][b]);
                    g.fill(new Rectangle2D.Double(p.left() + b * binW, y, binW, p.bottom() - y));
                }
            }
            g.setPaint(c);
            g.setStroke(Style.stroke(2));
            for (int b = 0; b < BINS; b++) {
                if (counts[k][b] > 0) {
                    double y = p.py(counts[k][b]);
                    g.draw(new Rectangle2D.Double(p.left() + b * binW, y, binW, p.bottom() - y));
                }
            }
        }
        double tx = p.px(threshold);
        g.setPaint(style.ink());
        g.setStroke(Style.dashed(2));
        Style.line(g, tx, p.top(), tx, p.bottom());
        g.setFont(style.tickFont());
        String at = Texts.format("anomaly.threshold.f", threshold);
        double atW = g.getFontMetrics().stringWidth(at);
        Style.text(g, at, tx + 4 + atW <= w - 4 ? tx + 4 : tx - 4 - atW, p.top() + 14);   // left of the line near the edge
        // legend: AUC, and what the threshold catches
        g.setFont(style.labelFont());
        double[] held = result.heldOut();
        double falseAlarms = RocAuc.ratesAt(held, new double[] {0}, threshold)[1];
        for (int k = 0; k < names.size(); k++) {
            String n = names.get(k);
            double y = top + (k + 1) * (fm.getHeight() + 2);
            g.setPaint(COLORS[k % COLORS.length]);
            g.fill(new Rectangle2D.Double(74, y - fm.getAscent() + 3, 24, fm.getAscent() - 4));
            g.setPaint(style.ink());
            double above = n.equals("held-out") ? falseAlarms : RocAuc.ratesAt(held, result.sets().get(n), threshold)[0];
            String text = n.equals("held-out")
                    ? Texts.format("anomaly.held.f", held.length, 100 * above)
                    : Texts.format("anomaly.set.f", describe(n), result.auc().get(n), 100 * above);
            if (g.getFontMetrics().stringWidth(text) > w - 118) {   // a narrow figure: the same numbers, fewer words
                text = n.equals("held-out") ? Texts.format("anomaly.held.short.f", held.length, 100 * above)
                        : Texts.format("anomaly.set.short.f", describe(n), result.auc().get(n), 100 * above);
            }
            style.shrunk(g, text, 106, y, w - 118);
        }
    }

    private static String describe(String set) {
        return switch (set) {
            case "noise" -> Texts.format("anomaly.noise.f", 100 * AnomalyDetection.NOISE);
            case "shifted" -> Texts.get("anomaly.shifted");
            case "inverted" -> Texts.get("anomaly.inverted");
            default -> set;
        };
    }

    @Override
    public Table table() {
        Table.Builder tb = new Table.Builder("set", "digit", "bits_per_dim");
        for (Map.Entry<String, double[]> e : result.sets().entrySet()) {
            for (int i = 0; i < e.getValue().length; i++) {
                tb.row(e.getKey(), i, e.getValue()[i]);
            }
        }
        for (Map.Entry<String, Double> e : result.auc().entrySet()) {
            tb.row("auc:" + e.getKey(), "", e.getValue());
        }
        return tb.build();
    }
}
