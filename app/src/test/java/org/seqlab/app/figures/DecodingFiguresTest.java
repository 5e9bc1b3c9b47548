package org.seqlab.app.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seqlab.app.export.FigureExporter;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.Vocabulary;
import org.seqlab.engine.data.synthetic.RepeatCorpus;
import org.seqlab.engine.inspect.ExposureBias;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.SequenceModel;
import org.seqlab.engine.model.build.Models;
import org.seqlab.engine.sample.BeamSearch;
import org.seqlab.engine.sample.Decoder;
import org.seqlab.engine.sample.DecodingConfig;
import org.seqlab.engine.sample.Strategy;
import org.seqlab.engine.sample.StrategyComparison;

/** The decoding figures on a real model of the repeat task: clicks, tables, and renders at projector and laptop sizes. */
class DecodingFiguresTest {

    static RepeatCorpus repeat;
    static Vocabulary v;
    static SequenceModel model;
    static List<String> tokens = new ArrayList<>();

    @BeforeAll
    static void model() {
        Engine.start();
        repeat = RepeatCorpus.standard();
        v = repeat.vocabulary();
        model = Models.create(new ModelConfig(Family.LSTM, 0, 16, 1), v.size(), 3);
        for (int i = 0; i < v.size(); i++) {
            tokens.add(v.label(i));
        }
    }

    static List<String> labels(String s) {
        List<String> out = new ArrayList<>();
        for (int id : v.encode(s)) {
            out.add(v.label(id));
        }
        return out;
    }

    /** Renders at two sizes; with -Dseqlab.renders=DIR the PNGs are kept to look at. */
    static void render(Figure f) throws Exception {
        for (int[] size : new int[][] {{1400, 800}, {900, 420}}) {
            BufferedImage img = FigureExporter.render(f, size[0], size[1], 1, Style.NORMAL);
            assertThat(img.getWidth()).isEqualTo(size[0]);
            String dir = System.getProperty("seqlab.renders");
            if (dir != null) {
                Files.createDirectories(Path.of(dir));
                ImageIO.write(img, "png", Path.of(dir, f.name() + "-" + (f.title().contains("Pixel") ? "image-" : "") + size[0] + ".png").toFile());
            }
        }
    }

    @Test
    void stepThroughShowsEveryDistributionAndClickingPicksARowAndStep() throws Exception {
        String prompt = "abcdefghij|";
        DecodingConfig c = DecodingConfig.of(Strategy.TOP_P).withP(0.6).withTemperature(0.7).withSeed(4);
        DecodingFigure.Input in = new DecodingFigure.Input("A", "A · LSTM 1×16", labels(prompt), tokens,
                Decoder.generate(model, v, prompt, 30, DecodingConfig.of(Strategy.GREEDY), -1), Decoder.generate(model, v, prompt, 30, c, -1), c, 0, null);
        DecodingFigure f = new DecodingFigure(in, false, 3);
        render(f);
        Table t = f.table();
        // the shown step: every token, and the renormalised column sums to 1 over the kept ones
        double sum = 0;
        for (int i = 0; i < v.size(); i++) {
            List<String> row = t.rows().get(i);
            assertThat(row.get(1)).isEqualTo("4");
            sum += Double.parseDouble(row.get(6));
        }
        assertThat(sum).isCloseTo(1.0, within(1e-9));
        assertThat(t.rows()).hasSize(v.size() + 60);
        // a click on the greedy row's 6th generated character shows greedy's step 6
        Figure clicked = null;
        for (int x = 0; x < 1400 && clicked == null; x += 3) {
            for (int y = 40; y < 120 && clicked == null; y += 3) {
                if (f.click(x, y, 1400, 800, Style.NORMAL) instanceof DecodingFigure d && d.greedyBranch() && d.step() == 5) {
                    clicked = d;
                }
            }
        }
        assertThat(clicked).as("a cell of the greedy row").isNotNull();
        assertThat(clicked.title()).contains("top-p p=0.60 T=0.70");
        assertThat(f.at(false, 99).step()).isEqualTo(29);   // clamped to the last step

        // in a view as low as beside the reader at 1024×768: the branch looked at in one row above the bars, no caption;
        // a click on its row moves its step, and nothing reaches the other branch, which is not drawn
        List<String> low = org.seqlab.app.export.FigureText.of(f, 640, 180, Style.NORMAL).stream()
                .map(org.seqlab.app.export.FigureText.Drawn::text).toList();
        assertThat(low).contains("top-p", "probability").doesNotContain("greedy").noneMatch(s -> s.startsWith("Too low") || s.startsWith("Step 4"));
        assertThat(org.seqlab.app.export.FigureText.problems(f, 640, 180, Style.NORMAL)).isEmpty();
        java.util.Set<Boolean> branches = new java.util.HashSet<>();
        for (int x = 0; x < 640; x += 3) {
            for (int y = 30; y < 90; y += 3) {
                int[] hit = f.rowStepAt(x, y, 640, 180, Style.NORMAL);
                if (hit != null) {
                    branches.add(hit[0] == 1);
                }
            }
        }
        assertThat(branches).containsExactly(false);
    }

    @Test
    void beamTreeRanksAndShowsTheTruth() throws Exception {
        int[] prompt = v.encode("abcdefgh");
        BeamSearch.Result r = BeamSearch.run(model, prompt, 3, 6, -1);
        double[] truth = r.ranked().stream().mapToDouble(h -> repeat.conditional(prompt, h.tokens())).toArray();
        BeamFigure f = new BeamFigure(new BeamFigure.Input("A · LSTM", "abcdefgh", tokens, r, truth, 0));
        render(f);
        Table t = f.table();
        assertThat(t.rows()).hasSize(r.tree().size());
        long ranked = t.rows().stream().filter(row -> !row.get(9).isEmpty()).count();
        assertThat(ranked).isEqualTo(3);
        // hovering a node names its continuation
        String seen = null;
        for (int x = 0; x < 1400 && seen == null; x += 4) {
            for (int y = 40; y < 800 && seen == null; y += 4) {
                seen = f.describe(x, y, 1400, 800, Style.NORMAL);
            }
        }
        assertThat(seen).startsWith("'abcdefgh' + '");
    }

    @Test
    void exposureAndStrategyFiguresRender() throws Exception {
        var sequences = ExposureBias.sequences(repeat, 40, 8);
        int[] w = sequences.get(1);
        int[] prefix = java.util.Arrays.copyOf(w, 20);
        int[] reference = java.util.Arrays.copyOfRange(w, 20, w.length);
        DecodingConfig greedy = DecodingConfig.of(Strategy.GREEDY);
        ExposureRun run = new ExposureRun("A", "A · LSTM · teacher forcing only",
                ExposureBias.compute(model, prefix, reference, greedy, repeat), ExposureBias.average(model, sequences, 20, greedy));
        ExposureFigure e = new ExposureFigure(new ExposureFigure.Input(labels(v.decode(prefix)), tokens, List.of(run), "greedy", 0, null));
        render(e);
        assertThat(e.table().rows()).hasSize(reference.length);

        List<DecodingConfig> list = List.of(greedy, DecodingConfig.of(Strategy.SAMPLE), DecodingConfig.of(Strategy.TOP_K),
                DecodingConfig.of(Strategy.TOP_P), DecodingConfig.of(Strategy.BEAM).withBeam(2));
        List<StrategyComparison.Row> rows = StrategyComparison.compare(model, v, "abcdefgh|", list, 20, 12, repeat);
        StrategiesFigure s = new StrategiesFigure(new StrategiesFigure.Input("A · LSTM", "abcdefgh|", 12, rows, true, 0, v.size()));
        render(s);
        assertThat(s.table().rows()).extracting(r -> r.get(0)).containsExactly("greedy", "sample T=1.00", "top-k k=5 T=1.00",
                "top-p p=0.90 T=1.00", "beam W=2");
    }

    /** A PixelCNN decodes pixel by pixel: the figure draws images, and a click on a pixel shows its step. */
    @Test
    void imageModelsDecodeAndContinueDigits() throws Exception {
        var digits = org.seqlab.engine.data.DigitsCorpus.tiny();
        Vocabulary pv = digits.vocabulary();
        SequenceModel pixel = Models.create(ModelConfig.pixelCnn(false, 8, 2, 3, 14, 14), 2, 1);
        String top = digits.examples().get(0).substring(0, 98);
        DecodingConfig c = DecodingConfig.of(Strategy.SAMPLE).withSeed(2);
        DecodingFigure.Input in = new DecodingFigure.Input("A", "A · PixelCNN", List.of(top.split("")), List.of("0", "1"),
                Decoder.generate(pixel, pv, top, 98, DecodingConfig.of(Strategy.GREEDY), -1), Decoder.generate(pixel, pv, top, 98, c, -1), c, 0,
                digits.imageShape());
        DecodingFigure f = new DecodingFigure(in, false, 0);
        assertThat(f.steps()).isEqualTo(98);
        render(f);
        // the last pixel of the sampled image is step 97
        int[] hit = null;
        for (int x = 1399; x > 0 && hit == null; x--) {
            for (int y = 400; y > 40 && hit == null; y--) {
                int[] h = f.rowStepAt(x, y, 1400, 800, Style.NORMAL);
                if (h != null && h[0] == 0) {
                    hit = h;
                }
            }
        }
        assertThat(hit).containsExactly(0, 97);

        var sequences = ExposureBias.sequences(digits, 196, 4);
        DecodingConfig greedy = DecodingConfig.of(Strategy.GREEDY);
        int[] d = sequences.get(0);
        ExposureRun run = new ExposureRun("A", "A · PixelCNN", ExposureBias.compute(pixel, java.util.Arrays.copyOf(d, 98),
                java.util.Arrays.copyOfRange(d, 98, 196), greedy, null), ExposureBias.average(pixel, sequences, 98, greedy));
        ExposureFigure e = new ExposureFigure(new ExposureFigure.Input(List.of(top.split("")), List.of("0", "1"), List.of(run), "greedy", 0,
                digits.imageShape()));
        render(e);
        assertThat(e.table().rows()).hasSize(98);
    }
}
