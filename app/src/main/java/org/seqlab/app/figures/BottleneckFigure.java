package org.seqlab.app.figures;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.seqlab.app.text.EngineNames;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.data.tasks.Task;
import org.seqlab.engine.seq2seq.Seq2SeqExperiment;

/**
 * The bottleneck, measured: for each encoder–decoder, the share of test sources of each length whose greedy output
 * is exactly right, from the shortest to beyond the longest seen in training (shaded). Without attention the curve
 * falls as the source outgrows the one vector the decoder starts from; with attention it stays up much longer.
 */
public final class BottleneckFigure implements Figure {

    /** One model's curve: length → {test sources, exactly right}. */
    public record Curve(String id, String label, TreeMap<Integer, int[]> byLength) {
    }

    /** The curves, the longest training source, and the step they were measured at. */
    public record Input(String task, List<Curve> curves, int trainMax, int step) {
    }

    private final Input in;

    public BottleneckFigure(Input in) {
        this.in = in;
    }

    /** The curves of every measured model of an experiment on {@code task}, measured at their step. */
    public static BottleneckFigure of(Task task, List<Seq2SeqExperiment.Measured> measured) {
        List<Curve> curves = new ArrayList<>();
        for (var m : measured) {
            curves.add(new Curve(m.id(), m.label(), m.byLength()));
        }
        return new BottleneckFigure(new Input(task.id(), curves, task.trainMax(), measured.isEmpty() ? 0 : measured.get(0).step()));
    }

    @Override
    public String name() {
        return "bottleneck";
    }

    @Override
    public String title() {
        return Texts.format("bottleneck.title.f", in.task(), in.step());
    }

    @Override
    public void draw(Graphics2D g, double w, double h, Style style) {
        Style.background(g, w, h);
        double top = style.title(g, title(), w);
        if (in.curves().isEmpty() || in.curves().get(0).byLength().isEmpty()) {
            style.centeredNote(g, Texts.get("note.notMeasured"), w, h);
            return;
        }
        int maxLength = in.curves().stream().mapToInt(c -> c.byLength().lastKey()).max().orElse(1);
        // the legend: one row per model, above the plot
        g.setFont(style.labelFont());
        FontMetrics fm = g.getFontMetrics();
        double y = top + fm.getAscent();
        for (Curve c : in.curves()) {
            Marks.swatch(g, c.id(), Style.run(c.id()), Style.stroke(3), 14, y - fm.getAscent() / 3.0, 26);
            g.setPaint(style.ink());
            style.shrunk(g, c.id() + ": " + EngineNames.model(c.label()), 48, y, w - 60);
            y += fm.getHeight();
        }
        g.setFont(style.tickFont());
        FontMetrics tf = g.getFontMetrics();
        double left = 16 + tf.stringWidth("100%") + 2 * g.getFontMetrics(style.labelFont()).getHeight();
        double bottomRoom = 2 * tf.getHeight() + g.getFontMetrics(style.labelFont()).getHeight() + 8;
        Plot p = new Plot(left, y + 6, w - left - 18, h - y - 6 - bottomRoom, 0.5, maxLength + 0.5, 0, 1, false);
        // beyond training, shaded and labelled
        if (in.trainMax() < maxLength) {
            g.setPaint(new java.awt.Color(0, 0, 0, 18));
            g.fill(new Rectangle2D.Double(p.px(in.trainMax() + 0.5), p.top(), p.right() - p.px(in.trainMax() + 0.5), p.bottom() - p.top()));
        }
        p.drawAxes(g, Texts.get("bottleneck.x"), Texts.get("bottleneck.y"), true, style);
        if (in.trainMax() < maxLength) {
            p.marker(g, in.trainMax() + 0.5, Texts.get("bottleneck.longer"), style);
        }
        for (Curve c : in.curves()) {
            Path2D.Double path = new Path2D.Double();
            boolean started = false;
            g.setPaint(Style.run(c.id()));
            for (Map.Entry<Integer, int[]> e : c.byLength().entrySet()) {
                if (e.getValue()[0] == 0) {
                    continue;
                }
                double px = p.px(e.getKey());
                double py = p.py((double) e.getValue()[1] / e.getValue()[0]);
                if (started) {
                    path.lineTo(px, py);
                } else {
                    path.moveTo(px, py);
                    started = true;
                }
                g.fill(Marks.of(c.id(), px, py, 3.5));
            }
            g.setStroke(Style.stroke(2.5));
            g.draw(path);
        }
    }

    @Override
    public Table table() {
        List<String> cols = new ArrayList<>(List.of("length"));
        for (Curve c : in.curves()) {
            cols.add(c.id() + " sources");
            cols.add(c.id() + " exact");
        }
        Table.Builder tb = new Table.Builder(cols.toArray(String[]::new));
        if (in.curves().isEmpty()) {
            return tb.build();
        }
        for (int length : in.curves().get(0).byLength().keySet()) {
            List<Object> row = new ArrayList<>(List.of(length));
            for (Curve c : in.curves()) {
                int[] v = c.byLength().getOrDefault(length, new int[2]);
                row.add(v[0]);
                row.add(v[0] == 0 ? Double.NaN : (double) v[1] / v[0]);
            }
            tb.row(row.toArray());
        }
        return tb.build();
    }
}
