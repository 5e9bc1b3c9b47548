package org.seqlab.app.figures;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.List;
import org.seqlab.app.text.EngineNames;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.train.ModelRun;
import org.seqlab.engine.train.TrainingSnapshot;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;

/** The loss chart's legend above its plot: one entry per model with its numbers, the floor, and what solid and dashed mean. */
final class LossLegend {

    /** The training curve's running mean, over this many steps. */
    static final int SMOOTH = 25;

    private final TrainingSnapshot snapshot;
    private final String title;

    LossLegend(TrainingSnapshot snapshot, String title) {
        this.snapshot = snapshot;
        this.title = title;
    }

    /** A legend entry: its swatch (a model's colour, the floor's dots, or none) and its text. */
    private record Entry(String text, java.awt.Color colour, boolean dotted, String run) {
    }

    private List<Entry> legendEntries(Style style, boolean brief) {
        List<Entry> entries = new ArrayList<>();
        for (RunSnapshot r : snapshot.runs()) {
            String state = r.status() == ModelRun.Status.DIVERGED ? Texts.get("loss.diverged")
                    // the tutor's notice: what it names first for this model (its view says why and how to test it)
                    : r.diagnoses().isEmpty() || brief ? "" : Texts.format("loss.tutor.f", r.diagnoses().get(0).cause().id());
            entries.add(new Entry(EngineNames.model(r.label()) + "   " + Texts.format("loss.legend.f", fmt(r.train().recentMean(SMOOTH)),
                    fmt(r.validation().last()), state), Style.run(r.id()), false, r.id()));
        }
        if (snapshot.data() != null && snapshot.data().floorBits().isPresent()) {
            // in the legend, not on the line: the curves converge onto the floor, and a label there would hide them
            entries.add(new Entry(Texts.format("loss.floor.f", snapshot.data().floorBits().getAsDouble()), style.ink(), true, null));
        }
        if (!brief) {
            entries.add(new Entry(key(), null, false, null));
        }
        return entries;
    }

    /** The key in the words that fit {@code room}: the whole sentence, a short one, or its two halves on their own. */
    private static List<String> key(FontMetrics fm, double room) {
        String shortKey = Texts.get("loss.key.short");
        return fm.stringWidth(key()) <= room ? List.of(key()) : fm.stringWidth(shortKey) <= room ? List.of(shortKey)
                : List.of(Texts.get("loss.key.solid"), Texts.get("loss.key.dashed"));
    }

    /** The floor's dotted line, in the plot and as its legend's swatch. */
    static final java.awt.Stroke FLOOR_STROKE = new java.awt.BasicStroke(1.6f, java.awt.BasicStroke.CAP_BUTT,
            java.awt.BasicStroke.JOIN_ROUND, 10f, new float[] {2f, 4f}, 0f);

    private static final double SWATCH = 34;
    private static String key() {   // what the two kinds of line mean: the legend's last entry, drawn without a swatch
        return Texts.format("loss.key.f", SMOOTH);
    }

    /** A piece of the legend placed on its row: an entry too wide for the row is split where it has spaces. */
    private record Placed(Entry entry, String text, double x, int row, boolean swatch) {
    }

    /**
     * The legend's pieces at this width, wrapping onto new rows when the width runs out; never wider than {@code w}.
     * Where the whole legend would leave the plot under four lines high (a short pane, presenting), the models' numbers
     * and the floor only: the tutor's notices and the key stay in the Tutor view and the description.
     */
    private List<Placed> layout(Graphics2D g, double w, double h, Style style) {
        List<Placed> full = layout(g, w, style, false);
        double lh = g.getFontMetrics().getHeight() + 2;
        double room = h - style.titleBottom(g, title, w) - 8 - 2.2 * lh - 12 - (full.isEmpty() ? 1 : full.get(full.size() - 1).row() + 1) * lh;
        g.setFont(style.labelFont());
        return room >= 4 * lh ? full : layout(g, w, style, true);
    }

    private List<Placed> layout(Graphics2D g, double w, Style style, boolean brief) {
        g.setFont(style.labelFont());
        FontMetrics fm = g.getFontMetrics();
        double start = w < 700 ? 12 : 74 * style.typeScale();
        double right = w - 10;
        List<Placed> out = new ArrayList<>();
        double x = start;
        int row = 0;
        List<Entry> entries = new ArrayList<>();
        for (Entry e : legendEntries(style, brief)) {
            if (e.colour() == null) {
                key(fm, right - start).forEach(k -> entries.add(new Entry(k, null, false, null)));
            } else {
                entries.add(e);
            }
        }
        for (Entry e : entries) {
            String text = e.text();
            double sw = e.colour() == null ? 0 : SWATCH;
            double ew = sw + fm.stringWidth(text);
            if (x + ew > right && x > start) {
                row++;
                x = start;
            }
            if (x + ew <= right || !text.contains("   ")) {
                out.add(new Placed(e, text, x, row, true));
                x += ew + 28;
            } else {
                // a model's name on one row, its numbers under it
                int cut = text.indexOf("   ");
                out.add(new Placed(e, text.substring(0, cut), x, row, true));
                out.add(new Placed(e, text.substring(cut + 3), x + sw, ++row, false));
                x = start + sw + fm.stringWidth(text.substring(cut + 3)) + 28;
            }
        }
        return out;
    }

    /** How many rows the legend above the plot needs at this size. */
    int rows(Graphics2D g, double w, double h, Style style) {
        List<Placed> l = layout(g, w, h, style);
        return l.isEmpty() ? 1 : l.get(l.size() - 1).row() + 1;
    }

    /** One entry per model above the plot (never over the curves), the floor, and what solid and dashed mean. */
    void draw(Graphics2D g, Plot p, Style style, double w, double h) {
        List<Placed> pieces = layout(g, w, h, style);
        FontMetrics fm = g.getFontMetrics();
        double lh = fm.getHeight() + 2;
        int rows = pieces.isEmpty() ? 1 : pieces.get(pieces.size() - 1).row() + 1;
        double y0 = p.top() - 8 - rows * lh;
        for (Placed piece : pieces) {
            double x = piece.x();
            double y = y0 + piece.row() * lh + fm.getAscent();
            Entry e = piece.entry();
            if (e.colour() == null) {
                g.setPaint(style.muted());
                style.shrunk(g, piece.text(), x, y, w - 10 - x);
                continue;
            }
            if (piece.swatch()) {
                Marks.swatch(g, e.run(), e.colour(), e.dotted() ? FLOOR_STROKE : Style.stroke(3), x, y - fm.getAscent() / 2.5, SWATCH - 8);
                x += SWATCH;
            }
            g.setPaint(style.ink());
            style.shrunk(g, piece.text(), x, y, w - 10 - x);   // a long name in a narrow pane is set smaller, never cut
        }
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "–" : String.format(Texts.locale(), "%.3f", v);
    }
}
