package org.seqlab.app.figures;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.util.List;
import org.seqlab.app.text.EngineNames;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.model.Probe;
import org.seqlab.engine.model.Trace;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;
import org.seqlab.engine.train.TrainingSnapshot;

/**
 * An LSTM layer's gates and cell over the input, one heatmap each, sharing the character axis:
 * input gate i, forget gate f, output gate o (on 0..1, viridis), candidate g (−1..1) and cell state c
 * (diverging, symmetric about 0). A forget gate near 1 is the cell keeping its memory.
 */
public final class GatesFigure implements Figure {

    /**
     * Per panel, top to bottom: its name in the CSV (its label is the bundle's {@code gates.<name>}: "input gate i") and
     * its colour scale; the first four are the gates in {@link Probe.Gate}'s order.
     */
    static final String[][] PANELS = {{"gate.i", "gate"}, {"gate.f", "gate"}, {"gate.o", "gate"}, {"gate.g", "signed"}, {"c", "cell"}};

    private final String runLabel;
    private final Trace trace;
    private final List<String> labels;
    private final int layer;
    private final int step;
    private final int units;
    private final int steps;

    /** @param maxUnits show the first this many units (so that rows stay readable) */
    public GatesFigure(String runLabel, Trace trace, List<String> labels, int layer, int step, int maxUnits) {
        this.runLabel = runLabel;
        this.trace = trace;
        this.labels = labels;
        this.layer = layer;
        this.step = step;
        Trace.Array c = trace.get(new Probe.Cell(layer));
        this.units = Math.min(maxUnits, c.cols());
        this.steps = c.rows();
    }

    /** The gates of LSTM {@code r} at {@code layer} (−1: its top layer), at most {@code maxUnits} units. */
    public static Figure of(TrainingSnapshot s, RunSnapshot r, int layer, int maxUnits) {
        return Traced.of("lstm-gates", Texts.get("view.gates"), s, r, Texts.get("gates.empty"), (in, t) -> new GatesFigure(EngineNames.model(r.label()), t,
                in.labels(), layer < 0 ? r.config().model().layers() - 1 : layer, in.step(), maxUnits));
    }

    @Override
    public String name() {
        return "lstm-gates";
    }

    @Override
    public String title() {
        return Texts.format("gates.title.f", runLabel, layer, units - 1, step);
    }

    Trace.Array panel(int k) {
        return trace.get(k < 4 ? new Probe.GateValues(Probe.Gate.values()[k], layer) : new Probe.Cell(layer));
    }

    /** Grid of panel k. */
    Heatmap.Grid grid(Graphics2D g, double w, double h, int k, Style style) {
        double top = style.titleBottom(g, title(), w) + 2;
        g.setFont(style.monoFont());
        double bottom = h - g.getFontMetrics().getHeight() - 12;
        double gap = 8;
        g.setFont(style.tickFont());
        double note = g.getFontMetrics().getHeight();   // a line over the cell's map for its colour range's note
        double panelH = (bottom - top - gap * (PANELS.length - 1) - note) / PANELS.length;
        g.setFont(style.labelFont());
        double left = 0;
        for (String[] panel : PANELS) {
            left = Math.max(left, g.getFontMetrics().stringWidth(Texts.get("gates." + panel[0])) + 22);
        }
        double right = w - Heatmap.colorBarWidth(g, style) - 12;
        double y = top + k * (panelH + gap) + (PANELS[k][1].equals("cell") ? note : 0);
        return new Heatmap.Grid(left, y, Math.max(10, right - left), Math.max(4, panelH), units, steps);
    }

    @Override
    public void draw(Graphics2D g, double w, double h, Style style) {
        Style.background(g, w, h);
        style.title(g, title(), w);
        Heatmap.Grid last = null;
        for (int k = 0; k < PANELS.length; k++) {
            Heatmap.Grid grid = grid(g, w, h, k, style);
            Trace.Array a = panel(k);
            double lo;
            double hi;
            ColorMap map;
            if (PANELS[k][1].equals("gate")) {
                lo = 0;
                hi = 1;
                map = ColorMap.VIRIDIS;
            } else {
                hi = PANELS[k][1].equals("cell") ? Heatmap.symmetricRange(a) : 1;
                lo = -hi;
                map = ColorMap.DIVERGING;
            }
            Heatmap.draw(g, grid, a, map, lo, hi, style);
            Heatmap.colorBar(g, grid.x() + grid.width() + 12, grid.y(), 14, grid.height(), map, lo, hi, null, style);
            if (PANELS[k][1].equals("cell") && a.maxAbs() > hi) {
                g.setFont(style.tickFont());
                g.setPaint(style.muted());
                Style.right(g, Texts.format("gates.cellRange.f", Style.number(a.maxAbs()), Style.number(hi)),
                        grid.x() + grid.width(), grid.y() - 3);
            }
            g.setFont(style.labelFont());
            g.setPaint(style.ink());
            FontMetrics fm = g.getFontMetrics();
            Style.right(g, Texts.get("gates." + PANELS[k][0]), grid.x() - 10, grid.y() + grid.height() / 2 + fm.getAscent() / 2.0 - 2);
            last = grid;
        }
        g.setFont(style.monoFont());
        Heatmap.characterAxis(g, last, labels, last.y() + last.height() + g.getFontMetrics().getAscent() + 4, style);
    }

    @Override
    public String describe(double x, double y, double w, double h, Style style) {
        Graphics2D g = Measure.graphics();
        for (int k = 0; k < PANELS.length; k++) {
            Heatmap.Grid grid = grid(g, w, h, k, style);
            int t = grid.col(x);
            int u = grid.row(y);
            if (t >= 0 && u >= 0) {
                return Texts.format("gates.cell.f", Texts.get("gates." + PANELS[k][0]), t, labels.get(t), u, panel(k).get(t, u));
            }
        }
        return null;
    }

    @Override
    public Table table() {
        String[] cols = new String[3 + units];
        cols[0] = "quantity";
        cols[1] = "t";
        cols[2] = "input";
        for (int u = 0; u < units; u++) {
            cols[3 + u] = "unit" + u;
        }
        Table.Builder tb = new Table.Builder(cols);
        for (int k = 0; k < PANELS.length; k++) {
            Trace.Array a = panel(k);
            for (int t = 0; t < steps; t++) {
                Object[] row = new Object[3 + units];
                row[0] = PANELS[k][0];
                row[1] = t;
                row[2] = labels.get(t);
                for (int u = 0; u < units; u++) {
                    row[3 + u] = a.get(t, u);
                }
                tb.row(row);
            }
        }
        return tb.build();
    }
}
