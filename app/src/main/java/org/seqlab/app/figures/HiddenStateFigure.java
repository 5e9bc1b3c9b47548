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
 * The hidden state h_t of one recurrent layer for every character of the input: time along x, units along y,
 * on a diverging scale from −1 to 1 (the range of tanh and of o ⊙ tanh(c)). Each column is the fixed-size
 * vector that is all the model remembers of the prefix.
 */
public final class HiddenStateFigure implements Figure {

    private final String runLabel;
    private final Trace.Array h; // [T, H]
    private final List<String> labels;
    private final int layer;
    private final int step;

    /**
     * @param h      the trace {@code h.layer<l>} [T, H]
     * @param labels the input tokens (characters, or byte-pair tokens), at least T of them
     */
    public HiddenStateFigure(String runLabel, Trace.Array h, List<String> labels, int layer, int step) {
        this.runLabel = runLabel;
        this.h = h;
        this.labels = labels;
        this.layer = layer;
        this.step = step;
    }

    /** The hidden state of model {@code r} at {@code layer} (−1: its top layer) on the inspected input. */
    public static Figure of(TrainingSnapshot s, RunSnapshot r, int layer) {
        return Traced.of("hidden-state", Texts.get("view.hidden"), s, r, Texts.get("hidden.empty"), (in, t) -> {
            int l = layer < 0 ? r.config().model().layers() - 1 : layer;
            return new HiddenStateFigure(EngineNames.model(r.label()), t.get(new Probe.Hidden(l)), in.labels(), l, in.step());
        });
    }

    @Override
    public String name() {
        return "hidden-state";
    }

    @Override
    public String title() {
        return Texts.format("hidden.title.f", runLabel, layer, step);
    }

    /** Where the cells are in a box of w × hgt (for hit-testing, and for tests of the exports). */
    Heatmap.Grid grid(double w, double hgt, Style style) {
        return grid(Measure.graphics(), w, hgt, style);
    }

    private Heatmap.Grid grid(Graphics2D g, double w, double hgt, Style style) {
        double top = style.titleBottom(g, title(), w) + 4;
        g.setFont(style.monoFont());
        double bottom = hgt - 2.4 * g.getFontMetrics().getHeight() - 8;
        double left = 64 * style.typeScale();
        double right = w - Heatmap.colorBarWidth(g, style) - 12;
        return new Heatmap.Grid(left, top, Math.max(10, right - left), Math.max(10, bottom - top), h.cols(), h.rows());
    }

    @Override
    public void draw(Graphics2D g, double w, double hgt, Style style) {
        Style.background(g, w, hgt);
        style.title(g, title(), w);
        Heatmap.Grid grid = grid(g, w, hgt, style);
        Heatmap.draw(g, grid, h, ColorMap.DIVERGING, -1, 1, style);
        g.setFont(style.monoFont());
        FontMetrics fm = g.getFontMetrics();
        Heatmap.characterAxis(g, grid, labels, grid.y() + grid.height() + fm.getAscent() + 4, style);
        g.setFont(style.labelFont());
        g.setPaint(style.ink());
        Style.centered(g, Texts.get("axis.inputToken"), grid.x() + grid.width() / 2, hgt - 8);
        style.vertical(g, Texts.get("hidden.unit"), grid.x() - 40 * style.typeScale(), grid.y() + grid.height() / 2, grid.height() + 16);
        g.setFont(style.tickFont());
        g.setPaint(style.muted());
        int every = Math.max(1, (int) Math.ceil(g.getFontMetrics().getHeight() * 1.2 / (grid.height() / grid.rows())));
        every = every <= 1 ? 1 : every <= 2 ? 2 : every <= 4 ? 4 : every <= 8 ? 8 : every <= 16 ? 16 : 32;
        for (int r = 0; r < grid.rows(); r += every) {
            double cy = (grid.yAt(r) + grid.yAt(r + 1)) / 2;
            Style.right(g, String.valueOf(r), grid.x() - 5, cy + g.getFontMetrics().getAscent() / 2.0 - 2);
        }
        Heatmap.colorBar(g, grid.x() + grid.width() + 12, grid.y(), 14, grid.height(), ColorMap.DIVERGING, -1, 1, Texts.get("hidden.value"), style);
    }

    @Override
    public String describe(double x, double y, double w, double hgt, Style style) {
        Graphics2D g = Measure.graphics();
        Heatmap.Grid grid = grid(g, w, hgt, style);
        int t = grid.col(x);
        int u = grid.row(y);
        if (t < 0 || u < 0) {
            return null;
        }
        return Texts.format("hidden.cell.f", t, labels.get(t), u, h.get(t, u));
    }

    @Override
    public Table table() {
        String[] cols = new String[2 + h.cols()];
        cols[0] = "t";
        cols[1] = "input";
        for (int u = 0; u < h.cols(); u++) {
            cols[2 + u] = "h" + u;
        }
        Table.Builder tb = new Table.Builder(cols);
        for (int t = 0; t < h.rows(); t++) {
            Object[] row = new Object[2 + h.cols()];
            row[0] = t;
            row[1] = labels.get(t);
            for (int u = 0; u < h.cols(); u++) {
                row[2 + u] = h.get(t, u);
            }
            tb.row(row);
        }
        return tb.build();
    }

    /** The array drawn (for tests). */
    /** The input symbols, one per time step. */
    public List<String> labels() {
        return labels;
    }

    public Trace.Array data() {
        return h;
    }
}
