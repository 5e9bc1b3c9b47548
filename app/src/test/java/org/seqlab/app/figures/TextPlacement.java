package org.seqlab.app.figures;

import java.awt.Dimension;
import java.awt.font.GlyphVector;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.apache.batik.dom.GenericDOMImplementation;
import org.apache.batik.svggen.SVGGeneratorContext;
import org.apache.batik.svggen.SVGGraphics2D;

/**
 * Where a figure puts its text: the figure is drawn through a {@code Graphics2D} that records the ink box of every
 * string on the page (font, transform and all), and the boxes are checked for text over other text or beyond the
 * figure's edge — what a reader at the back of the room would see as a collision or a cut.
 */
public final class TextPlacement {

    /** One string as drawn, with its ink box in the figure's coordinates. */
    public record Placed(String text, Rectangle2D box) {
        @Override
        public String toString() {
            return String.format("'%s' at (%.0f, %.0f, %.0f×%.0f)", text, box.getX(), box.getY(), box.getWidth(), box.getHeight());
        }
    }

    /** Slack for antialiasing and rounding: boxes that share less than this in both directions do not collide. */
    static final double SLACK = 1.0;

    private TextPlacement() {
    }

    /** Every string {@code f} draws into a {@code w × h} box in {@code style}. */
    public static List<Placed> record(Figure f, double w, double h, Style style) {
        var doc = GenericDOMImplementation.getDOMImplementation().createDocument("http://www.w3.org/2000/svg", "svg", null);
        List<Placed> placed = new ArrayList<>();
        SVGGraphics2D g = new SVGGraphics2D(SVGGeneratorContext.createDefault(doc), false) {
            @Override
            public void drawString(String s, float x, float y) {
                if (!s.isBlank()) {
                    // across: the advance the figure's own font metrics lay it out by; up and down: the ink
                    GlyphVector gv = getFont().createGlyphVector(getFontRenderContext(), s);
                    Rectangle2D ink = gv.getVisualBounds();
                    ink.setRect(x, ink.getY() + y, getFontMetrics().stringWidth(s), ink.getHeight());
                    placed.add(new Placed(s, getTransform().createTransformedShape(ink).getBounds2D()));
                }
                super.drawString(s, x, y);
            }

            @Override
            public void drawGlyphVector(GlyphVector gv, float x, float y) {
                Rectangle2D ink = gv.getVisualBounds();
                ink.setRect(ink.getX() + x, ink.getY() + y, ink.getWidth(), ink.getHeight());
                placed.add(new Placed("(glyphs)", getTransform().createTransformedShape(ink).getBounds2D()));
                super.drawGlyphVector(gv, x, y);
            }
        };
        g.setSVGCanvasSize(new Dimension((int) Math.ceil(w), (int) Math.ceil(h)));
        f.draw(g, w, h, style);
        g.dispose();
        return placed;
    }

    /** What is wrong with the text of {@code f} drawn at {@code w × h}: strings over strings, strings past an edge. */
    public static List<String> problems(Figure f, double w, double h, Style style) {
        List<Placed> placed = record(f, w, h, style);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < placed.size(); i++) {
            Placed a = placed.get(i);
            Rectangle2D b = a.box();
            if (b.getMinX() < -SLACK || b.getMinY() < -SLACK || b.getMaxX() > w + SLACK || b.getMaxY() > h + SLACK) {
                out.add(a + " leaves the " + (int) w + "×" + (int) h + " figure");
            }
            for (int j = i + 1; j < placed.size(); j++) {
                Placed c = placed.get(j);
                Rectangle2D both = b.createIntersection(c.box());
                if (both.getWidth() > SLACK && both.getHeight() > SLACK) {
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
                    for (Placed p : record(f, size[0], size[1], style)) {
                        if (p.text().contains("…")) {
                            out.add(where + "cut: " + p.text());
                        }
                    }
                }
            }
        }
        return out;
    }
}
