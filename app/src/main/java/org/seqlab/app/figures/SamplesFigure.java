package org.seqlab.app.figures;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.seqlab.app.text.EngineNames;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.data.PixelOrder;
import org.seqlab.engine.data.Vocabulary;
import org.seqlab.engine.data.catalog.DataSources;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;
import org.seqlab.engine.train.TrainingSnapshot.Samples;
import org.seqlab.engine.train.TrainingSnapshot;

/**
 * Text each model generates as it trains, from the same prompt: greedy (always the most likely character) and sampled at
 * a temperature. For images, the images drawn; for digits read as a sequence, each model's pixel order beside what it
 * drew in that order, put back in place.
 */
public final class SamplesFigure implements Figure {

    private final TrainingSnapshot snapshot;

    public SamplesFigure(TrainingSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    @Override
    public String name() {
        return "samples";
    }

    @Override
    public String title() {
        // the step the samples were drawn at (they are redrawn every few seconds while training), not the step now
        int drawn = snapshot.runs().stream().filter(r -> r.samples() != null).mapToInt(r -> r.samples().step()).max().orElse(-1);
        return drawn < 0 ? Texts.format("samples.title.f", snapshot.step()) : Texts.format("samples.title.drawn.f", drawn);
    }

    /** Newlines shown as ⏎ so that a name list reads on one line. */
    static String visible(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(cp -> sb.append(cp == '\n' ? "⏎" : cp == '\t' ? "⇥" : new String(Character.toChars(cp))));
        return sb.toString();
    }

    @Override
    public void draw(Graphics2D g, double w, double h, Style style) {
        Style.background(g, w, h);
        double y = style.title(g, title(), w) + 6;
        if (snapshot.runs().isEmpty()) {
            style.centeredNote(g, Texts.get("note.noModels"), w, h);
            return;
        }
        if (snapshot.data() != null && snapshot.data().image() != null) {
            drawImages(g, w, h, y, style);
            return;
        }
        if (snapshot.data() != null && DataSources.orderedPixels(snapshot.data().name()) != null) {
            drawOrdered(g, w, h, y, style);
            return;
        }
        for (RunSnapshot r : snapshot.runs()) {
            Samples s = r.samples();
            g.setFont(style.labelFont().deriveFont(java.awt.Font.BOLD));
            if (y + g.getFontMetrics().getHeight() > h) {
                break;   // no room for another model: its samples are in the table (CSV export)
            }
            g.setPaint(Style.run(r.id()));
            g.fill(new Rectangle2D.Double(12, y + 2, 6, 18 * style.typeScale()));
            g.setFont(style.labelFont().deriveFont(java.awt.Font.BOLD));
            g.setPaint(style.ink());
            FontMetrics lf = g.getFontMetrics();
            Style.text(g, EngineNames.model(r.label()) + (s == null ? "" : Texts.format("samples.head.f", s.step(), Vocabulary.display(s.prompt().codePointAt(0)))),
                    26, y + lf.getAscent());
            y += lf.getHeight() + 4;
            if (s == null) {
                continue;
            }
            y = paragraph(g, Texts.get("decoding.branch.greedy"), visible(s.greedy()), y, w, h, style);
            y = paragraph(g, String.format(Texts.locale(), "τ = %.2f", s.temperature()), visible(s.sampled()), y, w, h, style);
            y += 10;
            if (y > h) {
                break;
            }
        }
    }

    /** Image data: each model's greedy and sampled image, drawn pixel by pixel from its first pixel. */
    private void drawImages(Graphics2D g, double w, double h, double y, Style style) {
        int ih = snapshot.data().image().height();
        int iw = snapshot.data().image().width();
        int n = snapshot.runs().size();
        double colW = (w - 24) / n;
        double size = Math.min(colW / 2 - 24, h - y - 60);
        for (int k = 0; k < n; k++) {
            RunSnapshot r = snapshot.runs().get(k);
            double x = 12 + k * colW;
            g.setPaint(Style.run(r.id()));
            g.fill(new Rectangle2D.Double(x, y + 2, 6, 18 * style.typeScale()));
            g.setFont(style.labelFont().deriveFont(java.awt.Font.BOLD));
            g.setPaint(style.ink());
            // the run's whole label where it fits, else its letter and family ("B · Gated PixelCNN"), never a cut word
            String full = EngineNames.model(r.label());
            String label = g.getFontMetrics().stringWidth(full) <= colW - 30 ? full : r.id() + " · " + EngineNames.family(r.config().model().family());
            style.shrunk(g, label, x + 14, y + g.getFontMetrics().getAscent(), colW - 30);
            Samples s = r.samples();
            if (s == null) {
                continue;
            }
            String[] kinds = {Texts.get("samples.greedyPixels"), Texts.format("samples.sampled.f", s.temperature())};
            g.setFont(style.tickFont());
            if (g.getFontMetrics().stringWidth(kinds[1]) > size + 18) {
                kinds = new String[] {Texts.get("decoding.branch.greedy"), String.format(Texts.locale(), "τ = %.2f", s.temperature())};
            }
            String[] texts = {s.prompt() + s.greedy(), s.prompt() + s.sampled()};
            for (int j = 0; j < 2; j++) {
                Rectangle2D.Double area = new Rectangle2D.Double(x + j * (size + 24), y + 30, size, size);
                Rectangle2D.Double box = ImagePainter.fit(area, ih, iw);
                int[] px = ImagePainter.pixels(texts[j]);
                ImagePainter.binary(g, box, ih, iw, px, px.length, style);
                g.setFont(style.tickFont());
                g.setPaint(style.muted());
                Style.text(g, kinds[j], box.x, box.y + box.height + 18);
            }
        }
    }

    /**
     * Digits read as a sequence: each model's order (its path over the image) above what it sampled in that order, put
     * back in image space, and its validation bits per dimension.
     */
    private void drawOrdered(Graphics2D g, double w, double h, double y, Style style) {
        String name = snapshot.data().name();
        int side = name.startsWith("digits-14") ? 14 : 28;
        PixelOrder dataOrder = DataSources.orderedPixels(name);
        int n = snapshot.runs().size();
        double colW = (w - 24) / n;
        g.setFont(style.labelFont());
        double line = g.getFontMetrics().getHeight();
        g.setFont(style.tickFont());
        double caption = g.getFontMetrics().getHeight() + 6;
        double top = y + 2 * line + 10;
        // the order above, the sample below: each as large as the column and half the height allow
        double size = Math.max(20, Math.min(colW - 24, (h - top - 2 * caption - 12) / 2));
        for (int k = 0; k < n; k++) {
            RunSnapshot r = snapshot.runs().get(k);
            PixelOrder order = r.config().order() != null ? r.config().order() : dataOrder;
            int[] path = order.path(side, side);
            double x = 12 + k * colW;
            g.setPaint(Style.run(r.id()));
            g.fill(new Rectangle2D.Double(x, y + 2, 6, 18 * style.typeScale()));
            g.setFont(style.labelFont().deriveFont(java.awt.Font.BOLD));
            g.setPaint(style.ink());
            Style.text(g, Style.fit(g, r.id() + " · " + EngineNames.model(r.config().model().describe()), colW - 30), x + 14, y + g.getFontMetrics().getAscent());
            g.setFont(style.labelFont());
            double val = r.validation().isEmpty() ? Double.NaN : r.validation().last();
            Style.text(g, Style.fit(g, Double.isNaN(val) ? Texts.format("samples.order.f", order.id()) : Texts.format("samples.orderBits.f", order.id(), val), colW - 16),
                    x + 14, y + line + g.getFontMetrics().getAscent());
            Samples s = r.samples();
            for (int j = 0; j < 2; j++) {
                Rectangle2D.Double box = ImagePainter.fit(new Rectangle2D.Double(x + 8, top + j * (size + caption), size, size), side, side);
                String what;
                if (j == 0) {
                    ImagePainter.path(g, box, side, side, path, style);
                    what = Texts.get("samples.path");
                } else if (s != null) {
                    int[] read = ImagePainter.pixels(s.sampled());
                    int[] img = new int[side * side];
                    for (int i = 0; i < path.length && i < read.length; i++) {
                        img[path[i]] = read[i];   // the k-th pixel generated goes where the order reads it
                    }
                    ImagePainter.binary(g, box, side, side, img, img.length, style);
                    what = Texts.format("samples.one.f", s.temperature());
                } else {
                    continue;
                }
                g.setFont(style.tickFont());
                g.setPaint(style.muted());
                Style.text(g, Style.fit(g, what, colW - 16), box.x, box.y + box.height + g.getFontMetrics().getAscent() + 3);
            }
        }
    }

    private double paragraph(Graphics2D g, String label, String text, double y, double w, double h, Style style) {
        g.setFont(style.labelFont());
        g.setPaint(style.muted());
        double labelW = g.getFontMetrics().stringWidth("τ = 0.00  ");
        FontMetrics fm = g.getFontMetrics(style.monoFont());
        if (y + Math.max(g.getFontMetrics().getHeight(), fm.getAscent() + fm.getDescent()) > h) {
            return h;   // not even the first line fits: no label without its text, and nothing more below
        }
        Style.text(g, label, 26, y + g.getFontMetrics().getAscent());
        g.setFont(style.monoFont());
        g.setPaint(style.ink());
        double x0 = 26 + labelW;
        // the advance as a fraction (stringWidth rounds it down), and a few characters of slack: the Canvas's font can
        // be a little wider than AWT's metrics say
        double advance = fm.getStringBounds("mmmmmmmmmm", g).getWidth() / 10;
        int perLine = Math.max(10, (int) ((w - x0 - 16) / advance) - 3);
        List<String> lines = new ArrayList<>();
        int[] cps = text.codePoints().toArray();
        for (int i = 0; i < cps.length; i += perLine) {
            lines.add(new String(cps, i, Math.min(perLine, cps.length - i)));
        }
        if (lines.isEmpty()) {
            lines.add("");
        }
        for (String line : lines) {
            if (y + fm.getAscent() + fm.getDescent() > h) {
                break;   // the rest is in the table (CSV export); the figure shows what fits
            }
            Style.text(g, line, x0, y + fm.getAscent());
            y += fm.getHeight();
        }
        return y + 2;
    }

    @Override
    public Table table() {
        Table.Builder tb = new Table.Builder("model", "step", "decoding", "temperature", "prompt", "text");
        for (RunSnapshot r : snapshot.runs()) {
            Samples s = r.samples();
            if (s != null) {
                tb.row(r.label(), s.step(), "greedy", 0.0, s.prompt(), s.greedy());
                tb.row(r.label(), s.step(), "sampled", s.temperature(), s.prompt(), s.sampled());
            }
        }
        return tb.build();
    }
}
