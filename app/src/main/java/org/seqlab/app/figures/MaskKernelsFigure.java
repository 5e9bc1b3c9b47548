package org.seqlab.app.figures;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqlab.app.text.Texts;
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
        return Texts.format("masks.title.f", runLabel);
    }

    private static String note() {
        return Texts.get("masks.note");
    }

    @Override
    public void draw(Graphics2D g, double w, double h, Style style) {
        Style.background(g, w, h);
        double top = style.title(g, title(), w) + 12;
        if (masks.isEmpty()) {   // a MADE: its masks are over the whole image, not kernels
            style.centeredNote(g, Texts.get("masks.made"), w, h);
            return;
        }
        List<String> keys = new ArrayList<>(masks.keySet());
        g.setFont(style.labelFont());
        FontMetrics fm = g.getFontMetrics();
        double bottom = h - 8 - fm.getHeight() * Style.lines(g, note(), w - 40).size();
        if (masks.values().stream().allMatch(m -> m.height() == 1)) {
            rows(g, keys, w, top, bottom, style);
        } else {
            double slot = (w - 40) / Math.max(1, keys.size());
            for (int k = 0; k < keys.size(); k++) {
                Mask m = masks.get(keys.get(k));
                double cell = Math.max(4, Math.min(48, Math.min((slot - 40) / m.width(), (bottom - top - 3 * fm.getHeight()) / Math.max(m.height(), 3))));
                double x0 = 20 + k * slot + (slot - cell * m.width()) / 2;
                double y0 = top + 10;
                kernel(g, m, x0, y0, cell, style);
                g.setFont(style.labelFont());
                g.setPaint(style.ink());
                int n = counts.get(keys.get(k));
                double y = y0 + cell * m.height() + fm.getHeight() + 2;
                for (String line : new String[] {Texts.format("masks.mask.f", keys.get(k)), n > 1 ? Texts.format("masks.layers.f", n) : ""}) {
                    double lw = Math.min(fm.stringWidth(line), slot - 12);
                    style.shrunk(g, line, 20 + k * slot + (slot - lw) / 2, y, slot - 12);
                    y += fm.getHeight();
                }
            }
        }
        g.setFont(style.labelFont());
        g.setPaint(style.muted());
        Style.wrapped(g, note(), 20, bottom + fm.getAscent() + 4, w - 40, h);
    }

    /** One-row kernels (a 1-D convolution's, dilated): one per line, its name on the left, so long ones keep their width. */
    private void rows(Graphics2D g, List<String> keys, double w, double top, double bottom, Style style) {
        FontMetrics fm = g.getFontMetrics();
        double labelW = 0;
        for (String k : keys) {
            labelW = Math.max(labelW, fm.stringWidth(label(k)));
        }
        int widest = masks.values().stream().mapToInt(Mask::width).max().orElse(1);
        double rowH = Math.min(fm.getHeight() * 2.2, (bottom - top) / Math.max(1, keys.size()));
        double cell = Math.max(3, Math.min(rowH - 6, (w - 40 - labelW - 16) / widest));
        for (int k = 0; k < keys.size(); k++) {
            double y = top + k * rowH;
            g.setPaint(style.ink());
            g.setFont(style.labelFont());
            Style.text(g, label(keys.get(k)), 20, y + (cell + fm.getAscent()) / 2 - 2);
            kernel(g, masks.get(keys.get(k)), 20 + labelW + 16, y, cell, style);
        }
    }

    private String label(String key) {
        int n = counts.get(key);
        return Texts.format("masks.mask.f", key) + (n > 1 ? "  " + Texts.format("masks.layers.f", n) : "");
    }

    private static void kernel(Graphics2D g, Mask m, double x0, double y0, double cell, Style style) {
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
