package org.seqlab.app.export;

import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import org.apache.batik.dom.GenericDOMImplementation;
import org.apache.batik.svggen.SVGGeneratorContext;
import org.apache.batik.svggen.SVGGraphics2D;
import org.seqlab.app.describe.Describers;
import org.seqlab.app.describe.Description;
import org.seqlab.app.figures.Figure;
import org.seqlab.app.figures.Style;
import org.seqlab.engine.io.AtomicFile;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes a figure as PNG at 1×, 2× or 4× (the same drawing code as on screen, at more pixels per logical pixel), as
 * SVG (Batik's {@code Graphics2D}: every filled cell a {@code <rect>}, every label a {@code <text>}), and its
 * numbers as CSV. Works without a display.
 */
public final class FigureExporter {

    /** What an export can write. */
    public enum Format {
        PNG_1X("PNG 1×", "png", 1), PNG_2X("PNG 2×", "png", 2), PNG_4X("PNG 4×", "png", 4), SVG("SVG (vectors)", "svg", 1),
        CSV("CSV (the numbers)", "csv", 1), TXT("TXT (the description)", "txt", 1);

        private final String label;
        private final String extension;
        private final double scale;

        Format(String label, String extension, double scale) {
            this.label = label;
            this.extension = extension;
            this.scale = scale;
        }

        public String label() {
            return label;
        }

        /** "@2x.png", ".svg". */
        String suffix() {
            return (extension.equals("png") && scale != 1 ? "@" + (int) scale + "x." : ".") + extension;
        }

        /** "png,svg,csv" or "png1,png2,png4,svg,csv" on the command line. */
        public static Set<Format> parse(String list) {
            Set<Format> out = EnumSet.noneOf(Format.class);
            for (String s : list.split(",")) {
                switch (s.strip().toLowerCase(Locale.ROOT)) {
                    case "png", "png2", "png2x" -> out.add(PNG_2X);
                    case "png1", "png1x" -> out.add(PNG_1X);
                    case "png4", "png4x" -> out.add(PNG_4X);
                    case "svg" -> out.add(SVG);
                    case "csv" -> out.add(CSV);
                    case "txt" -> out.add(TXT);
                    case "all" -> out.addAll(EnumSet.allOf(Format.class));
                    case "" -> { }
                    default -> throw new IllegalArgumentException("unknown figure format '" + s.strip()
                            + "'; choose png1, png2, png4, svg, csv, txt or all");
                }
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("choose at least one figure format");
            }
            return out;
        }
    }

    /** What Export writes unless told otherwise: a PNG for slides (with its description beside it), an SVG for papers, and the numbers. */
    public static final Set<Format> DEFAULT = EnumSet.of(Format.PNG_2X, Format.SVG, Format.CSV, Format.TXT);

    private static final String SVG_NS = org.apache.batik.util.SVGConstants.SVG_NAMESPACE_URI;

    private FigureExporter() {
    }

    /** {@code -Dseqlab.figures=DIR}, else ~/SeqLab/figures. */
    public static Path defaultFolder() {
        String p = System.getProperty("seqlab.figures");
        return p != null && !p.isBlank() ? Path.of(p) : Path.of(System.getProperty("user.home"), "SeqLab", "figures");
    }

    /** The figure drawn into a {@code round(w·scale) × round(h·scale)} image. */
    public static BufferedImage render(Figure f, double w, double h, double scale, Style style) {
        int pw = (int) Math.round(w * scale);
        int ph = (int) Math.round(h * scale);
        BufferedImage img = new BufferedImage(Math.max(1, pw), Math.max(1, ph), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.scale(scale, scale);
        f.draw(g, w, h, style);
        g.dispose();
        return img;
    }

    public static void writePng(Figure f, double w, double h, double scale, Path file, Style style) throws IOException {
        createParent(file);
        BufferedImage img = render(f, w, h, scale, style);
        AtomicFile.write(file, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    /** The figure as an SVG document of {@code w × h} user units. */
    public static String svg(Figure f, double w, double h, Style style) throws IOException {
        StringWriter out = new StringWriter();
        writeSvg(f, Describers.of(f), w, h, out, style);
        return out.toString();
    }

    private static void writeSvg(Figure f, Description d, double w, double h, Writer out, Style style) throws IOException {
        Document doc = GenericDOMImplementation.getDOMImplementation().createDocument(SVG_NS, "svg", null);
        SVGGeneratorContext ctx = SVGGeneratorContext.createDefault(doc);
        ctx.setComment("SeqLab: " + f.title());
        ctx.setEmbeddedFontsOn(false);
        SVGGraphics2D g = new SVGGraphics2D(ctx, false);   // text stays text
        g.setSVGCanvasSize(new Dimension((int) Math.ceil(w), (int) Math.ceil(h)));
        f.draw(g, w, h, style);
        // the description as the SVG's own accessible name and description (SVG 1.1 §5.4), read by screen readers
        Element root = g.getRoot();
        Element desc = doc.createElementNS(SVG_NS, "desc");
        desc.setTextContent(d.text());
        root.insertBefore(desc, root.getFirstChild());
        Element title = doc.createElementNS(SVG_NS, "title");
        title.setTextContent(d.title());
        root.insertBefore(title, root.getFirstChild());
        g.stream(root, out, true, false);
        g.dispose();
    }

    public static void writeSvg(Figure f, double w, double h, Path file, Style style) throws IOException {
        writeSvg(f, Describers.of(f), w, h, file, style);
    }

    private static void writeSvg(Figure f, Description d, double w, double h, Path file, Style style) throws IOException {
        createParent(file);
        StringWriter text = new StringWriter();
        writeSvg(f, d, w, h, text, style);
        String svg = text.toString();
        AtomicFile.write(file, out -> out.write(svg.getBytes(StandardCharsets.UTF_8)));
    }

    public static void writeCsv(Figure f, Path file) throws IOException {
        createParent(file);
        byte[] csv = f.table().toCsv().getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(file, out -> out.write(csv));
    }

    /** The figure's description (title and sentences), as the .txt beside a PNG holds it. */
    public static void writeTxt(Figure f, Path file) throws IOException {
        writeTxt(Describers.of(f), file);
    }

    private static void writeTxt(Description d, Path file) throws IOException {
        createParent(file);
        byte[] txt = d.plain().getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(file, out -> out.write(txt));
    }

    /** Writes one file in {@code format} at {@code stem} + its suffix ("@2x.png"). */
    public static Path write(Figure f, double w, double h, Format format, Path stem, Style style) throws IOException {
        return write(f, null, w, h, format, stem, style);
    }

    /** Writes each of the formats at {@code stem}, describing the figure once for the SVG and the .txt that both carry it. */
    public static List<Path> write(Figure f, double w, double h, Set<Format> formats, Path stem, Style style) throws IOException {
        Description d = formats.contains(Format.SVG) || formats.contains(Format.TXT) ? Describers.of(f) : null;
        List<Path> out = new ArrayList<>();
        for (Format format : formats) {
            out.add(write(f, d, w, h, format, stem, style));
        }
        return out;
    }

    /** One format; {@code d} the figure's description when already made, else null. */
    private static Path write(Figure f, Description d, double w, double h, Format format, Path stem, Style style) throws IOException {
        Path file = stem.resolveSibling(stem.getFileName() + format.suffix());
        switch (format) {
            case PNG_1X, PNG_2X, PNG_4X -> writePng(f, w, h, format.scale, file, style);
            case SVG -> writeSvg(f, d != null ? d : Describers.of(f), w, h, file, style);
            case CSV -> writeCsv(f, file);
            case TXT -> writeTxt(d != null ? d : Describers.of(f), file);
        }
        return file;
    }

    /** The chosen formats, with the .txt description wherever a PNG is among them: a picture never leaves without its words. */
    public static Set<Format> described(Set<Format> chosen) {
        Set<Format> formats = EnumSet.copyOf(chosen);
        if (formats.contains(Format.PNG_1X) || formats.contains(Format.PNG_2X) || formats.contains(Format.PNG_4X)) {
            formats.add(Format.TXT);
        }
        return formats;
    }

    /** The chosen formats into {@code folder}, named after the figure and the time, never overwriting. */
    public static List<Path> export(Figure f, double w, double h, Set<Format> chosen, Path folder, Style style) throws IOException {
        Set<Format> formats = described(chosen);
        Files.createDirectories(folder);
        String base = f.name() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String stem = base;
        for (int n = 2; taken(folder, stem, formats); n++) {
            stem = base + "-" + n;
        }
        return write(f, w, h, formats, folder.resolve(stem), style);
    }

    private static boolean taken(Path folder, String stem, Set<Format> formats) {
        return formats.stream().anyMatch(fm -> Files.exists(folder.resolve(stem + fm.suffix())));
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
