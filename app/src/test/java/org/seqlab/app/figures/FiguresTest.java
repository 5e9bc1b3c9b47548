package org.seqlab.app.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.OptionalDouble;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.app.export.FigureExporter;
import org.seqlab.app.export.FigureText;
import org.seqlab.engine.expect.PointHistory;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.Trace;
import org.seqlab.engine.train.ModelRun;
import org.seqlab.engine.train.OptimizerConfig;
import org.seqlab.engine.train.RunConfig;
import org.seqlab.engine.train.Series;
import org.seqlab.engine.train.TrainingSnapshot;

/** Figures drawn without the toolkit: exports, tables, colour maps. */
class FiguresTest {

    @TempDir
    Path dir;

    static Trace.Array ramp(int rows, int cols) {
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.sin(i * 0.37);
        }
        return new Trace.Array(new int[] {rows, cols}, v);
    }

    @Test
    void pngIsScaleTimesTheViewAndCsvHoldsTheDrawnValues() throws Exception {
        Trace.Array h = ramp(6, 5);
        HiddenStateFigure f = new HiddenStateFigure("A · LSTM 1×5", h, List.of("a", "b", ",", "\"", "⏎", "c"), 0, 7);
        FigureExporter.writePng(f, 400, 250, 2, dir.resolve("h.png"), Style.NORMAL);
        BufferedImage img = ImageIO.read(dir.resolve("h.png").toFile());
        assertThat(img.getWidth()).isEqualTo(800);
        assertThat(img.getHeight()).isEqualTo(500);
        FigureExporter.writePng(f, 400, 250, 1, dir.resolve("h1.png"), Style.NORMAL);
        assertThat(ImageIO.read(dir.resolve("h1.png").toFile()).getWidth()).isEqualTo(400);

        FigureExporter.writeCsv(f, dir.resolve("h.csv"));
        List<String> lines = Files.readAllLines(dir.resolve("h.csv"));
        assertThat(lines.get(0)).isEqualTo("t,input,h0,h1,h2,h3,h4");
        assertThat(lines.get(3)).startsWith("2,\",\","); // a comma is quoted
        assertThat(lines.get(4)).startsWith("3,\"\"\"\","); // a quote is doubled
        String[] row = lines.get(2).split(",");
        for (int u = 0; u < 5; u++) {
            assertThat(Float.parseFloat(row[2 + u])).isEqualTo(h.get(1, u));
        }
    }

    @Test
    void hoverNamesTheCellUnderTheMouse() {
        Trace.Array h = ramp(4, 3);
        HiddenStateFigure f = new HiddenStateFigure("A", h, List.of("w", "x", "y", "z"), 0, 1);
        String some = null;
        for (int x = 0; x < 600 && some == null; x += 5) {
            some = f.describe(x, 150, 600, 300, Style.NORMAL);
        }
        assertThat(some).matches("t = \\d · input '[wxyz]' · unit \\d · h = -?\\d\\.\\d{4}");
        assertThat(f.describe(2, 2, 600, 300, Style.NORMAL)).isNull();
    }

    @Test
    void colourMapsRunFromEndToEnd() {
        assertThat(ColorMap.VIRIDIS.at(0)).isEqualTo(new Color(0x440154));
        assertThat(ColorMap.VIRIDIS.at(1)).isEqualTo(new Color(0xfde725));
        assertThat(ColorMap.DIVERGING.at(0.5)).isEqualTo(new Color(0xdddddd));
        assertThat(ColorMap.DIVERGING.at(-3, -1, 1)).isEqualTo(ColorMap.DIVERGING.at(0));
    }

    @Test
    void lossChartTableListsEveryPoint() {
        Series.Builder train = new Series.Builder();
        Series.Builder val = new Series.Builder();
        for (int i = 1; i <= 30; i++) {
            train.add(i, i * 0.01, 3.0 / i);
        }
        val.add(25, 0.25, 0.5);
        RunConfig rc = new RunConfig(ModelConfig.defaults(Family.RNN), OptimizerConfig.defaults());
        TrainingSnapshot.RunSnapshot run = new TrainingSnapshot.RunSnapshot("A", "A · Vanilla RNN 1×64", rc, 100, train.view(),
                val.view(), 10, 3, 0.5, 3e-3, false, ModelRun.Status.OK, "", null, List.of());
        TrainingSnapshot s = new TrainingSnapshot(1, TrainingSnapshot.Phase.PAUSED, 30, "", null,
                new TrainingSnapshot.DataInfo("synthetic:reber", "", 7, List.of(), 64, OptionalDouble.of(0.6),
                        OptionalDouble.of(0.58), null, 1),
                List.of(run), null, 0, false, TrainingSnapshot.Timeline.NONE);
        Table t = new LossChartFigure(s, LossChartFigure.XAxis.STEPS).table();
        assertThat(t.rows()).hasSize(30 + 1 + 1);
        assertThat(t.rows().get(29)).containsExactly("A · Vanilla RNN 1×64", "train", "30", Float.toString(0.3f), Float.toString(0.1f));
        assertThat(t.rows().get(31).get(4)).isEqualTo("0.6");
        BufferedImage img = FigureExporter.render(new LossChartFigure(s, LossChartFigure.XAxis.SECONDS), 600, 300, 1, Style.NORMAL);
        assertThat(img.getWidth()).isEqualTo(600);

        // metrics: val 0.5 bits = 0.5·ln 2 nats, perplexity 2^0.5, KL = 0.5 − 0.6 floor
        Table m = new MetricsFigure(s).table();
        assertThat(m.columns()).containsExactly("model", "params", "train bpc", "val bpc", "val nats", "perplexity", "KL bits",
                "steps/s", "‖g‖", "lr");
        assertThat(m.rows().get(0).subList(3, 7)).containsExactly("0.500", String.format("%.3f", 0.5 * Math.log(2)),
                String.format("%.3f", Math.sqrt(2)), "-0.100");
    }

    @Test
    void gradientFlowDrawsEachCurveRelativeToItsValueAtTAndShowsTheEffectOfClipping() {
        double[] rnn = {1e-6, 1e-4, 1e-2, 1};
        double[] lstm = {1e-5, 1e-5, 1e-4, 1e-3};    // smaller everywhere, but falling less: above the RNN once relative
        GradientFlowFigure f = new GradientFlowFigure(List.of(
                new GradientFlowFigure.Curve("A", "A · RNN", rnn, 4.0, 1.0),
                new GradientFlowFigure.Curve("B", "B · LSTM", lstm, 0.5, Double.NaN)), List.of("a", "b", "c", "d"), 10);
        Table t = f.table();
        assertThat(t.columns()).containsExactly("t", "input", "A grad_norm", "A relative_to_T", "A after_clipping",
                "B grad_norm", "B relative_to_T", "B after_clipping");
        assertThat(Double.parseDouble(t.rows().get(0).get(3))).isEqualTo(1e-6);
        assertThat(Double.parseDouble(t.rows().get(0).get(6))).isEqualTo(1e-2);   // the LSTM keeps 1 % back at t = 0
        assertThat(Double.parseDouble(t.rows().get(3).get(4))).isEqualTo(0.25); // ×c/‖g‖ = 1/4
        assertThat(Double.parseDouble(t.rows().get(3).get(7))).isEqualTo(1e-3);  // no clipping: unchanged
        assertThat(f.curves().get(0).perStep()).isCloseTo(0.01, within(1e-12));    // 1e-6 over three steps
        assertThat(f.curves().get(1).perStep()).isCloseTo(Math.pow(0.01, 1 / 3.0), within(1e-12));
        assertThat(FigureExporter.render(f, 500, 300, 2, Style.NORMAL).getHeight()).isEqualTo(600);
    }

    @Test
    void tickLabelsKeepTheDigitsTheyHave() {
        assertThat(List.of(Plot.tick(1200), Plot.tick(0.25), Plot.tick(0.5), Plot.tick(6e-5), Plot.tick(1.5e-4), Plot.tick(-2e-6)))
                .containsExactly("1200", "0.25", "0.5", "6e-5", "1.5e-4", "-2e-6");
    }

    @Test
    void aPointsHistoryGivesEveryMeasurementARowItsLabelsFitAndTheMadeStepIsMarked() {
        int[] steps = {50, 100, 150, 200, 250, 300, 350, 400, 450, 500};
        double[] recall = new double[steps.length];
        double[] ratio = new double[steps.length];
        boolean[] met = new boolean[steps.length];
        for (int i = 0; i < steps.length; i++) {
            recall[i] = 0.25 + 0.08 * i;
            ratio[i] = 1e-4 * Math.exp(-0.3 * i);
            met[i] = i >= 6;
        }
        var values = new LinkedHashMap<String, double[]>();
        values.put("recall(B)", recall);
        values.put("recall(A)", recall.clone());
        values.put("grad_ratio(A, 16)", ratio);
        PointHistoryFigure f = new PointHistoryFigure(new PointHistory(steps, values, met));
        assertThat(f.title()).isEqualTo("Made from step 350 on");
        // the reader's card is about 330 px wide; at the height the card gives it, no text is cut, overlaps or leaves
        for (Style style : List.of(Style.NORMAL, Style.presenting(1280, 720))) {
            double h = PointHistoryFigure.height(3, style);
            assertThat(FigureText.problems(f, 330 * style.typeScale(), h, style)).isEmpty();
            assertThat(FigureText.of(f, 330 * style.typeScale(), h, style))
                    .extracting(FigureText.Drawn::text).contains("recall(B)", "1e-4", "made", "step");
        }
    }
}
