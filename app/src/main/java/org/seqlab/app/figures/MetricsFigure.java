package org.seqlab.app.figures;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.seqlab.engine.metrics.Metrics;
import org.seqlab.engine.train.ModelRun;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;
import org.seqlab.engine.train.TrainingSnapshot;

/**
 * Every model's numbers in one table: the validation loss in nats and in bits per character, its perplexity,
 * and on a synthetic source the floor and KL(p‖q) = NLL − H, the part of the loss the model could still lose.
 */
public final class MetricsFigure implements Figure {

    private static final int SMOOTH = 25;

    private final TrainingSnapshot snapshot;

    public MetricsFigure(TrainingSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    @Override
    public String name() {
        return "metrics";
    }

    @Override
    public String title() {
        return "Metrics · step " + snapshot.step();
    }

    private boolean synthetic() {
        return snapshot.data() != null && snapshot.data().floorBits().isPresent();
    }

    private List<String> columns() {
        List<String> c = new ArrayList<>(List.of("model", "params", "train bpc", "val bpc", "val nats", "perplexity"));
        if (synthetic()) {
            c.add("KL bits");
        }
        c.addAll(List.of("steps/s", "‖g‖", "lr"));
        return c;
    }

    private List<List<String>> rows() {
        List<List<String>> rows = new ArrayList<>();
        for (RunSnapshot r : snapshot.runs()) {
            double train = r.train().recentMean(SMOOTH);
            double val = r.validation().last();
            List<String> row = new ArrayList<>(List.of(r.label() + (r.status() == ModelRun.Status.DIVERGED ? " (diverged)" : ""),
                    String.format("%,d", r.parameters()), f3(train), f3(val), f3(Metrics.nats(val)),
                    f3(Metrics.perplexity(Metrics.nats(val)))));
            if (synthetic()) {
                row.add(f3(Metrics.klBits(val, snapshot.data().floorBits().getAsDouble())));
            }
            row.addAll(List.of(String.format("%.1f", r.stepsPerSecond()), f3(r.gradNorm()),
                    Double.isNaN(r.learningRate()) ? "–" : String.format("%.2g", r.learningRate())));
            rows.add(row);
        }
        return rows;
    }

    private static String f3(double v) {
        return Double.isNaN(v) ? "–" : String.format("%.3f", v);
    }

    @Override
    public void draw(Graphics2D g, double w, double h, Style style) {
        Style.background(g, w, h);
        double y = style.title(g, title(), w) + 8;
        if (snapshot.runs().isEmpty()) {
            style.centeredNote(g, "No models yet.", w, h);
            return;
        }
        List<String> cols = columns();
        List<List<String>> rows = rows();
        g.setFont(style.labelFont());
        FontMetrics fm = g.getFontMetrics();
        double[] widths = new double[cols.size()];
        for (int c = 0; c < cols.size(); c++) {
            widths[c] = fm.stringWidth(cols.get(c)) + 24;
            for (List<String> r : rows) {
                widths[c] = Math.max(widths[c], fm.stringWidth(r.get(c)) + 24);
            }
        }
        double rowH = fm.getHeight() + 10;
        double x0 = 16;
        g.setPaint(style.grid());
        double total = 0;
        for (double cw : widths) {
            total += cw;
        }
        g.fill(new Rectangle2D.Double(x0, y, total, rowH));
        g.setFont(style.labelFont().deriveFont(java.awt.Font.BOLD));
        g.setPaint(style.ink());
        double x = x0;
        for (int c = 0; c < cols.size(); c++) {
            if (c == 0) {
                Style.text(g, cols.get(c), x + 8, y + rowH - 8);
            } else {
                Style.right(g, cols.get(c), x + widths[c] - 8, y + rowH - 8);
            }
            x += widths[c];
        }
        g.setFont(style.labelFont());
        for (int r = 0; r < rows.size(); r++) {
            double ry = y + (r + 1) * rowH;
            g.setPaint(Style.run(snapshot.runs().get(r).id()));
            g.fill(new Rectangle2D.Double(x0, ry + 4, 5, rowH - 8));
            g.setPaint(style.ink());
            x = x0;
            for (int c = 0; c < cols.size(); c++) {
                String cell = rows.get(r).get(c);
                if (c == 0) {
                    Style.text(g, cell, x + 12, ry + rowH - 8);
                } else {
                    Style.right(g, cell, x + widths[c] - 8, ry + rowH - 8);
                }
                x += widths[c];
            }
            g.setPaint(style.grid());
            Style.line(g, x0, ry + rowH, x0 + total, ry + rowH);
        }
        double note = y + (rows.size() + 1) * rowH + fm.getHeight() + 8;
        g.setPaint(style.muted());
        g.setFont(style.tickFont());
        double line = g.getFontMetrics().getHeight() + 2;
        Style.text(g, Style.fit(g, "bpc: bits per character (per pixel for images) · train: mean of the last " + SMOOTH
                + " steps · val: the latest validation", w - x0 - 12), x0, note);
        Style.text(g, Style.fit(g, "perplexity = e^nats = 2^bpc · ‖g‖: gradient norm before clipping · lr: learning rate", w - x0 - 12), x0,
                note + line);
        if (synthetic()) {
            Style.text(g, Style.fit(g, String.format("The source's entropy floor for windows of T = %d is %.4f bits per symbol (entropy rate %.4f);"
                    + " KL = val bpc − floor.", snapshot.data().sequenceLength(), snapshot.data().floorBits().getAsDouble(),
                    snapshot.data().rateBits().orElse(Double.NaN)), w - x0 - 12), x0, note + 2 * line);
        }
    }

    @Override
    public Table table() {
        return new Table(columns(), rows());
    }
}
