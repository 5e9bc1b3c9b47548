package org.seqlab.app.figures;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.Locale;
import org.seqlab.app.text.EngineNames;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.model.Probe;
import org.seqlab.engine.model.Trace;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;
import org.seqlab.engine.train.TrainingSnapshot;

/**
 * A Transformer's positional encoding as the model has it now: the table P (position × dimension) and the
 * dot product P·Pᵀ between every two positions. The sinusoidal table gives a smooth band along the diagonal
 * (nearby positions look alike, at every scale); a learned table starts as noise and grows its own structure.
 */
public final class PositionalFigure implements Figure {

    private final String runLabel;
    private final String kind;
    private final double[] table; // [positions, dim]
    private final int positions;
    private final int dim;
    private final double[] similarity;

    public PositionalFigure(String runLabel, String kind, double[] table, int positions, int dim) {
        this.runLabel = runLabel;
        this.kind = kind;
        this.table = table.clone();
        this.positions = positions;
        this.dim = dim;
        this.similarity = new double[positions * positions];
        for (int a = 0; a < positions; a++) {
            for (int b = 0; b < positions; b++) {
                double s = 0;
                for (int j = 0; j < dim; j++) {
                    s += table[a * dim + j] * table[b * dim + j];
                }
                similarity[a * positions + b] = s;
            }
        }
    }

    /** Model {@code r}'s table of positions, or why it has none (it adds no vectors). */
    public static Figure of(TrainingSnapshot s, RunSnapshot r) {
        String title = r == null ? Texts.get("positions.title") : Texts.format("positions.title.run.f", EngineNames.model(r.label()));
        String none = r == null ? "" : switch (r.config().model().positional()) {
            case NONE -> Texts.format("positions.none.f", r.id());
            case ALIBI -> Texts.format("positions.alibi.f", r.id());
            case ROPE -> Texts.format("positions.rope.f", r.id());
            default -> "";
        };
        if (!none.isEmpty()) {
            return Figure.empty("positional-encoding", title, none);
        }
        return Traced.of("positional-encoding", title, s, r, Texts.get("attention.empty"), (in, t) -> {
            Trace.Array p = t.get(new Probe.PositionTable());
            float[] f = p.data();
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i];
            }
            return new PositionalFigure(EngineNames.model(r.label()), r.config().model().positional().toString().toLowerCase(Locale.ROOT), d, p.rows(), p.cols());
        });
    }

    @Override
    public String name() {
        return "positional-encoding";
    }

    @Override
    public String title() {
        return Texts.format("positions.title.kind.f", kind, runLabel);
    }

    private Rectangle2D.Double panel(Graphics2D g, double w, double h, int p, Style style) {
        double top = style.titleBottom(g, title(), w) + 28;
        double bar = Heatmap.colorBarWidth(g, style);
        double gap = 70;
        double size = Math.max(40, Math.min((w - 2 * bar - gap - 100) / 2, h - top - 50));
        return new Rectangle2D.Double(60 + p * (size + bar + gap), top, size, size);
    }

    private static double maxAbs(double[] v) {
        double m = 1e-9;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    @Override
    public void draw(Graphics2D g, double w, double h, Style style) {
        Style.background(g, w, h);
        style.title(g, title(), w);
        double[][] data = {table, similarity};
        int[] cols = {dim, positions};
        String[] titles = {Texts.get("positions.panel.table"), Texts.get("positions.panel.similarity")};
        String[] xLabels = {Texts.get("positions.dimension"), Texts.get("positions.position")};
        for (int p = 0; p < 2; p++) {
            Rectangle2D.Double r = panel(g, w, h, p, style);
            double range = maxAbs(data[p]);
            double[] values = data[p];
            int n = cols[p];
            Heatmap.draw(g, new Heatmap.Grid(r.x, r.y, r.width, r.height, positions, n),
                    (row, c) -> ColorMap.DIVERGING.at(values[row * n + c], -range, range), style);
            g.setFont(style.labelFont());
            g.setPaint(style.ink());
            // each panel's title in the room up to the next panel (set smaller there, or the shorter form)
            double room = p == 0 ? panel(g, w, h, 1, style).x - r.x - 16 : w - r.x - 8;
            style.shrunk(g, g.getFontMetrics().stringWidth(titles[p]) <= room ? titles[p] : shortTitle(titles[p]),
                    r.x, r.y - 10, room);
            g.setFont(style.labelFont());
            Style.centered(g, xLabels[p] + " →", r.getCenterX(), r.y + r.height + 22);
            style.vertical(g, Texts.get("positions.position") + " →", r.x - 16, r.getCenterY(), r.height);
            Heatmap.colorBar(g, r.x + r.width + 10, r.y, 14, Math.min(220, r.height), ColorMap.DIVERGING, -range, range, null, style);
        }
    }

    @Override
    public String describe(double x, double y, double w, double h, Style style) {
        Graphics2D g = Measure.graphics();
        for (int p = 0; p < 2; p++) {
            Rectangle2D.Double r = panel(g, w, h, p, style);
            if (r.contains(x, y)) {
                int row = (int) ((y - r.y) / r.height * positions);
                int cols = p == 0 ? dim : positions;
                int c = (int) ((x - r.x) / r.width * cols);
                return p == 0 ? Texts.format("positions.cell.f", row, c, table[row * dim + c])
                        : Texts.format("positions.pair.f", row, c, similarity[row * positions + c]);
            }
        }
        return null;
    }

    @Override
    public Table table() {
        String[] cols = new String[1 + dim];
        cols[0] = "position";
        for (int j = 0; j < dim; j++) {
            cols[1 + j] = "d" + j;
        }
        Table.Builder tb = new Table.Builder(cols);
        for (int p = 0; p < positions; p++) {
            Object[] row = new Object[1 + dim];
            row[0] = p;
            for (int j = 0; j < dim; j++) {
                row[1 + j] = table[p * dim + j];
            }
            tb.row(row);
        }
        return tb.build();
    }

    /** A panel's title without its explanation: up to its colon (a full-width one in Chinese), or whole if it has none. */
    static String shortTitle(String title) {
        int colon = Math.max(title.indexOf(':'), title.indexOf('：'));
        return colon < 0 ? title : title.substring(0, colon);
    }
}
