package org.seqlab.app.figures;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.List;
import org.seqlab.app.text.EngineNames;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.Probe;
import org.seqlab.engine.model.Trace;
import org.seqlab.engine.train.TrainingSnapshot.InspectionSnapshot;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;
import org.seqlab.engine.train.TrainingSnapshot;

/**
 * How much of the last character's gradient still reaches each earlier hidden state: ‖∂L_T/∂h_t‖ ÷ ‖∂L_T/∂h_T‖
 * for every t, on a log scale, one curve per model on the same input (the quantity {@code grad_ratio(A, k)}
 * measures at k = T − t). Relative to its own value at T, so that a model whose loss is already near zero (an
 * LSTM that has learned the task, whose every gradient is small) is compared with one that has not on what the
 * lesson is about: how fast the gradient shrinks with distance. Both shrink; a vanilla RNN's faster. The legend
 * gives each model's mean factor per step back, its ‖∂L_T/∂h_T‖ and, where it clips, what clipping did: every
 * gradient scaled by the same min(1, c/‖∇θ L_T‖), which leaves these ratios as they are — clipping tames an
 * explosion but cannot restore a gradient that has vanished.
 */
public final class GradientFlowFigure implements Figure {

    /**
     * One model's curve.
     *
     * @param norms     ‖∂L_T/∂h_t‖ for t = 0..T-1
     * @param paramNorm ‖∇θ L_T‖
     * @param clipNorm  the clipping threshold, or NaN without clipping
     */
    public record Curve(String id, String label, double[] norms, double paramNorm, double clipNorm) {
        double scale() {
            return Double.isNaN(clipNorm) || paramNorm <= clipNorm ? 1 : clipNorm / paramNorm;
        }

        /** ‖∂L_T/∂h_t‖ ÷ ‖∂L_T/∂h_T‖ (NaN where the gradient at T is zero). */
        public double relative(int t) {
            double atT = norms[norms.length - 1];
            return atT > 0 ? norms[t] / atT : Double.NaN;
        }

        /** The geometric-mean factor by which the gradient shrinks per step back, from T to the first input. */
        public double perStep() {
            int k = norms.length - 1;
            return k > 0 && relative(0) > 0 ? Math.pow(relative(0), 1.0 / k) : Double.NaN;
        }
    }

    private final List<Curve> curves;
    private final List<String> labels;
    private final int step;
    final int steps;

    public GradientFlowFigure(List<Curve> curves, List<String> labels, int step) {
        this.curves = List.copyOf(curves);
        this.labels = labels;
        this.step = step;
        this.steps = curves.isEmpty() ? 0 : curves.get(0).norms().length;
    }

    public List<Curve> curves() {
        return curves;
    }

    /** Every text model's gradient through time on the inspected input. */
    public static Figure of(TrainingSnapshot s) {
        String why = Traced.why(s);
        return why.isEmpty() ? new GradientFlowFigure(curves(s, s.inspection()), s.inspection().labels(), s.inspection().step())
                : Figure.empty("gradient-flow", Texts.get("view.gradient"), why);
    }

    /** One curve per text model: recurrent models by their top layer's hₜ, Transformers by their input xₜ. */
    static List<Curve> curves(TrainingSnapshot s, InspectionSnapshot in) {
        List<Curve> curves = new ArrayList<>();
        for (RunSnapshot r : s.runs()) {
            Trace t = in.traces().get(r.id());
            Probe name = r.config().model().family() == Family.TRANSFORMER ? new Probe.GradientNorm(Probe.GradientOf.LAYER_INPUT, 0)
                    : new Probe.GradientNorm(Probe.GradientOf.HIDDEN, r.config().model().layers() - 1);
            if (t != null && t.has(name)) {
                Trace.Array g = t.get(name);
                double[] norms = new double[g.rows()];
                for (int i = 0; i < norms.length; i++) {
                    norms[i] = g.get(i);
                }
                double clip = r.config().optimizer().clip() ? r.config().optimizer().clipNorm() : Double.NaN;
                curves.add(new Curve(r.id(), r.label(), norms, t.get(new Probe.ParameterGradientNorm()).get(0), clip));
            }
        }
        return curves;
    }

    @Override
    public String name() {
        return "gradient-flow";
    }

    @Override
    public String title() {
        return Texts.format("grad.title.f", step);
    }

    Plot plot(Graphics2D g, double w, double h, Style style) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (Curve c : curves) {
            for (int t = 0; t < c.norms().length; t++) {
                double v = c.relative(t);
                if (v > 0) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (!(hi > 0)) {
            lo = 1e-3;
            hi = 1;
        }
        lo = Math.pow(10, Math.floor(Math.log10(lo)));
        hi = Math.pow(10, Math.ceil(Math.log10(hi)));
        if (hi <= lo) {
            hi = lo * 10;
        }
        double top = style.titleBottom(g, title(), w) + 8;
        g.setFont(style.labelFont());
        top += legendLines(g, w, h, style).stream().mapToInt(List::size).sum() * (g.getFontMetrics().getHeight() + 2) + 6;
        g.setFont(style.monoFont());
        double bottom = h - 2.6 * g.getFontMetrics().getHeight() - 10;
        double left = 78 * style.typeScale();
        return new Plot(left, top, w - left - 24, bottom - top, -0.5, steps - 0.5, lo, hi, true);
    }

    @Override
    public void draw(Graphics2D g, double w, double h, Style style) {
        Style.background(g, w, h);
        style.title(g, title(), w);
        if (curves.isEmpty() || steps == 0) {
            style.centeredNote(g, Texts.get("note.noRecurrent"), w, h);
            return;
        }
        Plot p = plot(g, w, h, style);
        p.drawAxes(g, null, Texts.get("grad.y"), false, style);
        g.setFont(style.monoFont());
        FontMetrics fm = g.getFontMetrics();
        int every = Math.max(1, (int) Math.ceil((fm.stringWidth("m") + 4) / ((p.right() - p.left()) / steps)));
        g.setPaint(style.ink());
        for (int t = 0; t < steps && t < labels.size(); t += every) {
            Style.centered(g, labels.get(t), p.px(t), p.bottom() + fm.getAscent() + 4);
        }
        g.setFont(style.labelFont());
        style.centeredShrunk(g, Texts.get("grad.x"), w / 2, h - 8, w - 24);

        for (Curve c : curves) {
            g.setPaint(Style.run(c.id()));
            double[] relative = new double[c.norms().length];
            for (int t = 0; t < relative.length; t++) {
                relative[t] = c.relative(t);
            }
            drawCurve(g, p, relative, c.id());
        }
        legend(g, p, w, h, style);
    }

    private static void drawCurve(Graphics2D g, Plot p, double[] norms, String id) {
        Path2D.Double path = new Path2D.Double();
        boolean started = false;
        for (int t = 0; t < norms.length; t++) {
            double v = norms[t];
            if (!(v > 0)) {
                started = false;
                continue;
            }
            double x = p.px(t);
            double y = p.py(v);
            if (started) {
                path.lineTo(x, y);
            } else {
                path.moveTo(x, y);
                started = true;
            }
        }
        g.setStroke(Style.stroke(2.5));
        g.draw(path);
        for (int t = 0; t < norms.length; t++) {
            if (norms[t] > 0) {
                g.fill(Marks.of(id, p.px(t), p.py(norms[t]), 3));
            }
        }
    }

    /**
     * Each model's legend entry, in as many lines as the width needs (the swatch takes the first line's left); where
     * the whole entries would leave the plot under four lines high (a short pane, presenting), its name and the factor
     * per step back only, which the lesson reads.
     */
    private List<List<String>> legendLines(Graphics2D g, double w, double h, Style style) {
        List<List<String>> full = legendLines(g, w, false);
        double lh = g.getFontMetrics().getHeight() + 2;
        double room = h - style.titleBottom(g, title(), w) - 8 - 6 - 2.6 * lh - 10;
        g.setFont(style.labelFont());
        return room - full.stream().mapToInt(List::size).sum() * lh >= 4 * lh ? full : legendLines(g, w, true);
    }

    private List<List<String>> legendLines(Graphics2D g, double w, boolean brief) {
        List<List<String>> out = new ArrayList<>();
        for (Curve c : curves) {
            String clip = Double.isNaN(c.clipNorm()) ? Texts.get("grad.noClip")
                    : c.scale() < 1 ? Texts.format("grad.clipped.f", Style.number(c.clipNorm()),
                            Style.number(c.paramNorm()), Style.number(c.scale()))
                    : Texts.format("grad.notClipped.f", Style.number(c.clipNorm()), Style.number(c.paramNorm()));
            String shrink = Double.isNaN(c.perStep()) ? "" : Texts.format("grad.perStep.f", c.perStep());
            String name = EngineNames.model(c.label());
            out.add(Style.lines(g, brief ? (shrink.isEmpty() ? name : name + " — " + shrink.replaceAll(" · $", ""))
                    : name + " — " + shrink + "‖∂L_T/∂h_T‖ = " + Style.number(c.norms()[c.norms().length - 1]) + " · " + clip, w - 16 - 32 - 12));
        }
        return out;
    }

    /** Above the plot, never over the curves: each model's colour, name and clipping. */
    private void legend(Graphics2D g, Plot p, double w, double h, Style style) {
        g.setFont(style.labelFont());
        FontMetrics fm = g.getFontMetrics();
        List<List<String>> entries = legendLines(g, w, h, style);
        double lh = fm.getHeight() + 2;
        double y = p.top() - 6 - entries.stream().mapToInt(List::size).sum() * lh + fm.getAscent();
        for (int i = 0; i < curves.size(); i++) {
            Marks.swatch(g, curves.get(i).id(), Style.run(curves.get(i).id()), Style.stroke(3), 16, y - fm.getAscent() / 2.5, 24);
            g.setPaint(style.ink());
            for (String line : entries.get(i)) {
                Style.text(g, line, 16 + 32, y);
                y += lh;
            }
        }
    }

    @Override
    public String describe(double x, double y, double w, double h, Style style) {
        if (curves.isEmpty() || steps == 0) {
            return null;
        }
        Plot p = plot(Measure.graphics(), w, h, style);
        if (!p.contains(x, y)) {
            return null;
        }
        int t = (int) Math.round(p.dataX(x));
        if (t < 0 || t >= steps) {
            return null;
        }
        StringBuilder sb = new StringBuilder(Texts.format("cell.input.f", t, labels.get(t)));
        for (Curve c : curves) {
            sb.append(Texts.format("grad.cell.f", c.id(), c.relative(t), c.norms()[t]));
        }
        return sb.toString();
    }

    @Override
    public Table table() {
        List<String> cols = new ArrayList<>(List.of("t", "input"));
        for (Curve c : curves) {
            cols.add(c.id() + " grad_norm");
            cols.add(c.id() + " relative_to_T");
            cols.add(c.id() + " after_clipping");
        }
        Table.Builder tb = new Table.Builder(cols.toArray(String[]::new));
        for (int t = 0; t < steps; t++) {
            List<Object> row = new ArrayList<>(List.of(t, labels.get(t)));
            for (Curve c : curves) {
                row.add(c.norms()[t]);
                row.add(c.relative(t));
                row.add(c.norms()[t] * c.scale());
            }
            tb.row(row.toArray());
        }
        return tb.build();
    }
}
