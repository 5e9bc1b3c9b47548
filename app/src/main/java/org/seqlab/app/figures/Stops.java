package org.seqlab.app.figures;

import java.awt.Graphics2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.seqlab.engine.train.Series;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;

/**
 * Where a keyboard cursor can stand on a figure, row by row: a heatmap's cells (a row per query, unit or gate row), a
 * chart's points (a row per model), the decoding bars. The cursor reads each stop through the figure's own hover
 * read-out ({@link Figure#describe}), so the keyboard says what the mouse would.
 */
public final class Stops {

    private Stops() {
    }

    /** The stops of {@code f} drawn in a box of w × h; empty for a figure the cursor does not visit. */
    public static List<List<Point2D>> of(Figure f, double w, double h, Style style) {
        if (f == null || f.placeholder() || w <= 0 || h <= 0) {
            return List.of();
        }
        Graphics2D g = Measure.graphics();
        List<List<Point2D>> rows = new ArrayList<>();
        if (f instanceof HiddenStateFigure hs) {
            cells(rows, hs.grid(w, h, style));
        } else if (f instanceof AttentionFigure a) {
            if (a.selection != null) {
                cells(rows, a.bigGrid(g, w, h, style));
            } else {
                for (int l = 0; l < a.layers; l++) {
                    for (int hd = 0; hd < a.heads; hd++) {
                        Rectangle2D.Double r = a.cell(g, w, h, l, hd, style);
                        cells(rows, new Heatmap.Grid(r.x, r.y, r.width, r.height, a.steps, a.steps));
                    }
                }
            }
        } else if (f instanceof GatesFigure gates) {
            for (int k = 0; k < GatesFigure.PANELS.length; k++) {
                cells(rows, gates.grid(g, w, h, k, style));
            }
        } else if (f instanceof MaskFigure m) {
            for (int p = 0; p < 3; p++) {
                cells(rows, m.grid(g, w, h, p, style));
            }
        } else if (f instanceof LossChartFigure loss) {
            Plot p = loss.plot(g, w, h, style);
            for (RunSnapshot r : loss.snapshot.runs()) {
                Series s = r.validation().isEmpty() ? r.train() : r.validation();
                List<Point2D> row = new ArrayList<>();
                for (int i = 0; i < s.size(); i++) {
                    row.add(inside(p, loss.x(s, i), s.value(i)));
                }
                rows.add(row);
            }
        } else if (f instanceof GradientFlowFigure gf) {
            Plot p = gf.plot(g, w, h, style);
            for (GradientFlowFigure.Curve c : gf.curves()) {
                List<Point2D> row = new ArrayList<>();
                for (int t = 0; t < gf.steps; t++) {
                    if (c.relative(t) > 0) {
                        row.add(inside(p, t, c.relative(t)));
                    }
                }
                rows.add(row);
            }
        } else if (f instanceof DecodingFigure d) {
            Plot bars = d.layout(g, w, h, style).bars();
            int n = DecodingBars.shown(g, bars, d.branch(d.greedyBranch()).steps().get(d.step()).raw().length, style);
            List<Point2D> row = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                row.add(new Point2D.Double(bars.left() + (i + 0.5) * (bars.right() - bars.left()) / n, bars.bottom() - 2));
            }
            rows.add(row);
        }
        rows.removeIf(List::isEmpty);
        return rows;
    }

    private static void cells(List<List<Point2D>> rows, Heatmap.Grid grid) {
        for (int r = 0; r < grid.rows(); r++) {
            List<Point2D> row = new ArrayList<>();
            for (int c = 0; c < grid.cols(); c++) {
                row.add(new Point2D.Double((grid.xAt(c) + grid.xAt(c + 1)) / 2, (grid.yAt(r) + grid.yAt(r + 1)) / 2));
            }
            rows.add(row);
        }
    }

    /** A data point's place, kept a pixel inside the plot (a point on its edge would read as outside). */
    private static Point2D inside(Plot p, double x, double y) {
        double px = Math.max(p.left() + 1, Math.min(p.right() - 1, p.px(x)));
        double py = Math.max(p.top() + 1, Math.min(p.bottom() - 1, p.py(y)));
        return new Point2D.Double(px, py);
    }
}
