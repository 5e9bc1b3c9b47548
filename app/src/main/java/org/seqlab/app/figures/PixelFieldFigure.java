package org.seqlab.app.figures;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.BitSet;
import java.util.List;
import org.seqlab.engine.inspect.Inspection;
import org.seqlab.engine.model.Probe;
import org.seqlab.engine.model.Trace;

/**
 * The receptive field of one pixel in the trained network, computed by the model's own backward pass: the
 * gradient of that pixel's loss with respect to every layer's input, as a heatmap over the image (log scale),
 * layer by layer. Pixels earlier in raster order that the gradient does not reach, inside the field's bounding
 * box, are marked red: the blind spot. A gated PixelCNN has none. Click a map to choose another pixel.
 */
public final class PixelFieldFigure implements Figure {

    private static final Color BLIND = new Color(0xd73a49);

    private final String runLabel;
    private final Trace trace;
    private final int height;
    private final int width;
    private final int layers;
    private final int pixel;
    private final int step;

    public PixelFieldFigure(String runLabel, Trace trace, int height, int width, int layers, int pixel, int step) {
        this.runLabel = runLabel;
        this.trace = trace;
        this.height = height;
        this.width = width;
        this.layers = layers;
        this.pixel = pixel < 0 || pixel >= height * width ? height * width - 1 : pixel;
        this.step = step;
    }

    @Override
    public String name() {
        return "receptive-field";
    }

    @Override
    public String title() {
        return String.format("Receptive field of pixel (%d, %d) · %s · step %d — click to choose a pixel", pixel / width, pixel % width,
                runLabel, step);
    }

    /** Panel k: 0 the image, 1 p(x=1), then 2 + l the gradient at layer l's input. */
    private Rectangle2D.Double panel(Graphics2D g, double w, double h, int k, Style style) {
        double top = style.titleBottom(g, title(), w) + 4;
        g.setFont(style.tickFont());
        double line = g.getFontMetrics().getHeight();
        double bottom = h - 6 - line * Style.lines(g, NOTE, w - 30).size();
        int panels = layers + 2;
        int cols = Math.min(panels, Math.max(3, (int) Math.ceil(Math.sqrt(panels * (w / Math.max(1, bottom - top))))));
        int rows = (int) Math.ceil(panels / (double) cols);
        double cw = (w - 30) / cols;
        double ch = (bottom - top) / rows;
        // under each map its caption, two lines of tick type
        Rectangle2D.Double area = new Rectangle2D.Double(15 + (k % cols) * cw + 6, top + (k / cols) * ch + 4, cw - 16, ch - 2 * line - 10);
        return ImagePainter.fit(area, height, width);
    }

    private static final String NOTE = "gradient on a log scale (4 decades); grey: exactly zero; red: earlier pixels inside the field that it cannot see";

    /** The pixel index under (x, y), or −1. */
    public int pixelAt(double x, double y, double w, double h, Style style) {
        Graphics2D g = Measure.graphics();
        for (int k = 0; k < layers + 2; k++) {
            Rectangle2D.Double box = panel(g, w, h, k, style);
            if (box.contains(x, y)) {
                int r = (int) ((y - box.y) / box.height * height);
                int c = (int) ((x - box.x) / box.width * width);
                return Math.min(height - 1, r) * width + Math.min(width - 1, c);
            }
        }
        return -1;
    }

    /** Pixels before the chosen one, inside the bounding box of the reached ones, that the gradient does not reach. */
    public int blindSpot(int layer) {
        return blindMask(layer).cardinality();
    }

    private BitSet blindMask(int layer) {
        return Inspection.blindSpot(trace.get(new Probe.ReceptiveField(layer)), pixel, width);
    }

    @Override
    public void draw(Graphics2D g, double w, double h, Style style) {
        Style.background(g, w, h);
        style.title(g, title(), w);
        Trace.Array image = trace.get(new Probe.Image());
        Trace.Array prob = trace.get(new Probe.PixelProbability());
        for (int k = 0; k < layers + 2; k++) {
            Rectangle2D.Double box = panel(g, w, h, k, style);
            String caption;
            if (k == 0) {
                int[] px = new int[height * width];
                for (int i = 0; i < px.length; i++) {
                    px[i] = image.get(i) > 0.5 ? 1 : 0;
                }
                ImagePainter.binary(g, box, height, width, px, px.length, style);
                caption = "the digit";
            } else if (k == 1) {
                double[] p = new double[height * width];
                for (int i = 0; i < p.length; i++) {
                    p[i] = prob.get(i);
                }
                ImagePainter.values(g, box, height, width, p, ColorMap.VIRIDIS, 0, 1, style);
                caption = "p(xᵢ = 1 | x<ᵢ)";
            } else {
                int l = k - 2;
                Trace.Array grad = trace.get(new Probe.ReceptiveField(l));
                double max = 0;
                for (int i = 0; i < height * width; i++) {
                    max = Math.max(max, grad.get(i));
                }
                BitSet blind = blindMask(l);
                double lo = Math.log10(Math.max(1e-30, max)) - 4;
                for (int r = 0; r < height; r++) {
                    for (int c = 0; c < width; c++) {
                        int i = r * width + c;
                        double v = grad.get(i);
                        g.setPaint(blind.get(i) ? BLIND : v == 0 ? new Color(0xf6f8fa)
                                : ColorMap.VIRIDIS.at(Math.log10(v), lo, Math.log10(max)));
                        g.fill(ImagePainter.cell(box, height, width, r, c));
                    }
                }
                g.setPaint(style.axis());
                g.setStroke(Style.stroke(1));
                g.draw(box);
                caption = "∂ℓ/∂(input of layer " + l + ")" + (blind.isEmpty() ? "" : "\nblind spot " + blind.cardinality());
            }
            Rectangle2D.Double target = ImagePainter.cell(box, height, width, pixel / width, pixel % width);
            g.setPaint(Style.run("B"));
            g.setStroke(Style.stroke(2.5));
            g.draw(target);
            g.setFont(style.tickFont());
            g.setPaint(style.ink());
            double y = box.y + box.height + 4 + g.getFontMetrics().getAscent();
            // room up to the next map on the same row, or to the edge
            Rectangle2D.Double next = k + 1 < layers + 2 ? panel(g, w, h, k + 1, style) : null;
            g.setFont(style.tickFont());
            double room = (next != null && next.x > box.x ? next.x : w - 6) - box.x - 10;
            for (String line : caption.split("\n")) {
                style.shrunk(g, line, box.x, y, room);
                y += g.getFontMetrics().getHeight();
            }
        }
        g.setFont(style.tickFont());
        g.setPaint(style.muted());
        double line = g.getFontMetrics().getHeight();
        List<String> note = Style.lines(g, NOTE, w - 30);
        Style.wrapped(g, NOTE, 15, h - 6 - line * (note.size() - 1) - g.getFontMetrics().getDescent(), w - 30, h);
    }

    @Override
    public String describe(double x, double y, double w, double h, Style style) {
        int p = pixelAt(x, y, w, h, style);
        return p < 0 ? null : String.format("pixel (%d, %d) · p(x = 1) = %.3f", p / width, p % width, trace.get(new Probe.PixelProbability()).get(p));
    }

    @Override
    public Table table() {
        Table.Builder tb = new Table.Builder("layer_input", "row", "col", "grad_norm", "blind_spot");
        for (int l = 0; l < layers; l++) {
            Trace.Array grad = trace.get(new Probe.ReceptiveField(l));
            BitSet blind = blindMask(l);
            for (int i = 0; i < height * width; i++) {
                tb.row(l, i / width, i % width, grad.get(i), blind.get(i) ? 1 : 0);
            }
        }
        return tb.build();
    }
}
