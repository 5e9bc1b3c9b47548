package org.seqlab.app.figures;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.BitSet;
import java.util.List;
import org.seqlab.app.text.EngineNames;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.inspect.Inspection;
import org.seqlab.engine.model.Probe;
import org.seqlab.engine.model.Trace;
import org.seqlab.engine.train.TrainingSnapshot.InspectionSnapshot;
import org.seqlab.engine.train.TrainingSnapshot;

/**
 * The receptive field of one pixel in the trained network, computed by the model's own backward pass: the
 * gradient of that pixel's loss with respect to every layer's input, as a heatmap over the image (log scale),
 * layer by layer. Pixels earlier in raster order that the gradient does not reach, inside the field's bounding
 * box, are marked red: the blind spot. A gated PixelCNN has none. Every PixelCNN of the lab gets a band, so a plain
 * and a gated one are compared at a glance. Click a map to choose another pixel.
 */
public final class PixelFieldFigure implements Figure {

    private static final Color BLIND = new Color(0xd73a49);

    /** One model's band: its label ("A · PixelCNN 5×32"), the trace of its inspection, and how many layers it has. */
    public record Model(String label, Trace trace, int layers) {
    }

    private final List<Model> models;
    private final int height;
    private final int width;
    private final int pixel;
    private final int step;

    public PixelFieldFigure(String runLabel, Trace trace, int height, int width, int layers, int pixel, int step) {
        this(List.of(new Model(runLabel, trace, layers)), height, width, pixel, step);
    }

    public PixelFieldFigure(List<Model> models, int height, int width, int pixel, int step) {
        this.models = List.copyOf(models);
        this.height = height;
        this.width = width;
        this.pixel = pixel < 0 || pixel >= height * width ? height * width - 1 : pixel;
        this.step = step;
    }

    /** Every PixelCNN's receptive field of the inspected pixel, a band each. */
    public static Figure of(TrainingSnapshot s) {
        String title = Texts.get("field.title");
        if (s.runs().stream().noneMatch(r -> r.config().model().family().image()) || s.data() == null || s.data().image() == null) {
            return Figure.empty("receptive-field", title, Texts.get("field.empty"));
        }
        String why = Traced.why(s);
        if (!why.isEmpty()) {
            return Figure.empty("receptive-field", title, why);
        }
        InspectionSnapshot in = s.inspection();
        List<Model> models = s.runs().stream().filter(r -> r.config().model().family().image() && in.traces().containsKey(r.id()))
                .map(r -> new Model(r.label(), in.traces().get(r.id()), r.config().model().layers())).toList();
        return models.isEmpty() ? Figure.empty("receptive-field", title, Traced.waiting())
                : new PixelFieldFigure(models, s.data().image().height(), s.data().image().width(), in.position(), in.step());
    }

    @Override
    public String name() {
        return "receptive-field";
    }

    @Override
    public String title() {
        return Texts.format("field.title.f", pixel / width, pixel % width,
                models.size() == 1 ? EngineNames.model(models.get(0).label()) : Texts.format("field.models.f", models.size()), step);
    }

    /** Where model m's band starts: its label's line, then its maps. */
    private double bandTop(Graphics2D g, double w, double h, int m, Style style) {
        double top = style.titleBottom(g, title(), w) + 4;
        return top + m * (bottom(g, w, h, style) - top) / models.size();
    }

    private double bottom(Graphics2D g, double w, double h, Style style) {
        g.setFont(style.tickFont());
        return h - 6 - g.getFontMetrics().getHeight() * Style.lines(g, note(), w - 30).size();
    }

    /** Model m's panel k: 0 the image, 1 p(x=1), then 2 + l the gradient at layer l's input. */
    private Rectangle2D.Double panel(Graphics2D g, double w, double h, int m, int k, Style style) {
        double top = bandTop(g, w, h, m, style);
        double bottom = m + 1 < models.size() ? bandTop(g, w, h, m + 1, style) : bottom(g, w, h, style);
        g.setFont(style.labelFont());
        top += models.size() > 1 ? g.getFontMetrics().getHeight() + 2 : 0;   // the band's label
        g.setFont(style.tickFont());
        double line = g.getFontMetrics().getHeight();
        int panels = models.get(m).layers() + 2;
        // as many maps a row as makes them largest, each with two lines of caption under it
        int cols = panels;
        double best = 0;
        for (int c = 1; c <= panels; c++) {
            int r = (int) Math.ceil(panels / (double) c);
            double size = Math.min((w - 30) / c - 16, (bottom - top) / r - 2 * line - 10);
            if (size > best) {
                best = size;
                cols = c;
            }
        }
        int rows = (int) Math.ceil(panels / (double) cols);
        double cw = (w - 30) / cols;
        double ch = (bottom - top) / rows;
        // under each map its caption, two lines of tick type
        Rectangle2D.Double area = new Rectangle2D.Double(15 + (k % cols) * cw + 6, top + (k / cols) * ch + 4, cw - 16, ch - 2 * line - 10);
        return ImagePainter.fit(area, height, width);
    }

    private static String note() {
        return Texts.get("field.note");
    }

    /** The pixel index under (x, y), or −1. */
    public int pixelAt(double x, double y, double w, double h, Style style) {
        Graphics2D g = Measure.graphics();
        for (int m = 0; m < models.size(); m++) {
            for (int k = 0; k < models.get(m).layers() + 2; k++) {
                Rectangle2D.Double box = panel(g, w, h, m, k, style);
                if (box.contains(x, y)) {
                    int r = (int) ((y - box.y) / box.height * height);
                    int c = (int) ((x - box.x) / box.width * width);
                    return Math.min(height - 1, r) * width + Math.min(width - 1, c);
                }
            }
        }
        return -1;
    }

    /** The first model's blind spot at the input of {@code layer}. */
    public int blindSpot(int layer) {
        return blindSpot(0, layer);
    }

    /** Pixels before the chosen one, inside the bounding box of the reached ones, that model m's gradient does not reach. */
    public int blindSpot(int m, int layer) {
        return blindMask(models.get(m), layer).cardinality();
    }

    private BitSet blindMask(Model model, int layer) {
        return Inspection.blindSpot(model.trace().get(new Probe.ReceptiveField(layer)), pixel, width);
    }

    @Override
    public void draw(Graphics2D g, double w, double h, Style style) {
        Style.background(g, w, h);
        style.title(g, title(), w);
        for (int m = 0; m < models.size(); m++) {
            Model model = models.get(m);
            if (models.size() > 1) {
                int blind = blindSpot(m, 0);   // at the image itself: the pixels the prediction cannot see
                g.setFont(style.labelFont());
                g.setPaint(Style.run(model.label().substring(0, 1)));
                style.shrunk(g, EngineNames.model(model.label()) + (blind > 0 ? Texts.format(blind == 1 ? "field.blind.one.f" : "field.blind.f", blind)
                        : Texts.get("field.noBlind")), 15, bandTop(g, w, h, m, style) + g.getFontMetrics().getAscent() + 2, w - 30);
            }
            drawBand(g, w, h, m, style);
        }
        g.setFont(style.tickFont());
        g.setPaint(style.muted());
        double line = g.getFontMetrics().getHeight();
        List<String> note = Style.lines(g, note(), w - 30);
        Style.wrapped(g, note(), 15, h - 6 - line * (note.size() - 1) - g.getFontMetrics().getDescent(), w - 30, h);
    }

    private void drawBand(Graphics2D g, double w, double h, int m, Style style) {
        Model model = models.get(m);
        int layers = model.layers();
        Trace.Array image = model.trace().get(new Probe.Image());
        Trace.Array prob = model.trace().get(new Probe.PixelProbability());
        for (int k = 0; k < layers + 2; k++) {
            Rectangle2D.Double box = panel(g, w, h, m, k, style);
            String caption;
            if (k == 0) {
                int[] px = new int[height * width];
                for (int i = 0; i < px.length; i++) {
                    px[i] = image.get(i) > 0.5 ? 1 : 0;
                }
                ImagePainter.binary(g, box, height, width, px, px.length, style);
                caption = Texts.get("field.digit");
            } else if (k == 1) {
                double[] p = new double[height * width];
                for (int i = 0; i < p.length; i++) {
                    p[i] = prob.get(i);
                }
                ImagePainter.values(g, box, height, width, p, ColorMap.VIRIDIS, 0, 1, style);
                caption = "p(xᵢ = 1 | x<ᵢ)";
            } else {
                int l = k - 2;
                Trace.Array grad = model.trace().get(new Probe.ReceptiveField(l));
                double max = 0;
                for (int i = 0; i < height * width; i++) {
                    max = Math.max(max, grad.get(i));
                }
                BitSet blind = blindMask(model, l);
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
                caption = Texts.format("field.layer.f", l) + (blind.isEmpty() ? "" : "\n" + Texts.format("field.blindCount.f", blind.cardinality()));
            }
            Rectangle2D.Double target = ImagePainter.cell(box, height, width, pixel / width, pixel % width);
            g.setPaint(Style.run("B"));
            g.setStroke(Style.stroke(2.5));
            g.draw(target);
            g.setFont(style.tickFont());
            g.setPaint(style.ink());
            double y = box.y + box.height + 4 + g.getFontMetrics().getAscent();
            // room up to the next map on the same row, or to the edge
            Rectangle2D.Double next = k + 1 < layers + 2 ? panel(g, w, h, m, k + 1, style) : null;
            g.setFont(style.tickFont());
            double room = (next != null && next.x > box.x ? next.x : w - 6) - box.x - 10;
            for (String line : caption.split("\n")) {
                style.shrunk(g, line, box.x, y, room);
                y += g.getFontMetrics().getHeight();
            }
        }
    }

    @Override
    public String describe(double x, double y, double w, double h, Style style) {
        int p = pixelAt(x, y, w, h, style);
        if (p < 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder(Texts.format("field.cell.f", p / width, p % width));
        for (Model model : models) {
            sb.append(String.format(Texts.locale(), " · %s %.3f", model.label().substring(0, 1), model.trace().get(new Probe.PixelProbability()).get(p)));
        }
        return sb.toString();
    }

    @Override
    public Table table() {
        Table.Builder tb = new Table.Builder("model", "layer_input", "row", "col", "grad_norm", "blind_spot");
        for (Model model : models) {
            for (int l = 0; l < model.layers(); l++) {
                Trace.Array grad = model.trace().get(new Probe.ReceptiveField(l));
                BitSet blind = blindMask(model, l);
                for (int i = 0; i < height * width; i++) {
                    tb.row(model.label(), l, i / width, i % width, grad.get(i), blind.get(i) ? 1 : 0);
                }
            }
        }
        return tb.build();
    }
}
