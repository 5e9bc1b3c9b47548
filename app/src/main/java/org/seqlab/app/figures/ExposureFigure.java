package org.seqlab.app.figures;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.List;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.data.ImageShape;

/**
 * Exposure bias. The same prefix continued two ways by each model: teacher-forced (it reads the true history, as
 * in training) and free-running (it reads what it generated itself). Top: the reference and every model's own
 * continuation, aligned, mismatches marked, with the step where each first leaves the reference. Middle: the loss
 * of the true next token at every step under both histories. Bottom: the same two curves averaged over many
 * validation windows — where scheduled sampling shows its effect, the dashed curve of a model trained with it
 * stays closer to its solid one.
 */
public final class ExposureFigure implements Figure {

    static final Color MISMATCH = new Color(0xf6c2b4);
    static final Color IMPOSSIBLE = new Color(0xD55E00);

    /** One model's example and average. */
    /**
     * @param prefix   the example's prefix, as token labels
     * @param tokens   a visible label per token id
     * @param decoding how free running chose its tokens ("greedy")
     * @param image    for image models, the image's size: the rows are drawn as images; null for text
     */
    public record Input(List<String> prefix, List<String> tokens, List<ExposureRun> runs, String decoding, int trainingStep, ImageShape image) {
    }

    private final Input in;
    private final int steps;

    /** Validation windows continued (the means use all of them). */
    public static final int WINDOWS = 32;

    public ExposureFigure(Input in) {
        this.in = in;
        this.steps = in.runs().isEmpty() ? 0 : in.runs().get(0).example().reference().length;
    }

    public Input input() {
        return in;
    }

    @Override
    public String name() {
        return "exposure-bias";
    }

    @Override
    public String title() {
        return Texts.format("exposure.title.f", in.decoding(), in.trainingStep());
    }

    /** Text: a strip of tokens per row; images: a box per row (reference first), side by side. */
    /** @param hidden how many of the prefix's first tokens are left out, so that the rows' letters stay readable */
    private record Layout(int hidden, TokenStrip[] rows, double rowTop, double rowH, double labelX, Plot example, Plot average, double rowsBottom,
            java.awt.geom.Rectangle2D.Double[] boxes, int notes) {
    }

    private Layout layout(Graphics2D g, double w, double h, Style style) {
        double top = style.titleBottom(g, title(), w) + 8;
        g.setFont(style.labelFont());
        FontMetrics lf = g.getFontMetrics();
        double rowH = 22 * style.typeScale();
        double labelW = lf.stringWidth(Texts.get("exposure.reference") + " ") + 14;
        int cells = in.prefix().size() + steps;
        int hidden = TokenStrip.hidden(g, w - labelW - 24, in.prefix().size(), cells, style);
        double cell = TokenStrip.cellFor(w - labelW - 24, cells - hidden, style);
        TokenStrip[] rows = new TokenStrip[in.runs().size() + 1];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new TokenStrip(12 + labelW, top + i * (rowH + 4), cell, rowH);
        }
        double rowsBottom = top + rows.length * (rowH + 4);
        java.awt.geom.Rectangle2D.Double[] boxes = null;
        if (in.image() != null) {
            int hh = in.image().height();
            int ww = in.image().width();
            double size = Math.max(48, Math.min(150 * style.typeScale(), (h - top) * 0.26));
            boxes = new java.awt.geom.Rectangle2D.Double[rows.length];
            double x = 12;
            for (int i = 0; i < rows.length; i++) {
                boxes[i] = ImagePainter.fit(new java.awt.geom.Rectangle2D.Double(x, top + lf.getHeight() + 4, size * ww / hh, size), hh, ww);
                x = boxes[i].getMaxX() + 28;
            }
            rowsBottom = boxes[0].getMaxY() + 4;
        }
        double left = 78 * style.typeScale();
        double legendW = 300 * style.typeScale();
        double bottomRoom = 2 * lf.getHeight() + 12;
        // the notes under the rows, as many as leave the plots room (longer in German: at 1280×720 presenting the plots'
        // ticks were pushed past the figure's bottom)
        int notes = notes().size();
        double plotsTop = rowsBottom + noteLines(g, notes, w) * lf.getHeight() + 14;
        while (notes > 0 && h - plotsTop - bottomRoom < 60 * style.typeScale()) {
            notes--;
            plotsTop = rowsBottom + noteLines(g, notes, w) * lf.getHeight() + 14;
        }
        double pw = w - left - legendW - 24;
        double ymax = 0;
        for (ExposureRun r : in.runs()) {
            for (double[] a : List.of(r.example().teacherForced(), r.example().freeRunning(), r.average().teacherForced(), r.average().freeRunning())) {
                for (double v : a) {
                    ymax = Math.max(ymax, bits(v));
                }
            }
        }
        double top1 = Plot.niceCeiling(Math.max(1, ymax));
        Plot example;
        Plot average;
        if (h - plotsTop - bottomRoom < 420 * style.typeScale()) {
            // little height: the two plots side by side
            double each = (pw - left) / 2;
            double ph = Math.max(30, h - plotsTop - bottomRoom);   // never past the figure's bottom: its ticks would be
            example = new Plot(left, plotsTop, each, ph, -0.5, steps - 0.5, 0, top1, false);
            average = new Plot(left + each + left, plotsTop, each, ph, -0.5, steps - 0.5, 0, top1, false);
        } else {
            double gap = 2 * lf.getHeight() + 30;
            double each = Math.max(60, (h - plotsTop - gap - bottomRoom) / 2);
            example = new Plot(left, plotsTop, pw, each, -0.5, steps - 0.5, 0, top1, false);
            average = new Plot(left, plotsTop + each + gap, pw, each, -0.5, steps - 0.5, 0, top1, false);
        }
        return new Layout(in.image() != null ? 0 : hidden, rows, top, rowH, 12, example, average, rowsBottom, boxes, notes);
    }

    private int noteLines(Graphics2D g, int notes, double w) {
        return notes().subList(0, notes).stream().mapToInt(n -> Style.lines(g, n, w - 24).size()).sum();
    }

    private static double bits(double nats) {
        return Math.min(nats / Math.log(2), 30);
    }

    @Override
    public void draw(Graphics2D g, double w, double h, Style style) {
        Style.background(g, w, h);
        style.title(g, title(), w);
        if (style.tooLow(g, w, h, 200)) {   // the rows of tokens, a note and two plots
            return;
        }
        if (in.runs().isEmpty() || steps == 0) {
            style.centeredNote(g, Texts.get("exposure.noModel"), w, h);
            return;
        }
        Layout L = layout(g, w, h, style);
        int p = in.prefix().size();
        if (in.image() != null) {
            drawImages(g, L, style);
        } else {
            drawRows(g, L, p - L.hidden(), style);
        }
        g.setFont(style.labelFont());
        FontMetrics lf = g.getFontMetrics();
        double y = L.rowsBottom() + lf.getAscent() + 2;
        g.setPaint(style.muted());
        for (String note : notes().subList(0, L.notes())) {
            y = Style.wrapped(g, note, 12, y, w - 24, h);
        }

        drawCurves(g, L.example(), true, Texts.get("exposure.example"), style);
        drawCurves(g, L.average(), false, Texts.format("exposure.mean.f", in.runs().get(0).average().windows()), style);
        ExposureLegend.draw(in.runs(), g, L.average().right() + 24, L.example().top(), h, w - 12, style);
    }

    /** The two notes under the rows: what the colours mean, and what the curves are. */
    private List<String> notes() {
        StringBuilder where = new StringBuilder(in.image() != null
                ? Texts.get("exposure.where.image")
                : Texts.get("exposure.where.text"));
        if (in.runs().stream().anyMatch(r -> r.example().impossibleAt() >= 0)) {
            where.append(Texts.get("exposure.where.impossible"));
        }
        return List.of(where + ".",
                Texts.get("exposure.loss"));
    }

    /** Images: the real digit, then each model's completion of its top rows. */
    private void drawImages(Graphics2D g, Layout L, Style style) {
        int hh = in.image().height();
        int ww = in.image().width();
        int p = in.prefix().size();
        g.setFont(style.labelFont());
        FontMetrics fm = g.getFontMetrics();
        for (int row = 0; row < L.boxes().length; row++) {
            java.awt.geom.Rectangle2D.Double box = L.boxes()[row];
            ExposureRun r = row == 0 ? null : in.runs().get(row - 1);
            int[] pixels = new int[p + steps];
            for (int i = 0; i < pixels.length; i++) {
                int token = i < p ? -1 : r == null ? in.runs().get(0).example().reference()[i - p] : r.example().generated()[i - p];
                pixels[i] = Integer.parseInt(i < p ? in.prefix().get(i) : in.tokens().get(token));
            }
            ImagePainter.binary(g, box, hh, ww, pixels, pixels.length, style);
            g.setComposite(java.awt.AlphaComposite.getInstance(java.awt.AlphaComposite.SRC_OVER, 0.28f));
            g.setPaint(new Color(0x56B4E9));
            for (int i = 0; i < p; i++) {
                g.fill(ImagePainter.cell(box, hh, ww, i / ww, i % ww));
            }
            if (r != null) {
                g.setComposite(java.awt.AlphaComposite.getInstance(java.awt.AlphaComposite.SRC_OVER, 0.6f));
                g.setPaint(IMPOSSIBLE);
                for (int t = 0; t < steps; t++) {
                    if (r.example().generated()[t] != r.example().reference()[t]) {
                        g.fill(ImagePainter.cell(box, hh, ww, (p + t) / ww, (p + t) % ww));
                    }
                }
            }
            g.setComposite(java.awt.AlphaComposite.SrcOver);
            g.setPaint(r == null ? style.ink() : Style.run(r.id()));
            Style.text(g, r == null ? Texts.get("exposure.realDigit") : Texts.format("exposure.model.f", r.id()), box.x, box.y - fm.getDescent() - 3);
        }
    }

    /** @param p how many of the prefix's tokens are shown (its last) */
    private void drawRows(Graphics2D g, Layout L, int p, Style style) {
        // the reference, then each model's own continuation
        List<String> shownPrefix = in.prefix().subList(in.prefix().size() - p, in.prefix().size());
        List<String> ref = new ArrayList<>(shownPrefix);
        for (int t : in.runs().get(0).example().reference()) {
            ref.add(in.tokens().get(t));
        }
        drawRowLabel(g, L, 0, Texts.get("exposure.reference"), style.ink(), style);
        L.rows()[0].draw(g, ref, null, p, -1, null, style);
        for (int i = 0; i < in.runs().size(); i++) {
            ExposureRun r = in.runs().get(i);
            List<String> cells = new ArrayList<>(shownPrefix);
            Color[] fills = new Color[p + steps];
            for (int t = 0; t < steps; t++) {
                cells.add(in.tokens().get(r.example().generated()[t]));
                if (r.example().generated()[t] != r.example().reference()[t]) {
                    fills[p + t] = MISMATCH;
                }
            }
            drawRowLabel(g, L, i + 1, r.id(), Style.run(r.id()), style);
            int div = r.example().divergence();
            L.rows()[i + 1].draw(g, cells, fills, p, div < 0 ? -1 : p + div, Style.run(r.id()), style);
            int bad = r.example().impossibleAt();
            if (bad >= 0) {
                double x = L.rows()[i + 1].cellX(p + bad);
                g.setPaint(IMPOSSIBLE);
                g.setStroke(Style.stroke(2));
                double y = L.rowTop() + (i + 1) * (L.rowH() + 4) + L.rowH() + 1;
                Style.line(g, x, y, x + (L.rows()[0].cellX(1) - L.rows()[0].cellX(0)), y);
            }
        }
    }

    private void drawRowLabel(Graphics2D g, Layout L, int row, String text, Color c, Style style) {
        g.setFont(style.labelFont());
        FontMetrics fm = g.getFontMetrics();
        g.setPaint(c);
        double y = L.rowTop() + row * (L.rowH() + 4);
        Style.text(g, text, L.labelX(), y + (L.rowH() + fm.getAscent() - fm.getDescent()) / 2);
    }

    private void drawCurves(Graphics2D g, Plot p, boolean example, String what, Style style) {
        p.drawAxes(g, Texts.get("exposure.x"), Texts.get("exposure.y"), true, style);
        g.setFont(style.labelFont().deriveFont(java.awt.Font.BOLD));
        g.setPaint(style.ink());
        style.shrunk(g, what, p.left() + 8, p.top() + g.getFontMetrics().getAscent() + 4, p.right() - p.left() - 16);
        for (ExposureRun r : in.runs()) {
            double[] tf = example ? r.example().teacherForced() : r.average().teacherForced();
            double[] fr = example ? r.example().freeRunning() : r.average().freeRunning();
            g.setPaint(Style.run(r.id()));
            curve(g, p, tf, Style.stroke(2.5));
            curve(g, p, fr, Style.dashed(2.5));
            if (example && r.example().divergence() >= 0) {
                double x = p.px(r.example().divergence());
                g.setStroke(Style.dashed(1.2));
                Style.line(g, x, p.top(), x, p.bottom());
            }
        }
    }

    private static void curve(Graphics2D g, Plot p, double[] nats, java.awt.Stroke stroke) {
        Path2D.Double path = new Path2D.Double();
        for (int t = 0; t < nats.length; t++) {
            double x = p.px(t);
            double y = p.py(bits(nats[t]));
            if (t == 0) {
                path.moveTo(x, y);
            } else {
                path.lineTo(x, y);
            }
        }
        g.setStroke(stroke);
        g.draw(path);
    }

    @Override
    public String describe(double x, double y, double w, double h, Style style) {
        if (in.runs().isEmpty() || steps == 0) {
            return null;
        }
        Layout L = layout(Measure.graphics(), w, h, style);
        for (Plot p : List.of(L.example(), L.average())) {
            if (p.contains(x, y)) {
                int t = (int) Math.round(p.dataX(x));
                if (t < 0 || t >= steps) {
                    return null;
                }
                StringBuilder sb = new StringBuilder(Texts.format("exposure.step.f", t));
                for (ExposureRun r : in.runs()) {
                    double[] tf = p == L.example() ? r.example().teacherForced() : r.average().teacherForced();
                    double[] fr = p == L.example() ? r.example().freeRunning() : r.average().freeRunning();
                    sb.append(Texts.format("exposure.cell.f", r.id(), bits(tf[t]), bits(fr[t])));
                }
                return sb.toString();
            }
        }
        return null;
    }

    @Override
    public Table table() {
        List<String> cols = new ArrayList<>(List.of("step", "reference"));
        for (ExposureRun r : in.runs()) {
            cols.addAll(List.of(r.id() + " generated", r.id() + " tf_bits", r.id() + " fr_bits", r.id() + " mean_tf_bits", r.id() + " mean_fr_bits",
                    r.id() + " diverged_share"));
        }
        Table.Builder tb = new Table.Builder(cols.toArray(String[]::new));
        for (int t = 0; t < steps; t++) {
            List<Object> row = new ArrayList<>(List.of(t, in.tokens().get(in.runs().get(0).example().reference()[t])));
            for (ExposureRun r : in.runs()) {
                row.addAll(List.of(in.tokens().get(r.example().generated()[t]), r.example().teacherForced()[t] / Math.log(2),
                        r.example().freeRunning()[t] / Math.log(2), r.average().teacherForced()[t] / Math.log(2),
                        r.average().freeRunning()[t] / Math.log(2), r.average().divergedShare()[t]));
            }
            tb.row(row.toArray());
        }
        return tb.build();
    }
}
