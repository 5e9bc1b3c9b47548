package org.seqlab.app.export;

import java.awt.Dimension;
import java.awt.font.GlyphVector;
import java.awt.geom.Rectangle2D;
import java.text.AttributedCharacterIterator;
import java.util.ArrayList;
import java.util.List;
import org.apache.batik.dom.GenericDOMImplementation;
import org.apache.batik.svggen.SVGGeneratorContext;
import org.apache.batik.svggen.SVGGraphics2D;
import org.seqlab.app.figures.Figure;
import org.seqlab.app.figures.Style;
import org.w3c.dom.Document;

/**
 * Every piece of text a figure draws in a box of a given size, with its type size and its ink box, read by drawing the
 * figure once through a {@code Graphics2D} that records text (font, transform and all). The layout check and the
 * figure tests read it for what a reader at the back of the room would see: text set too small, text over text, text
 * past the figure's edge or cut to "…".
 */
public final class FigureText {

    /** Slack for antialiasing and rounding: boxes that share less than this in both directions do not collide. */
    static final double SLACK = 1.0;
    /** Text boxes that share less than this in either direction only touch (the two "0"s where the axes meet). */
    static final double TOUCH = 3.0;

    /**
     * One string as drawn.
     *
     * @param px  its type size in pixels of the box (the font's size times the drawing's scale)
     * @param box its ink box in the figure's coordinates: across, the advance the figure's font metrics lay it out by;
     *            up and down, the ink
     */
    public record Drawn(String text, double px, Rectangle2D box) {

        /** Whether it runs past the edge of a box of {@code w × h}. */
        public boolean leaves(double w, double h) {
            return box.getMinX() < -SLACK || box.getMinY() < -SLACK || box.getMaxX() > w + SLACK || box.getMaxY() > h + SLACK;
        }

        /** Whether it was shortened with an ellipsis to fit (a leading "…" says only that earlier text is left out). */
        public boolean shortened() {
            return text.length() > 1 && text.endsWith("…");
        }

        @Override
        public String toString() {
            return String.format("'%s' at (%.0f, %.0f, %.0f×%.0f)", text, box.getX(), box.getY(), box.getWidth(), box.getHeight());
        }
    }

    private FigureText() {
    }

    /** What {@code f} draws in a box of {@code w × h} in {@code style}, in drawing order. */
    public static List<Drawn> of(Figure f, double w, double h, Style style) {
        Document doc = GenericDOMImplementation.getDOMImplementation().createDocument("http://www.w3.org/2000/svg", "svg", null);
        List<Drawn> out = new ArrayList<>();
        Recorder g = new Recorder(SVGGeneratorContext.createDefault(doc), out);
        g.setSVGCanvasSize(new Dimension((int) Math.ceil(w), (int) Math.ceil(h)));
        f.draw(g, w, h, style);
        g.dispose();
        return out;
    }

    /** What is wrong with the text of {@code f} drawn at {@code w × h}: strings over strings, strings past an edge. */
    public static List<String> problems(Figure f, double w, double h, Style style) {
        return problems(of(f, w, h, style), w, h);
    }

    /** What is wrong with text drawn in a box of {@code w × h}: strings over strings, strings past an edge. */
    public static List<String> problems(List<Drawn> drawn, double w, double h) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < drawn.size(); i++) {
            Drawn a = drawn.get(i);
            if (a.leaves(w, h)) {
                out.add(a + " leaves the " + (int) w + "×" + (int) h + " figure");
            }
            for (int j = i + 1; j < drawn.size(); j++) {
                Drawn c = drawn.get(j);
                Rectangle2D both = a.box().createIntersection(c.box());
                if (both.getWidth() > TOUCH && both.getHeight() > TOUCH) {
                    out.add(a + " overlaps " + c);
                }
            }
        }
        return out;
    }

    /**
     * Every figure at every size, normal and presenting: text over text, past an edge, or cut to "…", each named with
     * the figure, the size and the style.
     */
    public static List<String> problemsAtSizes(List<Figure> figures, double[][] sizes) {
        List<String> out = new ArrayList<>();
        for (Figure f : figures) {
            for (double[] size : sizes) {
                for (Style style : List.of(Style.NORMAL, Style.PRESENTATION)) {
                    String where = String.format("%s at %.0f×%.0f, %s: ", f.name(), size[0], size[1], style.name());
                    problems(f, size[0], size[1], style).forEach(p -> out.add(where + p));
                    for (Drawn d : of(f, size[0], size[1], style)) {
                        if (d.text().length() > 1 && d.text().contains("…")) {
                            out.add(where + "cut: " + d.text());
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Batik's SVG Graphics2D, recording the text it is given as well as drawing it. */
    private static final class Recorder extends SVGGraphics2D {
        private final List<Drawn> out;

        Recorder(SVGGeneratorContext ctx, List<Drawn> out) {
            super(ctx, false);
            this.out = out;
        }

        @Override
        public void drawString(String s, float x, float y) {
            if (!s.isBlank()) {
                GlyphVector gv = getFont().createGlyphVector(getFontRenderContext(), s);
                Rectangle2D ink = gv.getVisualBounds();
                ink.setRect(x, ink.getY() + y, getFontMetrics().stringWidth(s), ink.getHeight());
                record(s, ink);
            }
            super.drawString(s, x, y);
        }

        @Override
        public void drawString(AttributedCharacterIterator it, float x, float y) {
            StringBuilder sb = new StringBuilder();
            for (char c = it.first(); c != AttributedCharacterIterator.DONE; c = it.next()) {
                sb.append(c);
            }
            drawString(sb.toString(), x, y);
        }

        @Override
        public void drawGlyphVector(GlyphVector gv, float x, float y) {
            Rectangle2D ink = gv.getVisualBounds();
            ink.setRect(ink.getX() + x, ink.getY() + y, ink.getWidth(), ink.getHeight());
            record("(glyphs)", ink);
            super.drawGlyphVector(gv, x, y);
        }

        private void record(String s, Rectangle2D ink) {
            double scale = Math.hypot(getTransform().getScaleY(), getTransform().getShearX());   // a rotated label keeps its size
            out.add(new Drawn(s, getFont().getSize2D() * scale, getTransform().createTransformedShape(ink).getBounds2D()));
        }
    }
}
