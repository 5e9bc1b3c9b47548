package org.seqlab.app.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.seqlab.app.export.FigureExporter;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.model.Trace;

/**
 * Numbers on screen are written as the interface's language writes them (a decimal comma in German), and what a figure
 * exports as data stays locale-neutral: the CSV and the SVG's geometry read the same on every machine.
 */
class LocaleNumbersTest {

    @AfterEach
    void english() {
        Texts.use(Locale.ENGLISH);
        Locale.setDefault(Locale.Category.FORMAT, Locale.ENGLISH);
    }

    @Test
    void germanShowsDecimalCommasWhileTheCsvAndTheSvgKeepPoints() throws Exception {
        Trace.Array h = FiguresTest.ramp(9, 7);
        Texts.use(Locale.GERMAN);
        Locale.setDefault(Locale.Category.FORMAT, Locale.GERMAN);   // as the lab sets it at start
        HiddenStateFigure f = new HiddenStateFigure("A · RNN 1×7", h, List.of("a", "b", "c", "d", "e", "f", "g", "h", "i"), 0, 3);
        Heatmap.Grid grid = f.grid(640, 360, Style.NORMAL);
        String cell = f.describe(grid.xAt(1) + 1, grid.yAt(2) + 1, 640, 360, Style.NORMAL);
        // the cell as a German reader reads it: its words and its decimal comma
        assertThat(cell).isEqualTo(String.format(Locale.GERMAN, "t = 1 · Eingabe „b“ · Einheit 2 · h = %.4f", h.get(1, 2)))
                .matches(".*h = -?\\d,\\d{4}");
        assertThat(Style.number(2.5)).isEqualTo("2,5");
        assertThat(Plot.tick(0.25)).isEqualTo("0,25");

        String csv = f.table().toCsv();
        assertThat(csv).contains(Float.toString((float) h.get(1, 2))).doesNotContain("\"0,");
        String svg = FigureExporter.svg(f, 640, 360, Style.NORMAL);
        assertThat(ExportFormatsTest.parse(svg).getDocumentElement().getLocalName()).isEqualTo("svg");
        // coordinates and sizes in attributes are written with points: no attribute value holds a decimal comma
        assertThat(svg).doesNotContainPattern("=\"[-0-9.]*\\d,\\d[^\"]*\"");
        assertThat(svg).contains("Verborgener Zustand");
    }
}
