package org.seqlab.app.figures;

import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import org.seqlab.app.text.Texts;
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

    final TrainingSnapshot snapshot;
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
        return Texts.format("loss.title.f", unit(), data, snapshot.step());
    }

    private String unit() {
        return Texts.unit(snapshot.data() == null ? "bits per character" : snapshot.data().unit());
    }

    double x(Series s, int i) {
        return xAxis == XAxis.STEPS ? s.step(i) : s.seconds(i);
    }

    /** Running mean of the last {@link LossLegend#SMOOTH} training losses at each point. */
    static double[] smoothed(Series s) {
        double[] out = new double[s.size()];
        double sum = 0;
        for (int i = 0; i < s.size(); i++) {
            sum += s.value(i);
            if (i >= LossLegend.SMOOTH) {
                sum -= s.value(i - LossLegend.SMOOTH);
            }
            out[i] = sum / Math.min(i + 1, LossLegend.SMOOTH);
        }
        return out;
    }

    Plot plot(Graphics2D g, double w, double h, Style style) {
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
            yHi = snapshot.data() == null ? 5 : Math.log(Math.max(2, snapshot.data().symbols())) / Math.log(2);
        }
        double pad = (yHi - yLo) * 0.06;
        yLo = Math.max(0, yLo - pad);
        yHi = yHi + pad;
        double top = style.titleBottom(g, title(), w) + 0;
        g.setFont(style.labelFont());
        top += new LossLegend(snapshot, title()).rows(g, w, h, style) * (g.getFontMetrics().getHeight() + 2) + 8;
        double bottom = h - 2.2 * g.getFontMetrics().getHeight() - 12;
        double left = 74 * style.typeScale();
        return new Plot(left, top, w - left - 24, bottom - top, 0, xMax, yLo, yHi, false);
    }

    @Override
    public void draw(Graphics2D g, double w, double h, Style style) {
        Style.background(g, w, h);
        style.title(g, title(), w);
        if (snapshot.runs().isEmpty()) {
            style.centeredNote(g, snapshot.phase() == TrainingSnapshot.Phase.LOADING ? Texts.get("note.loading") : Texts.get("note.noModels"), w, h);
            return;
        }
        Plot p = plot(g, w, h, style);
        String xLabel = Texts.get(xAxis == XAxis.STEPS ? "loss.x.steps" : "loss.x.seconds");
        g.setFont(style.labelFont());
        if (g.getFontMetrics().stringWidth(xLabel) > p.right() - p.left()) {
            xLabel = Texts.get("loss.x.secondsShort");
        }
        p.drawAxes(g, xLabel, unit(), true, style);
        java.awt.Shape clip = g.getClip();
        g.clip(p.bounds());
        if (snapshot.data() != null && snapshot.data().floorBits().isPresent()) {
            double f = snapshot.data().floorBits().getAsDouble();
            g.setPaint(style.ink());
            g.setStroke(LossLegend.FLOOR_STROKE);
            Style.line(g, p.left(), p.py(f), p.right(), p.py(f));
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
                for (int i = tr.size() / 16; i < tr.size(); i += Math.max(1, tr.size() / 8)) {   // its marker: whose line, without colour
                    g.fill(Marks.of(r.id(), p.px(x(tr, i)), p.py(sm[i]), 3.5));
                }
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
                    g.fill(Marks.of(r.id(), p.px(x(va, i)), p.py(va.value(i)), 3.5));
                }
            }
        }
        g.setClip(clip);
        if (snapshot.timeline().scrubbed() && xAxis == XAxis.STEPS) {
            p.marker(g, snapshot.timeline().viewing(), Texts.format("loss.viewing.f", snapshot.timeline().viewing()), style);
        }
        new LossLegend(snapshot, title()).draw(g, p, style, w, h);
    }

    private static void lineTo(Path2D.Double path, boolean first, double x, double y) {
        if (first) {
            path.moveTo(x, y);
        } else {
            path.lineTo(x, y);
        }
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
        StringBuilder sb = new StringBuilder(xAxis == XAxis.STEPS ? Texts.format("loss.at.step.f", at) : Texts.format("loss.at.seconds.f", at));
        for (RunSnapshot r : snapshot.runs()) {
            int i = nearest(r.train(), at);
            int j = nearest(r.validation(), at);
            sb.append(Texts.format("loss.at.train.f", r.id(), i < 0 ? "–" : LossLegend.fmt(smoothed(r.train())[i])));
            if (j >= 0) {
                sb.append(Texts.format("loss.at.val.f", LossLegend.fmt(r.validation().value(j)), r.validation().step(j)));
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
