package org.seqlab.app.figures;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.util.List;
import org.seqlab.app.text.EngineNames;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.Probe;
import org.seqlab.engine.model.Trace;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;
import org.seqlab.engine.train.TrainingSnapshot;

/**
 * A causal convolution stack drawn from its configuration: one row per layer input (characters at the bottom),
 * the output on top, and the dilated taps that connect them. Filled nodes are the measured receptive field: the
 * inputs where the gradient of the output's loss is not zero. With dilations 1, 2, 4, … it doubles per layer;
 * without them it grows by one per layer.
 */
public final class ConvStackFigure implements Figure {

    private final String runLabel;
    private final ModelConfig config;
    private final Trace trace;
    private final List<String> labels;
    private final int output;
    private final int step;
    private final int steps;

    /** @param output the position whose loss was back-propagated */
    public ConvStackFigure(String runLabel, ModelConfig config, Trace trace, List<String> labels, int output, int step) {
        this.runLabel = runLabel;
        this.config = config;
        this.trace = trace;
        this.labels = labels;
        this.step = step;
        this.steps = trace.get(new Probe.GradientNorm(Probe.GradientOf.LAYER_INPUT, 0)).rows();
        this.output = output < 0 || output >= steps ? steps - 1 : output;
    }

    /** The causal stack of convolution {@code r} and the receptive field of the inspected output. */
    public static Figure of(TrainingSnapshot s, RunSnapshot r) {
        return Traced.of("conv-stack", Texts.get("stack.title"), s, r, Texts.get("stack.empty"),
                (in, t) -> new ConvStackFigure(EngineNames.model(r.label()), r.config().model(), t, in.labels(), in.position(), in.step()));
    }

    @Override
    public String name() {
        return "conv-stack";
    }

    @Override
    public String title() {
        return Texts.format("stack.title.f", runLabel, output, labels.get(output), step);
    }

    private int dilation(int layer) {
        return config.dilated() ? 1 << layer : 1;
    }

    /** Measured: inputs of layer 0 with a non-zero gradient. */
    public int measuredField() {
        Trace.Array g = trace.get(new Probe.GradientNorm(Probe.GradientOf.LAYER_INPUT, 0));
        int n = 0;
        for (int t = 0; t < steps; t++) {
            n += g.get(t) != 0 ? 1 : 0;
        }
        return n;
    }

    @Override
    public void draw(Graphics2D g, double w, double h, Style style) {
        Style.background(g, w, h);
        double top = style.title(g, title(), w);
        int layers = config.layers();
        g.setFont(style.labelFont());
        FontMetrics fm = g.getFontMetrics();
        double left = fm.stringWidth(Texts.format("stack.layer.f", 10) + "  d=00") + 20;
        double spacing = Math.max(10, Math.min(34, (w - left - 30) / Math.min(steps, config.receptiveField() + 8)));
        int shown = (int) Math.min(steps, Math.floor((w - left - 30) / spacing));
        int first = Math.max(0, output - shown + 1);
        int undilated = 1 + (config.kernel() - 1) * layers;
        int dilatedField = config.withDilated(true).receptiveField();
        String measuredNote = Texts.format("stack.measured.f",
                measuredField(), config.receptiveField());
        String formulaNote = Texts.format("stack.formula.f", config.kernel(),
                layers, dilatedField, undilated);
        double noteRoom = w - 16 - 12;
        int noteLines = Style.lines(g, measuredNote, noteRoom).size() + Style.lines(g, formulaNote, noteRoom).size();
        g.setFont(style.monoFont());
        double charRow = g.getFontMetrics().getHeight() + 12;        // the input characters under the bottom row
        g.setFont(style.labelFont());
        double bottomRow = h - 10 - noteLines * fm.getHeight() - charRow;
        double rowGap = (bottomRow - top - 20) / layers;
        // a row's label needs a line: where rows are closer, every other one is labelled
        int labelEvery = rowGap >= fm.getHeight() + 2 ? 1 : 2;
        double radius = Math.max(3, Math.min(8, Math.min(spacing, rowGap) / 2.6));
        Color run = Style.run("A");
        double[] rowY = new double[layers + 1];
        for (int l = 0; l <= layers; l++) {
            rowY[l] = bottomRow - l * rowGap;                  // row l: input of layer l; row L: the output
        }
        // taps of the cone, top down, from the configuration
        boolean[][] cone = new boolean[layers + 1][steps];
        cone[layers][output] = true;
        for (int l = layers - 1; l >= 0; l--) {
            for (int t = 0; t < steps; t++) {
                if (!cone[l + 1][t]) {
                    continue;
                }
                for (int i = 0; i < config.kernel(); i++) {
                    int src = t - i * dilation(l);
                    if (src >= 0) {
                        cone[l][src] = true;
                        if (src >= first) {
                            g.setPaint(new Color(run.getRed(), run.getGreen(), run.getBlue(), 150));
                            g.setStroke(Style.stroke(1.6));
                            g.draw(new Line2D.Double(left + (t - first) * spacing, rowY[l + 1], left + (src - first) * spacing, rowY[l]));
                        }
                    }
                }
            }
        }
        for (int l = 0; l <= layers; l++) {
            Trace.Array grad = l < layers ? trace.get(new Probe.GradientNorm(Probe.GradientOf.LAYER_INPUT, l)) : null;
            g.setFont(style.labelFont());
            g.setPaint(style.ink());
            String label = l == layers ? Texts.get("lens.output") : Texts.format("stack.layer.f", l) + (l < layers ? "  d=" + dilation(l) : "");
            if (l % labelEvery == 0 || l == layers) {
                Style.right(g, label, left - 16, rowY[l] + fm.getAscent() / 2.0 - 2);
            }
            for (int t = first; t < steps; t++) {
                double x = left + (t - first) * spacing;
                boolean measured = l == layers ? t == output : grad.get(t) != 0;
                Ellipse2D.Double node = new Ellipse2D.Double(x - radius, rowY[l] - radius, 2 * radius, 2 * radius);
                g.setPaint(measured ? run : Color.WHITE);
                g.fill(node);
                g.setPaint(measured ? run.darker() : style.axis());
                g.setStroke(Style.stroke(1));
                g.draw(node);
            }
        }
        g.setFont(style.monoFont());
        g.setPaint(style.ink());
        int every = Math.max(1, (int) Math.ceil((g.getFontMetrics().stringWidth("m") + 3) / spacing));
        for (int t = first; t < steps; t += every) {
            Style.centered(g, labels.get(t), left + (t - first) * spacing, rowY[0] + radius + 4 + g.getFontMetrics().getAscent());
        }
        g.setFont(style.labelFont());
        g.setPaint(style.muted());
        double y = Style.wrapped(g, formulaNote, 16, bottomRow + charRow + fm.getAscent(), noteRoom, h);
        g.setPaint(style.ink());
        Style.wrapped(g, measuredNote, 16, y, noteRoom, h);
    }

    @Override
    public Table table() {
        Table.Builder tb = new Table.Builder("layer_input", "dilation", "position", "input", "grad_norm");
        for (int l = 0; l < config.layers(); l++) {
            Trace.Array g = trace.get(new Probe.GradientNorm(Probe.GradientOf.LAYER_INPUT, l));
            for (int t = 0; t < steps; t++) {
                tb.row(l, dilation(l), t, labels.get(t), g.get(t));
            }
        }
        return tb.build();
    }
}
