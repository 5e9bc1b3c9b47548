package org.seqlab.app.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Area;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqlab.app.figures.ColourVision.Deficiency;

/**
 * The colours every eye can tell apart: model colours, and the ends and middle of the colour maps, stay ΔE*ab ≥ 20
 * apart under protanopia, deuteranopia and tritanopia (Machado et al. 2009); and each model's line also carries a
 * marker of its own shape.
 */
class PaletteTest {

    private static final List<String> MODELS = List.of("A", "B", "C", "D");

    @Test
    void theSimulationIsMachadosAndTheDistanceIsCielabs() {
        // white stays white, and a red–green pair that normal eyes tell apart easily collapses for a deuteranope
        assertThat(Deficiency.DEUTERANOPIA.see(Color.WHITE)).isEqualTo(Color.WHITE);
        Color red = new Color(0xD62728);
        Color green = new Color(0x2CA02C);
        assertThat(ColourVision.distance(red, green, Deficiency.NONE)).isGreaterThan(70);
        assertThat(ColourVision.distance(red, green, Deficiency.DEUTERANOPIA)).isLessThan(ColourVision.DISTINCT);
        // CIELAB of sRGB white and mid grey (#777777 is L* 50.0)
        assertThat(ColourVision.lab(Color.WHITE)[0]).isCloseTo(100, org.assertj.core.data.Offset.offset(0.01));
        assertThat(ColourVision.lab(new Color(0x777777))[0]).isCloseTo(50.0, org.assertj.core.data.Offset.offset(0.2));
    }

    @Test
    void everyPairOfModelColoursStaysApartForEveryEye() {
        List<String> close = new ArrayList<>();
        for (Deficiency eye : Deficiency.values()) {
            for (int i = 0; i < MODELS.size(); i++) {
                for (int j = i + 1; j < MODELS.size(); j++) {
                    double d = ColourVision.distance(Style.run(MODELS.get(i)), Style.run(MODELS.get(j)), eye);
                    if (d < ColourVision.DISTINCT) {
                        close.add(String.format("%s and %s under %s: ΔE %.1f", MODELS.get(i), MODELS.get(j), eye, d));
                    }
                }
                // and from the ink and grey of the text and the axes around them
                for (Color ink : List.of(Style.NORMAL.ink(), Style.NORMAL.muted())) {
                    double d = ColourVision.distance(Style.run(MODELS.get(i)), ink, eye);
                    if (d < ColourVision.DISTINCT) {
                        close.add(String.format("%s and the ink %06X under %s: ΔE %.1f", MODELS.get(i), ink.getRGB() & 0xffffff, eye, d));
                    }
                }
                // and against the paper they are drawn on: WCAG 2.1's 3:1 for graphics (success criterion 1.4.11)
                assertThat(contrast(eye.see(Style.run(MODELS.get(i))), Style.PAPER)).as("%s on white, %s", MODELS.get(i), eye)
                        .isGreaterThanOrEqualTo(3.0);
            }
        }
        assertThat(close).isEmpty();
    }

    @Test
    void theDivergingMapKeepsItsSignsAndItsZeroApartAndViridisKeepsItsOrderInLightness() {
        ColorMap div = ColorMap.DIVERGING;
        for (Deficiency eye : Deficiency.values()) {
            // the two ends, each end and zero, and equal magnitudes of opposite sign
            assertThat(ColourVision.distance(div.at(0), div.at(1), eye)).as("ends, %s", eye).isGreaterThan(ColourVision.DISTINCT);
            assertThat(ColourVision.distance(div.at(0), div.at(0.5), eye)).as("negative end and zero, %s", eye).isGreaterThan(ColourVision.DISTINCT);
            assertThat(ColourVision.distance(div.at(1), div.at(0.5), eye)).as("positive end and zero, %s", eye).isGreaterThan(ColourVision.DISTINCT);
            assertThat(ColourVision.distance(div.at(0.25), div.at(0.75), eye)).as("−½ and +½, %s", eye).isGreaterThan(ColourVision.DISTINCT);
            // viridis: a larger value is lighter, whatever the eye, so order reads without hue
            double previous = -1;
            for (int k = 0; k <= 16; k++) {
                double lightness = ColourVision.lab(eye.see(ColorMap.VIRIDIS.at(k / 16.0)))[0];
                assertThat(lightness).as("viridis at %d/16 under %s", k, eye).isGreaterThan(previous);
                previous = lightness;
            }
        }
    }

    /** WCAG 2.1's contrast ratio (L1 + 0.05) / (L2 + 0.05) of relative luminances. */
    static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        double[] v = {c.getRed() / 255.0, c.getGreen() / 255.0, c.getBlue() / 255.0};
        for (int i = 0; i < 3; i++) {
            v[i] = v[i] <= 0.04045 ? v[i] / 12.92 : Math.pow((v[i] + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
    }

    @Test
    void eachModelsMarkerHasItsOwnShape() {
        List<Area> shapes = new ArrayList<>();
        for (String m : MODELS) {
            Shape s = Marks.of(m, 0, 0, 10);
            assertThat(s.getBounds2D().getWidth()).as(m).isBetween(15.0, 26.0);   // about the same size: no model shouts
            for (Area other : shapes) {
                Area a = new Area(s);
                a.exclusiveOr(other);
                assertThat(a.isEmpty()).as("%s differs from the shapes before it", m).isFalse();
            }
            shapes.add(new Area(s));
        }
    }
}
