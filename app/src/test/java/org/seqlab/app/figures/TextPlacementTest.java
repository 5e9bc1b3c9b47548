package org.seqlab.app.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Graphics2D;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The recorder behind the figure layout checks finds what it is there to find. */
class TextPlacementTest {

    /** A figure that draws the given strings at the given baselines, in label type. */
    private static Figure drawing(double[][] at, String... texts) {
        return new Figure() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public String title() {
                return "test";
            }

            @Override
            public void draw(Graphics2D g, double w, double h, Style style) {
                g.setFont(style.labelFont());
                for (int i = 0; i < texts.length; i++) {
                    Style.text(g, texts[i], at[i][0], at[i][1]);
                }
            }

            @Override
            public Table table() {
                return new Table(List.of("x"), List.of());
            }
        };
    }

    @Test
    void textOverTextAndTextPastTheEdgeAreFoundAndNeighboursAreNot() {
        Figure overlap = drawing(new double[][] {{10, 30}, {30, 32}}, "entropy floor", "validation");
        assertThat(TextPlacement.problems(overlap, 400, 100, Style.NORMAL)).singleElement().asString().contains("overlaps");

        Figure past = drawing(new double[][] {{350, 30}}, "a long caption at the right edge");
        assertThat(TextPlacement.problems(past, 400, 100, Style.NORMAL)).singleElement().asString().contains("leaves");

        Figure rotated = new Figure() {
            @Override
            public String name() {
                return "rotated";
            }

            @Override
            public String title() {
                return "rotated";
            }

            @Override
            public void draw(Graphics2D g, double w, double h, Style style) {
                g.setFont(style.labelFont());
                Style.vertical(g, "bits per character", 12, 50);   // 120 px tall, centred on y = 50: past the top
            }

            @Override
            public Table table() {
                return new Table(List.of("x"), List.of());
            }
        };
        assertThat(TextPlacement.problems(rotated, 400, 100, Style.NORMAL)).singleElement().asString().contains("leaves");

        Figure lines = drawing(new double[][] {{10, 30}, {10, 50}, {200, 30}}, "one line", "the next line", "beside");
        assertThat(TextPlacement.problems(lines, 400, 100, Style.NORMAL)).isEmpty();
    }
}
