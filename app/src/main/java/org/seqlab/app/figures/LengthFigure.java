package org.seqlab.app.figures;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.List;
import org.seqlab.app.text.EngineNames;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.inspect.LengthProbe;
import org.seqlab.engine.model.Family;

/**
 * Validation loss on windows 1, 2 and 4 times the training length, one curve per text model, with each model's reach
 * marked: a Transformer's context (it cannot read beyond it: no point there) and a convolution's receptive field.
 */
public final class LengthFigure implements Figure {

    private final List<LengthProbe.Curve> curves;

    public LengthFigure(List<LengthProbe.Curve> curves) {
        this.curves = List.copyOf(curves);
    }

    @Override
    public String name() {
        return "length";
    }

    @Override
    public String title() {
        return curves.isEmpty() ? Texts.get("length.title.none") : Texts.format("length.title.f", curves.get(0).lengths()[0]);
    }

    @Override
    public void draw(Graphics2D g, double w, double h, Style style) {
        Style.background(g, w, h);
        double top = style.title(g, title(), w);
        if (curves.isEmpty()) {
            style.centeredNote(g, Texts.get("length.noModel"), w, h);
            return;
        }
        g.setFont(style.labelFont());
        FontMetrics fm = g.getFontMetrics();
        double y = top + fm.getAscent();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int maxLength = 0;
        for (LengthProbe.Curve c : curves) {
            String reach = c.family() == Family.TRANSFORMER && c.past() ? Texts.format("length.past.f", c.limit())
                    : c.family() == Family.TRANSFORMER ? Texts.format("length.most.f", c.limit())
                    : c.family() == Family.CONV1D ? Texts.format("length.sees.f", c.limit()) : Texts.get("length.any");
            Marks.swatch(g, c.id(), Style.run(c.id()), Style.stroke(3), 14, y - fm.getAscent() / 3.0, 26);
            g.setPaint(style.ink());
            style.shrunk(g, c.id() + ": " + EngineNames.model(c.label()) + reach, 48, y, w - 60);
            y += fm.getHeight();
            for (int k = 0; k < c.bits().length; k++) {
                if (!Double.isNaN(c.bits()[k])) {
                    lo = Math.min(lo, c.bits()[k]);
                    hi = Math.max(hi, c.bits()[k]);
                }
                maxLength = Math.max(maxLength, c.lengths()[k]);
            }
        }
        if (!Double.isFinite(lo)) {
            lo = 0;
            hi = 1;
        }
        double pad = Math.max(0.05, (hi - lo) * 0.15);
        g.setFont(style.tickFont());
        FontMetrics tf = g.getFontMetrics();
        double left = 16 + tf.stringWidth("0.00") + g.getFontMetrics(style.labelFont()).getHeight() + 6;
        double bottom = 2 * tf.getHeight() + g.getFontMetrics(style.labelFont()).getHeight() + 8;
        Plot p = new Plot(left, y + 6, w - left - 24, h - y - 6 - bottom, 0, maxLength * 1.05, Math.max(0, lo - pad), hi + pad, false);
        p.drawAxes(g, Texts.get("length.x"), Texts.unit("bits per character"), true, style);
        for (LengthProbe.Curve c : curves) {
            if (c.limit() > 0 && c.limit() <= maxLength) {
                g.setPaint(Style.run(c.id()));
                g.setStroke(Style.dashed(1.5));
                Style.line(g, p.px(c.limit()), p.top(), p.px(c.limit()), p.bottom());
            }
            Path2D.Double path = new Path2D.Double();
            boolean started = false;
            g.setPaint(Style.run(c.id()));
            for (int k = 0; k < c.bits().length; k++) {
                if (Double.isNaN(c.bits()[k])) {
                    continue;
                }
                double px = p.px(c.lengths()[k]);
                double py = p.py(c.bits()[k]);
                if (started) {
                    path.lineTo(px, py);
                } else {
                    path.moveTo(px, py);
                    started = true;
                }
                g.fill(Marks.of(c.id(), px, py, 4));
            }
            g.setStroke(Style.stroke(2.5));
            g.draw(path);
        }
    }

    @Override
    public Table table() {
        List<String> cols = new ArrayList<>(List.of("model", "reach"));
        int n = curves.isEmpty() ? 0 : curves.get(0).lengths().length;
        for (int k = 0; k < n; k++) {
            cols.add("bits at " + curves.get(0).lengths()[k]);
        }
        Table.Builder tb = new Table.Builder(cols.toArray(String[]::new));
        for (LengthProbe.Curve c : curves) {
            List<Object> row = new ArrayList<>(List.of(c.id() + " " + c.label(), c.limit()));
            for (double b : c.bits()) {
                row.add(b);
            }
            tb.row(row.toArray());
        }
        return tb.build();
    }
}
