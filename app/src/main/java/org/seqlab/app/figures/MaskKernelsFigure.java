package org.seqlab.app.figures;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqlab.engine.model.conv.Mask;

/**
 * The masks of a model's convolutions, drawn from the mask arrays the model uses: a filled cell is an input
 * position the kernel reads, the outlined cell is the output's own position. Type A leaves out the centre (a
 * pixel must not see itself); type B, used after the first layer, lets a position read its own features.
 */
public final class MaskKernelsFigure implements Figure {

    private final String runLabel;
    private final Map<String, Mask> masks = new LinkedHashMap<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();

    public MaskKernelsFigure(String runLabel, List<Mask> layerMasks) {
        this.runLabel = runLabel;
        for (Mask m : layerMasks) {
            String key = m.name() + " " + m.height() + "×" + m.width();
            masks.putIfAbsent(key, m);
            counts.merge(key, 1, Integer::sum);
        }
    }

    @Override
    public String name() {
        return "mask-kernels";
    }

    @Override
    public String title() {
        return "Mask kernels · " + runLabel;
    }

    @Override
    public void draw(Graphics2D g, double w, double h, Style style) {
        Style.background(g, w, h);
        double top = style.title(g, title(), w) + 30;
        List<String> keys = new ArrayList<>(masks.keySet());
        double slot = (w - 40) / Math.max(1, keys.size());
        for (int k = 0; k < keys.size(); k++) {
            Mask m = masks.get(keys.get(k));
            double cell = Math.max(8, Math.min(48, Math.min((slot - 40) / m.width(), (h - top - 90) / Math.max(m.height(), 3))));
            double x0 = 20 + k * slot + (slot - cell * m.width()) / 2;
            double y0 = top + 10;
            for (int i = 0; i < m.height(); i++) {
                for (int j = 0; j < m.width(); j++) {
                    Rectangle2D.Double r = new Rectangle2D.Double(x0 + j * cell, y0 + i * cell, cell, cell);
                    g.setPaint(m.at(i, j) ? Style.run("A") : Color.WHITE);
                    g.fill(r);
                    g.setPaint(style.axis());
                    g.setStroke(Style.stroke(1));
                    g.draw(r);
                }
            }
            Rectangle2D.Double centre = new Rectangle2D.Double(x0 + m.centerCol() * cell, y0 + m.centerRow() * cell, cell, cell);
            g.setPaint(Style.run("B"));
            g.setStroke(Style.stroke(3));
            g.draw(centre);
            g.setFont(style.labelFont());
            FontMetrics fm = g.getFontMetrics();
            g.setPaint(style.ink());
            int n = counts.get(keys.get(k));
            Style.centered(g, "mask " + keys.get(k) + (n > 1 ? "  (× " + n + " layers)" : ""), x0 + cell * m.width() / 2,
                    y0 + cell * m.height() + fm.getHeight() + 6);
        }
        g.setFont(style.labelFont());
        g.setPaint(style.muted());
        Style.text(g, "filled: the kernel reads this input · thick outline: the output's own position", 20, h - 14);
    }

    @Override
    public Table table() {
        Table.Builder tb = new Table.Builder("mask", "layers", "row", "col", "on", "is_centre");
        for (Map.Entry<String, Mask> e : masks.entrySet()) {
            Mask m = e.getValue();
            for (int i = 0; i < m.height(); i++) {
                for (int j = 0; j < m.width(); j++) {
                    tb.row(e.getKey(), counts.get(e.getKey()), i, j, m.at(i, j) ? 1 : 0, i == m.centerRow() && j == m.centerCol() ? 1 : 0);
                }
            }
        }
        return tb.build();
    }
}
