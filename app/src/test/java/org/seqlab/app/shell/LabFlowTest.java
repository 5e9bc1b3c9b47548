package org.seqlab.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.app.figures.BeamFigure;
import org.seqlab.app.figures.DecodingFigure;
import org.seqlab.app.figures.ExposureFigure;
import org.seqlab.app.figures.HiddenStateFigure;
import org.seqlab.app.figures.LossChartFigure;
import org.seqlab.app.figures.StrategiesFigure;
import org.seqlab.app.figures.Table;
import org.seqlab.app.lab.LabModel;
import org.seqlab.app.widgets.FigurePane;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.Trace;
import org.seqlab.engine.train.TrainingSnapshot.Phase;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The lab as a user meets it, headless on Monocle: choose, train, watch views change, export and read back. */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class LabFlowTest {

    @TempDir
    static Path figures;

    LabModel lab;
    MainWindow window;

    @Start
    void start(Stage stage) {
        lab = TestLab.lab();
        lab.figuresFolderProperty().set(figures);
        window = TestLab.show(stage, lab, 1400, 900);
        // the lab with its settings and without the reader, whatever an earlier test left in the progress file: beside
        // both at 1400×900 the decoding controls fold behind a button (FoldedControlsTest clicks that)
        window.showLessons(false, false);
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> org.seqlab.app.widgets.Describing.SHOWN.set(false)).get();   // shared by every view
        TestLab.close(window, lab);
    }

    static void await(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, condition);   // a hang guard, not a speed test: a busy machine may take minutes
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    static <T> ComboBox<T> combo(FxRobot robot, String query) {
        return TestLab.find(robot, query, ComboBox.class);
    }

    /**
     * Shows a view group as a user would: its button, or where the row has folded the groups into one list (the lab
     * narrowed by its settings), that list's item.
     */
    static void group(FxRobot robot, String label) {
        var button = robot.lookup("#group" + label.replace(" ", "")).tryQuery();
        if (button.isPresent() && button.get().getScene() != null) {
            robot.clickOn(button.get());
        } else {
            choose(robot, combo(robot, "#viewGroupChoice"), label);
        }
    }

    /** The names of a settings sheet's rows, top to bottom. */
    static List<String> sheetRows(FxRobot robot, String sheet) {
        return TestLab.find(robot, sheet, org.controlsfx.control.PropertySheet.class).getItems().stream()
                .map(org.controlsfx.control.PropertySheet.Item::getName).toList();
    }

    /** Opens a combo box and clicks the item with this text in its pop-up list. */
    static void choose(FxRobot robot, ComboBox<?> box, String text) {
        robot.clickOn(box);
        WaitForAsyncUtils.waitForFxEvents();
        ListCell<?> cell = robot.lookup(".combo-box-popup .list-cell").<ListCell<?>>match(c -> text.equals(((ListCell<?>) c).getText()))
                .query();
        robot.clickOn(cell);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void chooseLstmOnReberTrainWatchAndExport(FxRobot robot) throws Exception {
        // the window is up before the engine; ND4J loads in the background and the lab applies its defaults
        assertThat(robot.lookup("#statusBar").tryQuery()).isPresent();
        await(() -> lab.snapshot().phase() == Phase.PAUSED && !lab.dirtyProperty().get());

        // choose the embedded Reber grammar and make model A an LSTM, by clicking
        choose(robot, combo(robot, "#dataChoice"), "synthetic:brackets");
        choose(robot, combo(robot, "#dataChoice"), "synthetic:reber");
        ComboBox<Family> family = combo(robot, "#sheetA .combo-box");
        choose(robot, family, "LSTM");
        assertThat(lab.runs.get(0).family.get()).isEqualTo(Family.LSTM);
        // its rows are the one table's for an LSTM; a warm-up brings the rows of its lengths
        await(() -> sheetRows(robot, "#sheetA").contains("Embedding width"));
        assertThat(sheetRows(robot, "#sheetA")).containsExactly("Family", "Hidden units", "Layers", "Embedding width", "Optimiser",
                "Learning rate", "Schedule", "Clip gradient", "Clip threshold", "Scheduled sampling", "Sampling ramp");
        robot.interact(() -> lab.runs.get(0).schedule.set(org.seqlab.engine.train.Schedule.WARMUP_COSINE));
        await(() -> sheetRows(robot, "#sheetA").contains("Warm-up steps"));
        assertThat(sheetRows(robot, "#sheetA")).containsSubsequence("Schedule", "Warm-up steps", "Decay steps", "Clip gradient");
        robot.interact(() -> lab.runs.get(0).schedule.set(org.seqlab.engine.train.Schedule.CONSTANT));
        robot.clickOn("#applyButton");
        await(() -> !lab.dirtyProperty().get() && lab.snapshot().runs().size() == 2
                && lab.snapshot().runs().get(0).config().model().family() == Family.LSTM
                && lab.snapshot().data().name().equals("synthetic:reber") && lab.snapshot().inspection() != null
                && lab.snapshot().inspection().error().isEmpty());

        group(robot, "Recurrent");
        robot.clickOn("#hiddenViewTab");
        FigurePane hidden = TestLab.find(robot, "#hiddenView", FigurePane.class);
        FigurePane loss = TestLab.find(robot, "#lossView", FigurePane.class);
        await(() -> hidden.canvas().figure() instanceof HiddenStateFigure);
        Trace.Array before = ((HiddenStateFigure) hidden.canvas().figure()).data();
        int pointsBefore = loss.canvas().figure().table().rows().size();

        // two single steps, then train and pause with the keyboard-free buttons
        robot.clickOn("#stepButton");
        robot.clickOn("#stepButton");
        await(() -> lab.snapshot().step() == 2);
        robot.clickOn("#trainButton");
        await(() -> lab.snapshot().step() >= 40);
        robot.clickOn("#trainButton");
        await(() -> lab.snapshot().phase() == Phase.PAUSED);
        int steps = lab.snapshot().step();
        await(() -> lab.snapshot().inspection().step() == steps);

        // the chart gained points and the heatmap shows the trained model's new hidden states
        assertThat(loss.canvas().figure().table().rows().size()).isGreaterThan(pointsBefore + 2 * 30);
        assertThat(loss.canvas().figure()).isInstanceOf(LossChartFigure.class);
        HiddenStateFigure after = (HiddenStateFigure) hidden.canvas().figure();
        assertThat(after.title()).contains("step " + steps);
        assertThat(after.data().data()).isNotEqualTo(before.data());

        // hovering a cell reads out the character, unit and value
        robot.moveTo(hidden.canvas());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(hidden.canvas().readoutText()).contains("unit").contains("h = ");

        // export: a PNG at twice the view's size, an SVG, a CSV holding exactly the drawn numbers, and the description
        robot.clickOn("#hiddenView-export");
        await(() -> {
            try (Stream<Path> files = Files.list(figures)) {
                return files.filter(f -> f.getFileName().toString().startsWith("hidden-state")).count() == 4;
            }
        });
        try (Stream<Path> files = Files.list(figures)) {
            Path txt = files.filter(f -> f.getFileName().toString().startsWith("hidden-state") && f.toString().endsWith(".txt")).findFirst().orElseThrow();
            assertThat(Files.readString(txt)).startsWith(after.title() + ".\nThe hidden state h_t of ");
        }
        Path png;
        Path csv;
        Path svg;
        try (Stream<Path> files = Files.list(figures)) {
            List<Path> list = files.filter(f -> f.getFileName().toString().startsWith("hidden-state")).toList();
            png = list.stream().filter(f -> f.toString().endsWith("@2x.png")).findFirst().orElseThrow();
            csv = list.stream().filter(f -> f.toString().endsWith(".csv")).findFirst().orElseThrow();
            svg = list.stream().filter(f -> f.toString().endsWith(".svg")).findFirst().orElseThrow();
        }
        assertThat(Files.readString(svg)).contains("<svg").contains("<rect");
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo((int) Math.round(2 * hidden.canvas().viewWidth()));
        assertThat(img.getHeight()).isEqualTo((int) Math.round(2 * hidden.canvas().viewHeight()));
        // save the run, train on, and reopen: back at the saved step with the saved loss history
        Path run = figures.resolve("reber.seqrun");
        java.util.List<java.util.concurrent.CompletableFuture<Path>> saving = new java.util.ArrayList<>();
        robot.interact(() -> saving.add(lab.saveRun(run)));
        saving.get(0).get(300, TimeUnit.SECONDS);
        int savedPoints = lab.snapshot().runs().get(0).train().size();
        lab.trainUntil(steps + 10);
        await(() -> lab.snapshot().step() == steps + 10 && lab.snapshot().phase() == Phase.PAUSED);
        robot.interact(() -> lab.openRun(run));
        await(() -> lab.snapshot().step() == steps && !lab.dirtyProperty().get());
        assertThat(lab.snapshot().runs().get(0).train().size()).isEqualTo(savedPoints);
        assertThat(lab.runs).extracting(r -> r.family.get()).containsExactly(Family.LSTM, Family.LSTM);
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        Trace.Array h = after.data();
        assertThat(lines).hasSize(1 + h.rows());
        assertThat(lines.get(0)).startsWith("t,input,h0,h1,");
        for (int t = 0; t < h.rows(); t++) {
            String[] cells = lines.get(1 + t).split(",", -1);
            assertThat(cells).hasSize(2 + h.cols());
            for (int u = 0; u < h.cols(); u++) {
                assertThat(Float.parseFloat(cells[2 + u])).as("t=%d unit=%d", t, u).isEqualTo(h.get(t, u));
            }
        }
    }

    @Test
    void transformerBesideTheRecurrentModelsShowsItsAttention(FxRobot robot) throws Exception {
        await(() -> lab.snapshot().phase() == Phase.PAUSED && !lab.dirtyProperty().get());
        choose(robot, combo(robot, "#dataChoice"), "synthetic:repeat");
        robot.clickOn("#addModel"); // the third model is the family not yet in the lab: a Transformer
        assertThat(lab.runs).hasSize(3);
        assertThat(lab.runs.get(2).family.get()).isEqualTo(Family.TRANSFORMER);
        robot.clickOn("#applyButton");
        await(() -> !lab.dirtyProperty().get() && lab.snapshot().runs().size() == 3 && lab.snapshot().inspection() != null
                && lab.snapshot().inspection().error().isEmpty() && lab.snapshot().data().name().equals("synthetic:repeat"));
        lab.trainUntil(5);
        await(() -> lab.snapshot().step() == 5 && lab.snapshot().phase() == Phase.PAUSED && lab.snapshot().inspection().step() == 5);
        // the three models share the chart and the batches
        assertThat(lab.snapshot().runs()).allSatisfy(r -> assertThat(r.train().size()).isEqualTo(5));

        group(robot, "Attention");
        robot.clickOn("#attentionViewTab");
        FigurePane attention = TestLab.find(robot, "#attentionView", FigurePane.class);
        await(() -> attention.canvas().figure() instanceof org.seqlab.app.figures.AttentionFigure);
        var grid = (org.seqlab.app.figures.AttentionFigure) attention.canvas().figure();
        assertThat(grid.selection()).isNull();
        // click the first map (top left) to enlarge it
        javafx.geometry.Bounds b = attention.canvas().localToScreen(attention.canvas().getBoundsInLocal());
        robot.clickOn(b.getMinX() + 60, b.getMinY() + 90);
        WaitForAsyncUtils.waitForFxEvents();
        var big = (org.seqlab.app.figures.AttentionFigure) attention.canvas().figure();
        assertThat(big.selection()).isEqualTo(new org.seqlab.app.figures.AttentionFigure.Selection(0, 0));
        // hovering the text strip at the bottom draws that query's links
        robot.moveTo(b.getMinX() + 30, b.getMaxY() - 24);
        WaitForAsyncUtils.waitForFxEvents();
        var hovered = (org.seqlab.app.figures.AttentionFigure) attention.canvas().shownFigure();
        assertThat(hovered.hoverQuery()).as("hover at the strip of a canvas %s in a window %s", b,
                window.getScene().getWindow().getHeight()).isGreaterThanOrEqualTo(0);

        // the view groups: Attention holds the Transformer's four views; Convolution has nothing to show here
        assertThat(window.views().groupFilled(org.seqlab.app.figures.ViewId.Group.CONVOLUTION)).isFalse();
        assertThat(window.views().groupFilled(org.seqlab.app.figures.ViewId.Group.ATTENTION)).isTrue();
        group(robot, "Training");
        assertThat(window.views().tabs().getTabs()).extracting(javafx.scene.control.Tab::getText)
                .containsExactly("Samples", "Gradient flow", "Costs", "Longer than trained", "Metrics", "Tutor", "Forward/reverse KL");
        robot.clickOn("#lengthViewTab");   // measured when opened: the RNN and LSTM read 4T, and so does the sinusoidal Transformer, past its context
        FigurePane length = TestLab.find(robot, "#lengthView", FigurePane.class);
        await(() -> length.canvas().figure() instanceof org.seqlab.app.figures.LengthFigure);
        var longer = length.canvas().figure().table().rows();
        assertThat(longer).hasSize(3);
        assertThat(longer.get(0).get(4)).as("model A at 4T").isNotEqualTo("NaN").isNotEmpty();
        assertThat(longer.get(2).get(0)).startsWith("C ");
        assertThat(longer.get(2).get(1)).as("the Transformer's reach: its context").isNotEqualTo("0");
        assertThat(longer.get(2).get(4)).as("the sinusoidal Transformer past its context, on a copy with a longer one").isNotIn("NaN", "");
        robot.clickOn("#costsViewTab");   // no button to find: the view measures when it is opened
        FigurePane costs = TestLab.find(robot, "#costsView", FigurePane.class);
        await(() -> !costs.canvas().figure().placeholder());
        var rows = costs.canvas().figure().table().rows();
        // three models, each at T = 16 … 512 and then at every generation position 1 … 200
        assertThat(rows.stream().filter(r -> !r.get(1).isEmpty())).hasSize(3 * 6);
        assertThat(rows.stream().filter(r -> !r.get(4).isEmpty())).hasSize(3 * org.seqlab.app.figures.CostsFigure.TOKENS);
        // only the Transformer has an uncached step time
        assertThat(rows.stream().filter(r -> !r.get(6).isEmpty()).map(r -> r.get(0)).distinct()).hasSize(1);
    }

    @Test
    void digitsBringPixelModelsTheirBlindSpotDrawingAndAnomalies(FxRobot robot) throws Exception {
        await(() -> lab.snapshot().phase() == Phase.PAUSED && !lab.dirtyProperty().get());
        choose(robot, combo(robot, "#dataChoice"), "digits-14");
        // images need image models: the lab swaps the RNN and LSTM for a PixelCNN and a gated one
        assertThat(lab.runs).extracting(r -> r.family.get()).containsExactly(Family.PIXELCNN, Family.GATED_PIXELCNN);
        robot.clickOn("#applyButton");
        await(() -> !lab.dirtyProperty().get() && lab.snapshot().data().name().equals("digits-14")
                && lab.snapshot().inspection() != null && lab.snapshot().inspection().position() >= 0);
        lab.trainUntil(20);
        await(() -> lab.snapshot().step() == 20 && lab.snapshot().phase() == Phase.PAUSED && lab.snapshot().inspection().step() == 20);
        assertThat(lab.snapshot().data().unit()).isEqualTo("bits per dimension");

        group(robot, "Convolution");
        robot.clickOn("#fieldViewTab");
        FigurePane field = TestLab.find(robot, "#fieldView", FigurePane.class);
        await(() -> field.canvas().figure() instanceof org.seqlab.app.figures.PixelFieldFigure);
        var fields = (org.seqlab.app.figures.PixelFieldFigure) field.canvas().figure();
        assertThat(fields.title()).contains("2 models");   // both, side by side: no selector to find the gated one behind
        assertThat(fields.blindSpot(0, 0)).as("the plain stack's blind spot").isGreaterThan(0);
        assertThat(fields.blindSpot(1, 0)).as("the gated stack's").isZero();

        // F4: the view in sentences, under the figure, from the figure's own numbers; it follows the view shown
        robot.press(javafx.scene.input.KeyCode.F4).release(javafx.scene.input.KeyCode.F4);
        await(() -> field.description().isVisible() && field.description().getText().contains("the blind spot"));
        assertThat(field.description().getText()).isEqualTo(org.seqlab.app.describe.Describers.of(field.canvas().figure()).text());

        robot.clickOn("#drawingViewTab");
        robot.clickOn("#drawSample");
        FigurePane drawing = TestLab.find(robot, "#drawingView", FigurePane.class);
        await(() -> drawing.canvas().figure() instanceof org.seqlab.app.figures.PixelDrawingFigure f && f.shown() == 196);
        await(() -> drawing.description().getText().startsWith("A 196-pixel image drawn one pixel at a time"));
        robot.clickOn("#drawComplete");
        await(() -> drawing.canvas().figure() instanceof org.seqlab.app.figures.PixelDrawingFigure f && f.drawing().given() == 98
                && f.shown() == 196);
        await(() -> drawing.description().getText().contains("98 of the pixels were given"));   // and the step it is at

        robot.clickOn("#anomalyViewTab");
        robot.clickOn("#computeAnomaly");
        FigurePane anomaly = TestLab.find(robot, "#anomalyView", FigurePane.class);
        await(() -> anomaly.canvas().figure() instanceof org.seqlab.app.figures.AnomalyFigure);
        assertThat(anomaly.canvas().figure().table().rows()).hasSize(4 * 300 + 3);

        // decoding works for the pixel models too: the inspected digit's top half, continued pixel by pixel
        group(robot, "Decoding");
        robot.clickOn("#decodingViewTab");
        FigurePane decoding = TestLab.find(robot, "#decodingView", FigurePane.class);
        await(() -> decoding.canvas().figure() instanceof DecodingFigure f && f.input().image() != null);
        DecodingFigure d = (DecodingFigure) decoding.canvas().figure();
        assertThat(d.input().prompt()).hasSize(98);
        assertThat(d.steps()).isEqualTo(98);
        assertThat(TestLab.find(robot, "#decodePrompt", javafx.scene.control.TextField.class).isDisabled()).isTrue();
    }

    @Test
    void decodingStepByStepBeamExposureAndStrategies(FxRobot robot) throws Exception {
        await(() -> lab.snapshot().phase() == Phase.PAUSED && !lab.dirtyProperty().get());
        choose(robot, combo(robot, "#dataChoice"), "synthetic:reber");
        lab.runs.get(1).scheduledSampling.set(0.25);   // model B trains with scheduled sampling
        robot.clickOn("#applyButton");
        await(() -> !lab.dirtyProperty().get() && lab.snapshot().data().name().equals("synthetic:reber") && lab.snapshot().runs().size() == 2);
        assertThat(lab.snapshot().runs().get(1).config().scheduled().maxRate()).isEqualTo(0.25);
        lab.trainUntil(60);
        await(() -> lab.snapshot().step() == 60 && lab.snapshot().phase() == Phase.PAUSED);

        // step-through: the prompt the user types, the strategy they pick, the step they move to
        group(robot, "Decoding");
        robot.clickOn("#decodingViewTab");
        FigurePane decoding = TestLab.find(robot, "#decodingView", FigurePane.class);
        await(() -> decoding.canvas().figure() instanceof DecodingFigure f && f.input().trainingStep() == 60);
        javafx.scene.control.TextField prompt = TestLab.find(robot, "#decodePrompt", javafx.scene.control.TextField.class);
        robot.interact(prompt::clear);
        robot.clickOn(prompt).write("BT");
        await(() -> decoding.canvas().figure() instanceof DecodingFigure f && f.input().prompt().equals(List.of("B", "T")));
        choose(robot, combo(robot, "#decodeStrategy"), "Top-k");
        await(() -> decoding.canvas().figure().title().contains("top-k k=5"));
        robot.clickOn("#decodeForward");
        robot.clickOn("#decodeForward");
        assertThat(((DecodingFigure) decoding.canvas().figure()).step()).isEqualTo(2);
        assertThat(robot.lookup("#decodeStepLabel").queryLabeled().getText()).isEqualTo("step 3 / 60");
        // with the figure focused, the arrow keys step through the decoding (→ no longer trains a step)
        // focused as a click gives it focus (a click at its middle could land on a character and jump to its step)
        robot.interact(() -> decoding.canvas().requestFocus());
        robot.type(javafx.scene.input.KeyCode.LEFT).type(javafx.scene.input.KeyCode.LEFT).type(javafx.scene.input.KeyCode.RIGHT);
        assertThat(lab.snapshot().step()).isEqualTo(60);
        assertThat(((DecodingFigure) decoding.canvas().figure()).step()).isEqualTo(1);
        // the distribution shown is the one the token was drawn from: kept tokens' renormalised mass is 1
        Table t = decoding.canvas().figure().table();
        double kept = 0;
        for (List<String> row : t.rows().subList(0, lab.snapshot().data().symbols())) {
            kept += Double.parseDouble(row.get(6));
        }
        assertThat(kept).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        // a character outside the vocabulary is named, and the view says so instead of drawing
        robot.clickOn(prompt).type(javafx.scene.input.KeyCode.END).write("z");
        await(() -> decoding.canvas().figure().table().toCsv().contains("not in the vocabulary"));
        robot.clickOn(prompt).type(javafx.scene.input.KeyCode.END).type(javafx.scene.input.KeyCode.BACK_SPACE);
        assertThat(prompt.getText()).isEqualTo("BT");
        await(() -> decoding.canvas().figure() instanceof DecodingFigure);

        // while training runs, the figure on screen follows it (every 100 steps), keeping the symbol being read
        java.util.Set<Integer> madeAt = java.util.concurrent.ConcurrentHashMap.newKeySet();
        decoding.canvas().figureProperty().addListener((o, a, f) -> {
            if (f instanceof DecodingFigure d && lab.snapshot().phase() == Phase.RUNNING) {
                madeAt.add(d.input().trainingStep());
            }
        });
        lab.trainUntil(1060);
        await(() -> lab.snapshot().step() == 1060 && lab.snapshot().phase() == Phase.PAUSED);
        assertThat(madeAt).as("made while training ran, each at its step").anySatisfy(step -> assertThat(step).isBetween(61, 1059));
        await(() -> decoding.canvas().figure() instanceof DecodingFigure f && f.input().trainingStep() == 1060);

        // beam search on a source that knows its probabilities: the truth beside the model's
        robot.clickOn("#beamViewTab");
        FigurePane beam = TestLab.find(robot, "#beamView", FigurePane.class);
        await(() -> beam.canvas().figure() instanceof BeamFigure f && f.input().prompt().equals("BT"));
        BeamFigure b = (BeamFigure) beam.canvas().figure();
        assertThat(b.input().result().ranked()).hasSize(3);
        assertThat(b.input().truth()).hasSize(3);

        // exposure bias, both models, the scheduled one labelled as such
        robot.clickOn("#exposureViewTab");
        FigurePane exposure = TestLab.find(robot, "#exposureView", FigurePane.class);
        await(() -> exposure.canvas().figure() instanceof ExposureFigure);
        Table e = exposure.canvas().figure().table();
        assertThat(e.columns()).contains("A tf_bits", "B fr_bits");
        assertThat(e.rows()).hasSize(64 + 1 - 32);
        assertThat(exposure.canvas().figure().title()).contains("greedy");

        // strategies compared on 20 samples each, with the distance to the true distribution
        robot.clickOn("#strategiesViewTab");
        javafx.scene.control.Spinner<?> samples = TestLab.find(robot, "#compareSamples", javafx.scene.control.Spinner.class);
        robot.interact(() -> samples.getEditor().clear());
        robot.clickOn(samples.getEditor()).write("20").type(javafx.scene.input.KeyCode.ENTER);
        robot.clickOn("#compareStrategies");
        FigurePane strategies = TestLab.find(robot, "#strategiesView", FigurePane.class);
        // opening the view compared at once (100 samples); the new request replaces it, and its figure is the one shown
        await(() -> strategies.canvas().figure() instanceof StrategiesFigure f && f.table().rows().get(0).get(1).equals("20"));
        Table st = strategies.canvas().figure().table();
        assertThat(st.rows()).extracting(r -> r.get(0)).containsExactly("greedy", "sample T=0.80", "top-k k=5 T=0.80", "top-p p=0.90 T=0.80",
                "beam W=3");
        assertThat(st.rows()).allSatisfy(r -> {
            assertThat(r.get(1)).isEqualTo("20");
            assertThat(Double.parseDouble(r.get(6))).isBetween(0.0, 1.0);
        });
    }
}
