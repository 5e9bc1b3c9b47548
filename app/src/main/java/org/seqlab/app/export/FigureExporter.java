package org.seqlab.app.export;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import javax.imageio.ImageIO;
import org.seqlab.app.views.Figure;

/**
 * Writes a figure as a PNG at a chosen scale (the same drawing code as on screen, at 2× or more pixels per
 * logical pixel) and its numbers as CSV. Works without a display.
 */
public final class FigureExporter {

    /** The two files one export writes. */
    public record Exported(Path png, Path csv) {
    }

    private FigureExporter() {
    }

    /** {@code -Dseqlab.figures=DIR}, else ~/SeqLab/figures. */
    public static Path defaultFolder() {
        String p = System.getProperty("seqlab.figures");
        return p != null && !p.isBlank() ? Path.of(p) : Path.of(System.getProperty("user.home"), "SeqLab", "figures");
    }

    /** The figure drawn into a {@code round(w·scale) × round(h·scale)} image. */
    public static BufferedImage render(Figure f, double w, double h, double scale) {
        int pw = (int) Math.round(w * scale);
        int ph = (int) Math.round(h * scale);
        BufferedImage img = new BufferedImage(Math.max(1, pw), Math.max(1, ph), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.scale(scale, scale);
        f.draw(g, w, h);
        g.dispose();
        return img;
    }

    public static void writePng(Figure f, double w, double h, double scale, Path file) throws IOException {
        createParent(file);
        if (!ImageIO.write(render(f, w, h, scale), "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    public static void writeCsv(Figure f, Path file) throws IOException {
        createParent(file);
        Files.writeString(file, f.table().toCsv(), StandardCharsets.UTF_8);
    }

    /** PNG at {@code scale} and CSV into {@code folder}, named after the figure and the time, never overwriting. */
    public static Exported export(Figure f, double w, double h, double scale, Path folder) throws IOException {
        Files.createDirectories(folder);
        String stem = f.name() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path png = folder.resolve(stem + ".png");
        for (int n = 2; Files.exists(png); n++) {
            png = folder.resolve(stem + "-" + n + ".png");
        }
        Path csv = folder.resolve(png.getFileName().toString().replaceAll("\\.png$", ".csv"));
        writePng(f, w, h, scale, png);
        writeCsv(f, csv);
        return new Exported(png, csv);
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
