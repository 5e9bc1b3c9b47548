package org.seqlab.app.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seqlab.app.export.FigureExporter;
import org.seqlab.app.export.FigureText;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.DigitsCorpus;
import org.seqlab.engine.data.Vocabulary;
import org.seqlab.engine.inspect.AnomalyDetection;
import org.seqlab.engine.inspect.Inspection;
import org.seqlab.engine.inspect.PixelSampling;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.SequenceModel;
import org.seqlab.engine.model.Trace;
import org.seqlab.engine.model.build.Models;
import org.seqlab.engine.model.conv.Mask;
import org.seqlab.engine.model.conv.PixelModel;

/** The convolution figures on real models: what they count and what their tables hold. */
class ConvFiguresTest {

    @BeforeAll
    static void start() {
        Engine.start();
    }

    @Test
    void stackFigureCountsTheMeasuredFieldAndMatchesTheFormula() {
        ModelConfig c = ModelConfig.conv1d(8, 4, 2, true);
        SequenceModel m = Models.create(c, 5, 1);
        Vocabulary v = Vocabulary.ofSymbols("abcde");
        String text = "abcdeabcdeabcdeabcdeabcde";
        Trace t = Inspection.of(m, v.encode(text));
        List<String> labels = new ArrayList<>();
        text.codePoints().forEach(cp -> labels.add(Vocabulary.display(cp)));
        ConvStackFigure f = new ConvStackFigure("A", c, t, labels, -1, 0);
        assertThat(f.measuredField()).isEqualTo(16).isEqualTo(c.receptiveField());
        assertThat(f.table().rows()).hasSize(4 * 24);
        assertThat(FigureExporter.render(f, 900, 420, 2, Style.NORMAL).getWidth()).isEqualTo(1800);
    }

    @Test
    void fieldFigureMarksThePlainStacksBlindSpotAndNoneForTheGated() {
        DigitsCorpus digits = DigitsCorpus.tiny();
        int[] img = digits.image(9005);
        int pixel = 8 * 14 + 6;
        SequenceModel plain = Models.create(ModelConfig.pixelCnn(false, 8, 4, 3, 14, 14), 2, 1);
        SequenceModel gated = Models.create(ModelConfig.pixelCnn(true, 8, 4, 3, 14, 14), 2, 1);
        PixelFieldFigure pf = new PixelFieldFigure("A", Inspection.of(plain, img, pixel), 14, 14, 4, pixel, 0);
        PixelFieldFigure gf = new PixelFieldFigure("B", Inspection.of(gated, img, pixel), 14, 14, 4, pixel, 0);
        assertThat(pf.blindSpot(0)).isGreaterThan(0);
        assertThat(gf.blindSpot(0)).isZero();
        assertThat(pf.table().rows().stream().filter(r -> r.get(5).equals("1")).count()).isGreaterThan(0);
        // both in one figure, as the lab and export show them: a band each, the plain one's blind spot named, the gated none
        PixelFieldFigure both = new PixelFieldFigure(List.of(new PixelFieldFigure.Model("A · PixelCNN", Inspection.of(plain, img, pixel), 4),
                new PixelFieldFigure.Model("B · gated PixelCNN", Inspection.of(gated, img, pixel), 4)), 14, 14, pixel, 0);
        assertThat(both.blindSpot(0, 0)).isEqualTo(pf.blindSpot(0)).isGreaterThan(0);
        assertThat(both.blindSpot(1, 0)).isZero();
        assertThat(both.table().rows()).hasSize(2 * 4 * 196);
        assertThat(FigureText.of(both, 780, 430, Style.NORMAL)).extracting(FigureText.Drawn::text)
                .contains("A · PixelCNN · a blind spot of " + pf.blindSpot(0) + " pixels", "B · gated PixelCNN · no blind spot");
        assertThat(FigureText.problems(both, 780, 430, Style.NORMAL)).isEmpty();
        MaskKernelsFigure masks = new MaskKernelsFigure("B", ((PixelModel) gated).masks());
        assertThat(masks.table().rows()).hasSize(9 + 3 + 3); // vertical 3×3, horizontal A and B 1×3
        assertThat(new MaskKernelsFigure("A", List.of(Mask.typeA(5), Mask.typeB(3), Mask.typeB(3))).table().rows().get(0))
                .containsExactly("A 5×5", "1", "0", "0", "1", "0");
    }

    @Test
    void drawingAndAnomalyFiguresHoldTheirNumbers() {
        DigitsCorpus digits = DigitsCorpus.tiny();
        SequenceModel m = Models.create(ModelConfig.pixelCnn(false, 8, 2, 3, 14, 14), 2, 1);
        PixelSampling.Drawing d = PixelSampling.draw(m, 14, 14, new int[0], 1.0, 2);
        PixelDrawingFigure f = new PixelDrawingFigure("A", d, null, 0);
        assertThat(f.at(500).shown()).isEqualTo(196);
        assertThat(f.table().rows()).hasSize(196);
        AnomalyDetection.Result r = AnomalyDetection.compute(m, digits, 40, 0, 1);
        AnomalyFigure a = new AnomalyFigure("A", r, 0.5);
        assertThat(a.table().rows()).hasSize(4 * 40 + 3);
        assertThat(a.range()[0]).isLessThan(a.range()[1]);
        assertThat(FigureExporter.render(a, 1000, 450, 1, Style.NORMAL).getHeight()).isEqualTo(450);
    }
}
