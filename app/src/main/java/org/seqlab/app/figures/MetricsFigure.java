package org.seqlab.app.figures;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.seqlab.app.text.EngineNames;
import org.seqlab.app.text.Texts;
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
        return Texts.format("metrics.title.f", snapshot.step());
    }

    /** Byte-pair tokens: the loss per token, and per character beside it. */
    private boolean tokens() {
        return snapshot.data() != null && snapshot.data().tokens();
    }

    private boolean synthetic() {
        return snapshot.data() != null && snapshot.data().floorBits().isPresent();
    }

    /** The table's heads: on screen in the interface's words, in the CSV in English (an export is language-neutral). */
    private List<String> columns(boolean shown) {
        List<String> c = new ArrayList<>(tokens()
                ? List.of("model", "params", "train bits/token", "val bits/token", "val bpc", "perplexity/token")
                : List.of("model", "params", "train bpc", "val bpc", "val nats", "perplexity"));
        if (synthetic()) {
            c.add("KL bits");
        }
        c.addAll(List.of("steps/s", "‖g‖", "lr"));
        return shown ? c.stream().map(k -> Texts.orElse("metrics.col." + k.replace(' ', '_'), k)).toList() : c;
    }

    /** The numbers as the interface's language writes them on screen ({@code l}), or as the CSV does ({@link Locale#ROOT}). */
    private List<List<String>> rows(Locale l) {
        List<List<String>> rows = new ArrayList<>();
        for (RunSnapshot r : snapshot.runs()) {
            double train = r.train().recentMean(SMOOTH);
            double val = r.validation().last();
            List<String> row = new ArrayList<>(List.of((l == Locale.ROOT ? r.label() : EngineNames.model(r.label())) + (r.status() == ModelRun.Status.DIVERGED ? (l == Locale.ROOT ? " (diverged)" : Texts.get("loss.diverged")) : ""),
                    l == Locale.ROOT ? String.valueOf(r.parameters()) : String.format(l, "%,d", r.parameters()), f3(l, train), f3(l, val),
                    f3(l, tokens() ? val / snapshot.data().charactersPerToken() : Metrics.nats(val)),
                    f3(l, Metrics.perplexity(Metrics.nats(val)))));
            if (synthetic()) {
                row.add(f3(l, Metrics.klBits(val, snapshot.data().floorBits().getAsDouble())));
            }
            row.addAll(List.of(String.format(l, "%.1f", r.stepsPerSecond()), f3(l, r.gradNorm()),
                    Double.isNaN(r.learningRate()) ? "–" : String.format(l, "%.2g", r.learningRate())));
            rows.add(row);
        }
        return rows;
    }

    private static String f3(Locale l, double v) {
        return Double.isNaN(v) ? "–" : String.format(l, "%.3f", v);
    }

    @Override
    public void draw(Graphics2D g, double w, double h, Style style) {
        Style.background(g, w, h);
        double y = style.title(g, title(), w) + 8;
        if (snapshot.runs().isEmpty()) {
            style.centeredNote(g, Texts.get("note.noModels"), w, h);
            return;
        }
        List<String> cols = columns(true);
        List<List<String>> rows = rows(Texts.locale());
        g.setFont(style.labelFont().deriveFont(java.awt.Font.BOLD));   // the widest the cells are set in
        boolean across = widths(g, cols, rows).stream().mapToDouble(Double::doubleValue).sum() <= w - 32;
        double note;
        if (across) {
            note = table(g, y, h, cols, rows, true, style);
        } else {
            // too wide for one model per row: one metric per row, one model per column (named by its letter if need be)
            List<String> header = new ArrayList<>(List.of(Texts.get("metrics.metric")));
            List<List<String>> body = new ArrayList<>();
            for (int c = 1; c < cols.size(); c++) {
                List<String> row = new ArrayList<>(List.of(cols.get(c)));
                for (List<String> r : rows) {
                    row.add(r.get(c));
                }
                body.add(row);
            }
            for (RunSnapshot r : snapshot.runs()) {
                header.add(EngineNames.model(r.label()));
            }
            if (widths(g, header, body).stream().mapToDouble(Double::doubleValue).sum() > w - 32) {
                header = new ArrayList<>(List.of(Texts.get("metrics.metric")));
                header.addAll(snapshot.runs().stream().map(RunSnapshot::id).toList());
            }
            note = table(g, y, h, header, body, false, style);
            g.setFont(style.labelFont());
        }
        g.setPaint(style.muted());
        g.setFont(style.tickFont());
        double x0 = 16;
        String notes = tokens()
                ? Texts.format("metrics.notes.tokens.f", snapshot.data().charactersPerToken(), SMOOTH)
                : Texts.format("metrics.notes.f", SMOOTH);
        if (!across) {
            notes = String.join(" · ", snapshot.runs().stream().map(RunSnapshot::label).toList()) + " · " + notes;
        }
        note = Style.wrapped(g, notes, x0, note, w - x0 - 12, h);
        if (synthetic()) {
            // the floor is the mean over the window's positions; the rate is its limit on endless windows, which can
            // differ a lot (0 for the repeat task, whose windows turn predictable once the string has been seen)
            var rate = snapshot.data().rateBits();
            Style.wrapped(g, Texts.format("metrics.floor.f", snapshot.data().sequenceLength(), snapshot.data().floorBits().getAsDouble(),
                    rate.isEmpty() ? "" : Texts.format("metrics.rate.f", rate.getAsDouble())), x0, note, w - x0 - 12, h);
        }
    }

    private static List<Double> widths(Graphics2D g, List<String> cols, List<List<String>> rows) {
        FontMetrics fm = g.getFontMetrics();
        List<Double> widths = new ArrayList<>();
        for (int c = 0; c < cols.size(); c++) {
            double cw = fm.stringWidth(cols.get(c)) + 24;
            for (List<String> r : rows) {
                cw = Math.max(cw, fm.stringWidth(r.get(c)) + 24);
            }
            widths.add(cw);
        }
        return widths;
    }

    /**
     * A table at y with a shaded header; each model's colour marks its row ({@code modelRows}) or its column. Returns
     * the baseline for the notes under it. Rows that would pass {@code bottom} are left out (the CSV has them all).
     */
    private double table(Graphics2D g, double y, double bottom, List<String> cols, List<List<String>> rows, boolean modelRows, Style style) {
        g.setFont(style.labelFont().deriveFont(java.awt.Font.BOLD));
        List<Double> widths = widths(g, cols, rows);
        g.setFont(style.labelFont());
        FontMetrics fm = g.getFontMetrics();
        double rowH = fm.getHeight() + 10;
        double x0 = 16;
        double total = widths.stream().mapToDouble(Double::doubleValue).sum();
        g.setPaint(style.grid());
        g.fill(new Rectangle2D.Double(x0, y, total, rowH));
        g.setFont(style.labelFont().deriveFont(java.awt.Font.BOLD));
        double x = x0;
        for (int c = 0; c < cols.size(); c++) {
            if (!modelRows && c > 0) {
                g.setPaint(Style.run(snapshot.runs().get(c - 1).id()));
                g.fill(new Rectangle2D.Double(x + 6, y + rowH - 4, widths.get(c) - 12, 4));
            }
            g.setPaint(style.ink());
            if (c == 0) {
                Style.text(g, cols.get(c), x + 8, y + rowH - 8);
            } else {
                Style.right(g, cols.get(c), x + widths.get(c) - 8, y + rowH - 8);
            }
            x += widths.get(c);
        }
        g.setFont(style.labelFont());
        for (int r = 0; r < rows.size(); r++) {
            double ry = y + (r + 1) * rowH;
            if (ry + rowH > bottom) {
                break;
            }
            if (modelRows) {
                g.setPaint(Style.run(snapshot.runs().get(r).id()));
                g.fill(new Rectangle2D.Double(x0, ry + 4, 5, rowH - 8));
            }
            g.setPaint(style.ink());
            x = x0;
            for (int c = 0; c < cols.size(); c++) {
                String cell = rows.get(r).get(c);
                if (c == 0) {
                    Style.text(g, cell, x + 12, ry + rowH - 8);
                } else {
                    Style.right(g, cell, x + widths.get(c) - 8, ry + rowH - 8);
                }
                x += widths.get(c);
            }
            g.setPaint(style.grid());
            Style.line(g, x0, ry + rowH, x0 + total, ry + rowH);
        }
        return y + (rows.size() + 1) * rowH + fm.getHeight() + 8;
    }

    @Override
    public Table table() {
        return new Table(columns(false), rows(Locale.ROOT));
    }
}
