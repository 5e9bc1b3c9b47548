package org.seqlab.app.figures;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.List;
import org.seqlab.engine.train.Series;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;
import org.seqlab.engine.train.TrainingSnapshot;

/**
 * The shared loss chart: every model's training loss (faint: each step; solid: a running mean) and
 * validation loss (dashed with dots), in bits per character, against steps or against each model's own
 * seconds of training; on synthetic data the exact entropy floor no model can go below.
 */
public final class LossChartFigure implements Figure {

    /** What the x axis counts. */
    public enum XAxis { STEPS, SECONDS }

    private static final int SMOOTH = 25;

    private final TrainingSnapshot snapshot;
    private final XAxis xAxis;

    public LossChartFigure(TrainingSnapshot snapshot, XAxis xAxis) {
        this.snapshot = snapshot;
        this.xAxis = xAxis;
    }

    @Override
    public String name() {
        return "loss";
    }

    @Override
    public String title() {
        String data = snapshot.data() == null ? "" : " · " + snapshot.data().name();
        return "Loss in " + unit() + data + " · step " + snapshot.step();
    }

    private String unit() {
        return snapshot.data() == null ? "bits per character" : snapshot.data().unit();
    }

    private double x(Series s, int i) {
        return xAxis == XAxis.STEPS ? s.step(i) : s.seconds(i);
    }

    /** Running mean of the last SMOOTH training losses at each point. */
    static double[] smoothed(Series s) {
        double[] out = new double[s.size()];
        double sum = 0;
        for (int i = 0; i < s.size(); i++) {
            sum += s.value(i);
            if (i >= SMOOTH) {
                sum -= s.value(i - SMOOTH);
            }
            out[i] = sum / Math.min(i + 1, SMOOTH);
        }
        return out;
    }

    private Plot plot(Graphics2D g, double w, double h, Style style) {
        double xMax = 1;
        double yLo = Double.POSITIVE_INFINITY;
        double yHi = 0;
        for (RunSnapshot r : snapshot.runs()) {
            Series tr = r.train();
            if (!tr.isEmpty()) {
                xMax = Math.max(xMax, x(tr, tr.size() - 1));
                for (double v : smoothed(tr)) {
                    yLo = Math.min(yLo, v);
                    yHi = Math.max(yHi, v);
                }
            }
            Series va = r.validation();
            for (int i = 0; i < va.size(); i++) {
                yLo = Math.min(yLo, va.value(i));
                yHi = Math.max(yHi, va.value(i));
            }
        }
        if (snapshot.data() != null && snapshot.data().floorBits().isPresent()) {
            yLo = Math.min(yLo, snapshot.data().floorBits().getAsDouble());
        }
        if (!(yHi > yLo)) {
            yLo = 0;
            yHi = snapshot.data() == null ? 5 : Math.log(Math.max(2, snapshot.data().vocabulary().codePointCount(0,
                    snapshot.data().vocabulary().length()))) / Math.log(2);
        }
        double pad = (yHi - yLo) * 0.06;
        yLo = Math.max(0, yLo - pad);
        yHi = yHi + pad;
        if (snapshot.data() != null && snapshot.data().floorBits().isPresent()) {
            // room under the floor line for its label
            yLo = Math.max(0, Math.min(yLo, snapshot.data().floorBits().getAsDouble() - (yHi - yLo) * 0.12));
        }
        g.setFont(style.titleFont());
        double top = 8 + g.getFontMetrics().getHeight() + 6;
        g.setFont(style.labelFont());
        top += legendRows(g, w, style) * (g.getFontMetrics().getHeight() + 2) + 8;
        double bottom = h - 2.2 * g.getFontMetrics().getHeight() - 12;
        double left = 74 * style.typeScale();
        return new Plot(left, top, w - left - 24, bottom - top, 0, xMax, yLo, yHi, false);
    }

    @Override
    public void draw(Graphics2D g, double w, double h, Style style) {
        Style.background(g, w, h);
        style.title(g, title(), w);
        if (snapshot.runs().isEmpty()) {
            style.centeredNote(g, snapshot.phase() == TrainingSnapshot.Phase.LOADING ? "Loading ND4J…" : "No models yet.", w, h);
            return;
        }
        Plot p = plot(g, w, h, style);
        String key = "   (solid: training, mean of the last " + SMOOTH + " steps · dashed with dots: validation)";
        p.drawAxes(g, (xAxis == XAxis.STEPS ? "training step" : "seconds of training (each model's own compute time)") + key,
                unit(), true, style);
        java.awt.Shape clip = g.getClip();
        g.clip(p.bounds());
        if (snapshot.data() != null && snapshot.data().floorBits().isPresent()) {
            double f = snapshot.data().floorBits().getAsDouble();
            g.setPaint(style.ink());
            g.setStroke(new java.awt.BasicStroke(1.6f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_ROUND, 10f,
                    new float[] {2f, 4f}, 0f));
            Style.line(g, p.left(), p.py(f), p.right(), p.py(f));
            g.setFont(style.labelFont());
            // below the line: no model's expected loss goes there, so the label never hides a curve; above it only when
            // the plot is too short for the room left under the line (large type in presentation mode)
            double below = p.py(f) + g.getFontMetrics().getAscent() + 3;
            double y = below + g.getFontMetrics().getDescent() <= p.bottom() ? below : p.py(f) - g.getFontMetrics().getDescent() - 3;
            Style.text(g, String.format("entropy floor %.3f bits", f), p.left() + 8, y);
        }
        int maxPoints = (int) Math.max(50, (p.right() - p.left()) * 2);
        for (RunSnapshot r : snapshot.runs()) {
            java.awt.Color c = Style.run(r.id());
            Series tr = r.train();
            if (tr.size() > 0) {
                int every = Math.max(1, tr.size() / maxPoints);
                g.setPaint(new java.awt.Color(c.getRed(), c.getGreen(), c.getBlue(), 60));
                g.setStroke(Style.stroke(1));
                Path2D.Double raw = new Path2D.Double();
                for (int i = 0; i < tr.size(); i += every) {
                    lineTo(raw, i == 0, p.px(x(tr, i)), p.py(tr.value(i)));
                }
                g.draw(raw);
                double[] sm = smoothed(tr);
                g.setPaint(c);
                g.setStroke(Style.stroke(2.5));
                Path2D.Double smooth = new Path2D.Double();
                for (int i = 0; i < tr.size(); i += every) {
                    lineTo(smooth, i == 0, p.px(x(tr, i)), p.py(sm[i]));
                }
                g.draw(smooth);
            }
            Series va = r.validation();
            if (va.size() > 0) {
                g.setPaint(c);
                g.setStroke(Style.dashed(2.2));
                Path2D.Double path = new Path2D.Double();
                for (int i = 0; i < va.size(); i++) {
                    lineTo(path, i == 0, p.px(x(va, i)), p.py(va.value(i)));
                }
                g.draw(path);
                int dotEvery = Math.max(1, va.size() / 60);
                for (int i = 0; i < va.size(); i += dotEvery) {
                    g.fill(new Ellipse2D.Double(p.px(x(va, i)) - 3.5, p.py(va.value(i)) - 3.5, 7, 7));
                }
            }
        }
        g.setClip(clip);
        legend(g, p, style);
    }

    private static void lineTo(Path2D.Double path, boolean first, double x, double y) {
        if (first) {
            path.moveTo(x, y);
        } else {
            path.lineTo(x, y);
        }
    }

    private List<String> legendEntries() {
        List<String> entries = new ArrayList<>();
        for (RunSnapshot r : snapshot.runs()) {
            String state = r.status() == org.seqlab.engine.train.ModelRun.Status.DIVERGED ? " (diverged)" : "";
            entries.add(String.format("%s   train %s · val %s%s", r.label(), fmt(r.train().recentMean(SMOOTH)), fmt(r.validation().last()), state));
        }
        return entries;
    }

    private static final double SWATCH = 34;

    /** How many rows the legend above the plot needs at this width. */
    private int legendRows(Graphics2D g, double w, Style style) {
        return layoutLegend(g, w, style).length == 0 ? 1 : (int) layoutLegend(g, w, style)[layoutLegend(g, w, style).length - 1][1] + 1;
    }

    /** For each entry, {x, row}; entries wrap onto new rows when the width runs out. */
    private double[][] layoutLegend(Graphics2D g, double w, Style style) {
        g.setFont(style.labelFont());
        FontMetrics fm = g.getFontMetrics();
        List<String> entries = legendEntries();
        double[][] out = new double[entries.size()][];
        double x = 74 * style.typeScale();
        int row = 0;
        for (int i = 0; i < entries.size(); i++) {
            double ew = SWATCH + fm.stringWidth(entries.get(i)) + 28;
            if (x + ew > w - 10 && i > 0) {
                row++;
                x = 74 * style.typeScale();
            }
            out[i] = new double[] {x, row};
            x += ew;
        }
        return out;
    }

    /** One entry per model above the plot (never over the curves), and what solid and dashed mean. */
    private void legend(Graphics2D g, Plot p, Style style) {
        g.setFont(style.labelFont());
        FontMetrics fm = g.getFontMetrics();
        List<String> entries = legendEntries();
        double[][] pos = layoutLegend(g, p.right() + 24, style);
        double lh = fm.getHeight() + 2;
        int rows = pos.length == 0 ? 1 : (int) pos[pos.length - 1][1] + 1;
        double y0 = p.top() - 8 - rows * lh;
        for (int i = 0; i < entries.size(); i++) {
            double x = pos[i][0];
            double y = y0 + pos[i][1] * lh + fm.getAscent();
            g.setPaint(Style.run(snapshot.runs().get(i).id()));
            g.setStroke(Style.stroke(3));
            Style.line(g, x, y - fm.getAscent() / 2.5, x + SWATCH - 8, y - fm.getAscent() / 2.5);
            g.setPaint(style.ink());
            Style.text(g, entries.get(i), x + SWATCH, y);
        }
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "–" : String.format("%.3f", v);
    }

    @Override
    public String describe(double x, double y, double w, double h, Style style) {
        if (snapshot.runs().isEmpty()) {
            return null;
        }
        Plot p = plot(Measure.graphics(), w, h, style);
        if (!p.contains(x, y)) {
            return null;
        }
        double at = p.dataX(x);
        StringBuilder sb = new StringBuilder(xAxis == XAxis.STEPS ? String.format("step %.0f", at) : String.format("%.1f s", at));
        for (RunSnapshot r : snapshot.runs()) {
            int i = nearest(r.train(), at);
            int j = nearest(r.validation(), at);
            sb.append(String.format(" · %s: train %s", r.id(), i < 0 ? "–" : fmt(smoothed(r.train())[i])));
            if (j >= 0) {
                sb.append(String.format(", val %s (step %d)", fmt(r.validation().value(j)), r.validation().step(j)));
            }
        }
        return sb.toString();
    }

    private int nearest(Series s, double at) {
        int best = -1;
        double d = Double.POSITIVE_INFINITY;
        for (int i = 0; i < s.size(); i++) {
            double di = Math.abs(x(s, i) - at);
            if (di < d) {
                d = di;
                best = i;
            }
        }
        return best;
    }

    @Override
    public Table table() {
        Table.Builder tb = new Table.Builder("model", "split", "step", "seconds", "bits_per_char");
        for (RunSnapshot r : snapshot.runs()) {
            for (int i = 0; i < r.train().size(); i++) {
                tb.row(r.label(), "train", r.train().step(i), (float) r.train().seconds(i), (float) r.train().value(i));
            }
            for (int i = 0; i < r.validation().size(); i++) {
                tb.row(r.label(), "validation", r.validation().step(i), (float) r.validation().seconds(i),
                        (float) r.validation().value(i));
            }
        }
        if (snapshot.data() != null && snapshot.data().floorBits().isPresent()) {
            tb.row("entropy floor", "floor", "", "", snapshot.data().floorBits().getAsDouble());
        }
        return tb.build();
    }
}
