package org.seqlab.app.figures;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.expect.PointHistory;

/**
 * When a scene made its point: each of its measurements at every checkpoint of training, one small plot each, with the
 * first step at which every check held marked.
 */
public final class PointHistoryFigure implements Figure {

    private final PointHistory history;

    public PointHistoryFigure(PointHistory history) {
        this.history = history;
    }

    /** The height that gives each of {@code measurements} a plot a teacher can read (about 100 px each at normal type). */
    public static double height(int measurements, Style style) {
        return style.typeScale() * (36 + 100 * Math.max(1, measurements) + 44);
    }

    @Override
    public String name() {
        return "point-over-training";
    }

    @Override
    public String title() {
        int first = history.madeFrom();
        return first < 0 ? Texts.get("history.notYet") : Texts.format("history.from.f", first);
    }

    @Override
    public void draw(Graphics2D g, double w, double h, Style style) {
        Style.background(g, w, h);
        double top = style.title(g, title(), w);
        List<Map.Entry<String, double[]>> series = new ArrayList<>(history.values().entrySet());
        series.removeIf(e -> Arrays.stream(e.getValue()).allMatch(Double::isNaN));
        if (series.isEmpty() || history.steps().length < 2) {
            style.centeredNote(g, Texts.get("note.fewCheckpoints"), w, h);
            return;
        }
        int[] steps = history.steps();
        // one column, a row per measurement; only the bottom row carries the step axis, so the room it needs is kept
        // once below all rows
        g.setFont(style.tickFont());
        FontMetrics tf = g.getFontMetrics();
        g.setFont(style.labelFont());
        double labelH = g.getFontMetrics().getHeight();
        double axisRoom = tf.getHeight() + labelH + 10;
        double rowH = (h - top - axisRoom) / series.size();
        double left = 56 * style.typeScale();
        double right = w - tf.stringWidth(Plot.tick(steps[steps.length - 1])) / 2.0 - 8;
        for (int k = 0; k < series.size(); k++) {
            double y0 = top + k * rowH;
            double[] v = series.get(k).getValue();
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double x : v) {
                if (!Double.isNaN(x)) {
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
            }
            double pad = Math.max(1e-6, (hi - lo) * 0.08);
            boolean last = k == series.size() - 1;
            Plot p = new Plot(left, y0 + labelH + 2, right - left, rowH - labelH - 10, 0, steps[steps.length - 1], lo - pad,
                    hi + pad, false);
            p.drawAxes(g, last ? Texts.get("bars.step") : null, null, last, style);
            g.setFont(style.labelFont());
            g.setPaint(style.ink());
            style.shrunk(g, series.get(k).getKey(), left, y0 + g.getFontMetrics().getAscent(), right - left);
            Path2D.Double path = new Path2D.Double();
            boolean started = false;
            g.setPaint(Style.run(series.get(k).getKey().replaceAll(".*\\(([A-D]).*", "$1")));
            for (int i = 0; i < steps.length; i++) {
                if (Double.isNaN(v[i])) {
                    continue;
                }
                double px = p.px(steps[i]);
                double py = p.py(v[i]);
                if (started) {
                    path.lineTo(px, py);
                } else {
                    path.moveTo(px, py);
                    started = true;
                }
                g.fill(new Ellipse2D.Double(px - 3, py - 3, 6, 6));
            }
            g.setStroke(Style.stroke(2));
            g.draw(path);
            if (history.madeFrom() >= 0) {
                p.marker(g, history.madeFrom(), Texts.get("history.made"), style);
            }
        }
    }

    @Override
    public Table table() {
        List<String> cols = new ArrayList<>(List.of("step", "met"));
        cols.addAll(history.values().keySet());
        Table.Builder tb = new Table.Builder(cols.toArray(String[]::new));
        for (int i = 0; i < history.steps().length; i++) {
            List<Object> row = new ArrayList<>(List.of(history.steps()[i], history.met()[i] ? 1 : 0));
            for (double[] v : history.values().values()) {
                row.add(v[i]);
            }
            tb.row(row.toArray());
        }
        return tb.build();
    }
}
