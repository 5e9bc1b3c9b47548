package org.seqlab.app.figures;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.inspect.PixelSampling;

/**
 * An image model drawing pixel by pixel in raster order, frame {@code shown} of the animation: the pixels drawn so
 * far, the current one outlined, and the probability the model gave it, p(xᵢ = 1 | x&lt;ᵢ). For a completion, the
 * given top rows are marked and the real digit is shown beside.
 */
public final class PixelDrawingFigure implements Figure {

    private final String runLabel;
    private final PixelSampling.Drawing drawing;
    private final int[] original;
    private final int shown;

    /** @param original the real digit when completing one (null otherwise) */
    public PixelDrawingFigure(String runLabel, PixelSampling.Drawing drawing, int[] original, int shown) {
        this.runLabel = runLabel;
        this.drawing = drawing;
        this.original = original;
        this.shown = Math.max(0, Math.min(drawing.pixels().length, shown));
    }

    public int shown() {
        return shown;
    }

    public PixelSampling.Drawing drawing() {
        return drawing;
    }

    /** The drawing complete. */
    public PixelDrawingFigure drawn() {
        return at(drawing.pixels().length);
    }

    public PixelDrawingFigure at(int frame) {
        return new PixelDrawingFigure(runLabel, drawing, original, frame);
    }

    @Override
    public String name() {
        return original == null ? "pixel-sampling" : "pixel-completion";
    }

    @Override
    public String title() {
        return Texts.format("drawing.title.f", Texts.get(original == null ? "title.drawing" : "drawing.completing"), runLabel, shown,
                drawing.pixels().length);
    }

    @Override
    public void draw(Graphics2D g, double w, double h, Style style) {
        Style.background(g, w, h);
        double top = style.title(g, title(), w) + 10;
        int ih = drawing.height();
        int iw = drawing.width();
        double size = Math.min(h - top - 30, (w - 60) / (original == null ? 1.8 : 2.8));
        Rectangle2D.Double box = ImagePainter.fit(new Rectangle2D.Double(20, top, size, size), ih, iw);
        ImagePainter.binary(g, box, ih, iw, drawing.pixels(), shown, style);
        if (drawing.given() > 0) {
            double y = ImagePainter.cell(box, ih, iw, drawing.given() / iw, 0).y;
            g.setPaint(Style.run("C"));
            g.setStroke(Style.dashed(2.5));
            Style.line(g, box.x - 6, y, box.x + box.width + 6, y);
            g.setFont(style.tickFont());
            Style.text(g, Texts.get("drawing.split"), box.x + 4, y - 5);
        }
        int current = Math.min(shown, drawing.pixels().length - 1);
        if (shown < drawing.pixels().length) {
            g.setPaint(Style.run("B"));
            g.setStroke(Style.stroke(3));
            g.draw(ImagePainter.cell(box, ih, iw, current / iw, current % iw));
        }
        double x = box.x + box.width + 40;
        g.setFont(style.labelFont());
        FontMetrics fm = g.getFontMetrics();
        double p = drawing.probabilities()[current];
        g.setPaint(style.ink());
        Style.text(g, Texts.format("drawing.pixel.f", current / iw, current % iw), x, top + fm.getAscent());
        Style.text(g, String.format(Texts.locale(), "p(xᵢ = 1 | x<ᵢ) = %.3f", p), x, top + 2 * fm.getHeight() + fm.getAscent());
        double barW = Math.min(260, w - x - 30);
        g.setPaint(new Color(0xeaeef2));
        g.fill(new Rectangle2D.Double(x, top + 3 * fm.getHeight() + 6, barW, 22));
        g.setPaint(Style.run("A"));
        g.fill(new Rectangle2D.Double(x, top + 3 * fm.getHeight() + 6, barW * p, 22));
        if (shown < drawing.pixels().length && current >= drawing.given()) {
            g.setPaint(style.ink());
            Style.text(g, Texts.get(drawing.pixels()[current] == 1 ? "drawing.ink" : "drawing.paper"), x, top + 5 * fm.getHeight() + 10);
        } else if (current < drawing.given()) {
            g.setPaint(style.muted());
            Style.text(g, Texts.get("drawing.given"), x, top + 5 * fm.getHeight() + 10);
        }
        if (original != null) {
            Rectangle2D.Double real = ImagePainter.fit(new Rectangle2D.Double(x, top + 6 * fm.getHeight() + 20, size * 0.8, size * 0.8), ih, iw);
            ImagePainter.binary(g, real, ih, iw, original, original.length, style);
            g.setPaint(style.muted());
            Style.text(g, Texts.get("drawing.real"), real.x, real.y - 6);
        }
    }

    @Override
    public Table table() {
        Table.Builder tb = new Table.Builder("pixel", "row", "col", "given", "p_ink", "value");
        int iw = drawing.width();
        for (int i = 0; i < drawing.pixels().length; i++) {
            tb.row(i, i / iw, i % iw, i < drawing.given() ? 1 : 0, drawing.probabilities()[i], drawing.pixels()[i]);
        }
        return tb.build();
    }
}
