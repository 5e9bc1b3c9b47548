package org.seqlab.app.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Graphics2D;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.seqlab.app.figures.Figure;
import org.seqlab.app.figures.Style;
import org.seqlab.app.figures.Table;

/** The recorder behind the figure layout checks finds what it is there to find. */
class FigureTextTest {

    /** A figure titled {@code title} that draws what {@code paint} draws. */
    private static Figure figure(String title, BiConsumer<Graphics2D, Style> paint) {
        return new Figure() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public String title() {
                return title;
            }

            @Override
            public void draw(Graphics2D g, double w, double h, Style style) {
                paint.accept(g, style);
            }

            @Override
            public Table table() {
                return new Table(List.of("x"), List.of());
            }
        };
    }

    /** A figure that draws the given strings at the given baselines, in label type. */
    private static Figure drawing(double[][] at, String... texts) {
        return figure("test", (g, style) -> {
            g.setFont(style.labelFont());
            for (int i = 0; i < texts.length; i++) {
                Style.text(g, texts[i], at[i][0], at[i][1]);
            }
        });
    }

    @Test
    void textOverTextAndTextPastTheEdgeAreFoundAndNeighboursAreNot() {
        Figure overlap = drawing(new double[][] {{10, 30}, {30, 32}}, "entropy floor", "validation");
        assertThat(FigureText.problems(overlap, 400, 100, Style.NORMAL)).singleElement().asString().contains("overlaps");

        Figure past = drawing(new double[][] {{350, 30}}, "a long caption at the right edge");
        assertThat(FigureText.problems(past, 400, 100, Style.NORMAL)).singleElement().asString().contains("leaves");

        Figure rotated = figure("rotated", (g, style) -> {
            g.setFont(style.labelFont());
            Style.vertical(g, "bits per character", 12, 50);   // 120 px tall, centred on y = 50: past the top
        });
        assertThat(FigureText.problems(rotated, 400, 100, Style.NORMAL)).singleElement().asString().contains("leaves");

        Figure lines = drawing(new double[][] {{10, 30}, {10, 50}, {200, 30}}, "one line", "the next line", "beside");
        assertThat(FigureText.problems(lines, 400, 100, Style.NORMAL)).isEmpty();
    }

    /** The type size read is the size a reader sees: the font's times the drawing's scale, rotated or not. */
    @Test
    void theSizeOfEachTextIsReadAsDrawn() {
        Figure f = drawing(new double[][] {{10, 30}}, "bits per character");
        assertThat(FigureText.of(f, 400, 100, Style.NORMAL)).singleElement().extracting(FigureText.Drawn::px).isEqualTo(14.0);
        assertThat(FigureText.of(f, 400, 100, Style.PRESENTATION)).singleElement().extracting(FigureText.Drawn::px).isEqualTo(21.0);
    }

    /**
     * A title too long for its figure is set smaller only down to the least size a title may have (24 px presenting), then
     * in more lines: never below the floor, never cut while three lines hold it.
     */
    @Test
    void aLongTitleWrapsRatherThanShrinkingBelowTheFloor() {
        String title = "Loss · character · synthetic:repeat · the model's bits per symbol against the entropy floor · step 1200";
        Figure f = figure(title, (g, style) -> style.title(g, title, 620));
        List<FigureText.Drawn> lines = FigureText.of(f, 620, 300, Style.PRESENTATION);
        assertThat(lines).hasSizeBetween(2, 3).allSatisfy(d -> assertThat(d.px()).isGreaterThanOrEqualTo(24));
        assertThat(String.join(" ", lines.stream().map(FigureText.Drawn::text).toList())).isEqualTo(title);
        assertThat(FigureText.problems(f, 620, 300, Style.PRESENTATION)).isEmpty();
    }
}
