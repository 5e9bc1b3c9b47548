package org.seqlab.app.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.app.export.FigureExporter;
import org.seqlab.engine.model.Trace;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Every export format of one view: PNG at each scale, SVG as true vectors, CSV with the drawn numbers. */
class ExportFormatsTest {

    @TempDir
    Path dir;

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    /** A figure is a function of its data, size and style: a presentation-mode render racing on another thread changes nothing. */
    @Test
    void aRenderGetsTheStyleItAskedForWhileAnotherStyleDraws() throws Exception {
        HiddenStateFigure f = new HiddenStateFigure("A · RNN 1×7", FiguresTest.ramp(9, 7), List.of("a", "b", "c", "d", "e", "f", "g", "h", "i"), 0, 3);
        int[] normal = pixels(FigureExporter.render(f, 640, 360, 1, Style.NORMAL));
        int[] presentation = pixels(FigureExporter.render(f, 640, 360, 1, Style.PRESENTATION));
        assertThat(presentation).as("the styles differ").isNotEqualTo(normal);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread other = new Thread(() -> {
            while (!stop.get()) {
                FigureExporter.render(f, 640, 360, 1, Style.PRESENTATION);
            }
        });
        other.start();
        try {
            for (int i = 0; i < 5; i++) {
                assertThat(pixels(FigureExporter.render(f, 640, 360, 1, Style.NORMAL))).isEqualTo(normal);
            }
        } finally {
            stop.set(true);
            other.join();
        }
    }

    static int[] pixels(java.awt.image.BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    @Test
    void svgHoldsOneRectanglePerHeatmapCellAndTextAsText() throws Exception {
        Trace.Array h = FiguresTest.ramp(9, 7);   // 9 steps × 7 units
        HiddenStateFigure f = new HiddenStateFigure("A · RNN 1×7", h, List.of("a", "b", "c", "d", "e", "f", "g", "h", "i"), 0, 3);
        String svg = FigureExporter.svg(f, 640, 360, Style.NORMAL);
        Document doc = parse(svg);
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
        // the cells' geometry, as the figure lays them out
        Heatmap.Grid grid = f.grid(640, 360, Style.NORMAL);
        Set<String> cells = new HashSet<>();
        for (int c = 0; c < grid.cols(); c++) {
            for (int r = 0; r < grid.rows(); r++) {
                cells.add(key(grid.xAt(c), grid.yAt(r), Math.max(1, grid.xAt(c + 1) - grid.xAt(c)), Math.max(1, grid.yAt(r + 1) - grid.yAt(r))));
            }
        }
        assertThat(cells).hasSize(9 * 7);
        NodeList rects = doc.getElementsByTagNameNS("*", "rect");
        int matching = 0;
        for (int i = 0; i < rects.getLength(); i++) {
            Element e = (Element) rects.item(i);
            String k = key(d(e, "x"), d(e, "y"), d(e, "width"), d(e, "height"));
            if (cells.contains(k)) {
                matching++;
            }
        }
        assertThat(matching).as("one <rect> per heatmap cell").isEqualTo(9 * 7);
        // labels are text, not outlines
        NodeList texts = doc.getElementsByTagNameNS("*", "text");
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < texts.getLength(); i++) {
            all.append(texts.item(i).getTextContent()).append('|');
        }
        assertThat(all).contains(f.title());
        assertThat(doc.getDocumentElement().getAttribute("width")).isEqualTo("640");
    }

    private static double d(Element e, String attr) {
        String v = e.getAttribute(attr);
        return v.isEmpty() ? 0 : Double.parseDouble(v);
    }

    private static String key(double x, double y, double w, double h) {
        return Math.round(x) + "," + Math.round(y) + "," + Math.round(w) + "," + Math.round(h);
    }

    @Test
    void everyFormatIsWrittenAtItsScaleWithoutOverwriting() throws Exception {
        HiddenStateFigure f = new HiddenStateFigure("A", FiguresTest.ramp(4, 3), List.of("a", "b", "c", "d"), 0, 1);
        List<Path> first = FigureExporter.export(f, 300, 200, java.util.EnumSet.allOf(FigureExporter.Format.class), dir, Style.NORMAL);
        assertThat(first).hasSize(6);
        for (Path p : first) {
            String name = p.getFileName().toString();
            if (name.endsWith(".png")) {
                int scale = name.endsWith("@2x.png") ? 2 : name.endsWith("@4x.png") ? 4 : 1;
                var img = ImageIO.read(p.toFile());
                assertThat(img.getWidth()).as(name).isEqualTo(300 * scale);
                assertThat(img.getHeight()).as(name).isEqualTo(200 * scale);
            }
        }
        assertThat(Files.readString(first.get(4))).startsWith("t,input,h0,h1,h2");
        assertThat(Files.readString(first.get(5))).startsWith(f.title() + ".\nThe hidden state h_t of 3 units at each of 4 positions");
        // a PNG alone still gets its description beside it
        List<Path> png = FigureExporter.export(f, 300, 200, java.util.EnumSet.of(FigureExporter.Format.PNG_1X), dir.resolve("png"), Style.NORMAL);
        assertThat(png).extracting(p -> p.getFileName().toString().replaceAll(".*\\.", "")).containsExactly("png", "txt");
        // a second export in the same second gets its own names
        List<Path> second = FigureExporter.export(f, 300, 200, FigureExporter.DEFAULT, dir, Style.NORMAL);
        assertThat(second).doesNotContainAnyElementsOf(first);
        assertThat(FigureExporter.Format.parse("png1,png4,svg")).containsExactly(FigureExporter.Format.PNG_1X, FigureExporter.Format.PNG_4X,
                FigureExporter.Format.SVG);
    }
}
