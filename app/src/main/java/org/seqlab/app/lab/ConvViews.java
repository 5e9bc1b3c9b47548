package org.seqlab.app.lab;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.seqlab.app.figures.AnomalyFigure;
import org.seqlab.app.figures.ConvStackFigure;
import org.seqlab.app.figures.Figure;
import org.seqlab.app.figures.ImagePainter;
import org.seqlab.app.figures.MaskKernelsFigure;
import org.seqlab.app.figures.PixelDrawingFigure;
import org.seqlab.app.figures.PixelFieldFigure;
import org.seqlab.app.figures.ViewFigures;
import org.seqlab.app.widgets.FigurePane;
import org.seqlab.app.work.Failure;
import org.seqlab.engine.data.ImageShape;
import org.seqlab.engine.inspect.AnomalyDetection;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.conv.Mask;
import org.seqlab.engine.train.TrainingSnapshot.InspectionSnapshot;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;
import org.seqlab.engine.train.TrainingSnapshot;

/**
 * The masked-convolution views: the causal stack and its receptive field, the mask kernels, a pixel's receptive
 * field layer by layer, drawing pixel by pixel (and completing a digit), and anomaly detection by likelihood.
 */
final class ConvViews {


    private final LabModel lab;
    private final Consumer<String> status;
    final FigurePane stack;
    final FigurePane masks;
    final FigurePane field;
    final FigurePane drawing;
    final FigurePane anomaly;
    private final ComboBox<RunChoice> stackRun = Choices.run("stackRun");
    private final ComboBox<RunChoice> maskRun = Choices.run("maskKernelRun");
    private final ComboBox<RunChoice> drawRun = Choices.run("drawRun");
    private final ComboBox<RunChoice> anomalyRun = Choices.run("anomalyRun");
    private final Slider speed = new Slider(10, 400, 120);
    private final Slider threshold = new Slider(0, 1, 0.5);
    private final Timeline animation = new Timeline();
    private TrainingSnapshot shown;
    private boolean refreshing;
    private String masksFor = "";
    private AnomalyDetection.Result anomalyResult;
    private String anomalyLabel;

    ConvViews(LabModel lab, Consumer<String> status) {
        this.lab = lab;
        this.status = status;
        stack = pane("stackView");
        masks = pane("masksView");
        field = pane("fieldView");
        drawing = pane("drawingView");
        anomaly = pane("anomalyView");
        stack.tools(new Label("model"), stackRun).hint("the output is the inspected text's last character");
        masks.tools(new Label("model"), maskRun);
        field.hint("every PixelCNN, a band each; click a map to choose the pixel");
        Button sample = new Button("Sample", new FontIcon("mdi2d-draw"));
        sample.setId("drawSample");
        sample.setTooltip(new Tooltip("Draw a new digit pixel by pixel"));
        sample.setOnAction(e -> draw(false));
        Button complete = new Button("Complete lower half", new FontIcon("mdi2i-image-filter-center-focus"));
        complete.setId("drawComplete");
        complete.setTooltip(new Tooltip("Keep the top half of the inspected digit and let the model draw the rest"));
        complete.setOnAction(e -> draw(true));
        speed.setPrefWidth(140);
        drawing.tools(new Label("model"), drawRun, sample, complete, new Label("pixels/s"), speed);
        Button compute = new Button("Compute", new FontIcon("mdi2c-chart-histogram"));
        compute.setId("computeAnomaly");
        compute.setTooltip(new Tooltip("Score " + ViewFigures.ANOMALY_DIGITS + " held-out digits and three damaged copies of each (training waits)"));
        compute.setOnAction(e -> computeAnomaly());
        threshold.setId("anomalyThreshold");
        threshold.setPrefWidth(220);
        threshold.valueProperty().addListener((o, a, b) -> {
            if (anomalyResult != null) {
                anomaly.setFigure(new AnomalyFigure(anomalyLabel, anomalyResult, b.doubleValue()));
            }
        });
        anomaly.tools(new Label("model"), anomalyRun, compute, new Label("threshold"), threshold);
        anomaly.setFigure(Figure.empty("anomaly", "Anomaly detection", "Press Compute to score held-out and damaged digits."));
        drawing.setFigure(Figure.empty("pixel-sampling", "Drawing pixel by pixel", "Press Sample, or Complete lower half."));
        for (ComboBox<RunChoice> c : List.of(stackRun, maskRun)) {
            c.valueProperty().addListener((o, a, b) -> refresh());
        }
        field.canvas().setOnMouseClicked(e -> {
            if (field.canvas().figure() instanceof PixelFieldFigure f) {
                int p = f.pixelAt(e.getX(), e.getY(), field.canvas().viewWidth(), field.canvas().viewHeight(),
                        field.canvas().figureStyle());
                if (p >= 0) {
                    lab.tasks().inspectAt(p);
                }
            }
        });
        animation.setCycleCount(Animation.INDEFINITE);
    }

    private FigurePane pane(String id) {
        return new FigurePane(id, () -> lab.figuresFolderProperty().get(), lab.work(), status);
    }

    List<FigurePane> panes() {
        return List.of(stack, masks, field, drawing, anomaly);
    }

    void syncRuns(TrainingSnapshot s) {
        shown = s; // the choices below fire refreshes, which must read this snapshot, not the previous one
        List<RunChoice> conv = labels(s, f -> f == Family.CONV1D);
        List<RunChoice> image = labels(s, Family::image);
        List<RunChoice> masked = labels(s, f -> f == Family.CONV1D || f.image());
        Choices.keep(stackRun, conv);
        Choices.keep(maskRun, masked);
        for (ComboBox<RunChoice> c : List.of(drawRun, anomalyRun)) {
            Choices.keep(c, image);
        }
        masksFor = "";
        // an image starts inspected at its centre pixel (the last one, the default for text, sees the whole image)
        ImageShape shape = s.data() == null ? null : s.data().image();
        if (shape != null && (s.inspection() == null || s.inspection().position() < 0)) {
            lab.tasks().inspectAt((shape.height() / 2) * shape.width() + shape.width() / 2);
        }
    }

    private static List<RunChoice> labels(TrainingSnapshot s, Predicate<Family> which) {
        return s.runs().stream().filter(r -> which.test(r.config().model().family())).map(RunChoice::of).toList();
    }

    void update(TrainingSnapshot s) {
        shown = s;
        refresh();
    }


    private void refresh() {
        if (refreshing || shown == null) {
            return;
        }
        refreshing = true;
        try {
            InspectionSnapshot in = shown.inspection();
            String why = in == null ? "Waiting for the engine…" : in.error();
            RunSnapshot sr = Choices.selected(shown, stackRun);
            if (sr == null) {
                stack.setFigure(Figure.empty("conv-stack", "Causal convolution stack", "Add a causal conv model (text data) to see its stack."));
            } else if (!why.isEmpty()) {
                stack.setFigure(Figure.empty("conv-stack", "Causal convolution stack", why));
            } else if (in.traces().containsKey(sr.id())) {
                stack.setFigure(new ConvStackFigure(sr.label(), sr.config().model(), in.traces().get(sr.id()), in.labels(), in.position(), in.step()));
            }
            if (shown.runs().stream().noneMatch(r -> r.config().model().family().image())) {
                field.setFigure(Figure.empty("receptive-field", "Receptive field", "Train a PixelCNN on digits to see a pixel's receptive field."));
            } else if (!why.isEmpty()) {
                field.setFigure(Figure.empty("receptive-field", "Receptive field", why));
            } else if (shown.data().image() != null && shown.runs().stream().anyMatch(r -> in.traces().containsKey(r.id()))) {
                field.setFigure(ViewFigures.pixelFields(shown, in));
            }
            RunSnapshot mr = Choices.selected(shown, maskRun);
            if (mr == null) {
                masks.setFigure(Figure.empty("mask-kernels", "Mask kernels", "Add a convolutional model to see its masks."));
            } else if (!mr.label().equals(masksFor)) {
                masksFor = mr.label();
                String id = mr.id();
                lab.work().await("Reading the masks", progress -> lab.tasks().masks(id),
                        list -> masks.setFigure(new MaskKernelsFigure(mr.label(), list)),
                        ex -> masks.setFigure(Figure.empty("mask-kernels", "Mask kernels", Failure.reason(ex))));
            }
        } finally {
            refreshing = false;
        }
    }

    /** Opened with nothing computed yet: draw a digit, or score the digits, at once. */
    void shownTab(FigurePane pane) {
        if (pane.canvas().figure() == null || !pane.canvas().figure().placeholder() || shown == null || shown.data() == null
                || shown.data().image() == null) {
            return;
        }
        if (pane == drawing) {
            draw(false);
        } else if (pane == anomaly) {
            computeAnomaly();
        }
    }

    /** Draws on the engine thread, then plays the drawing back at the chosen speed. */
    void draw(boolean complete) {
        RunSnapshot r = Choices.selected(shown, drawRun);
        if (r == null || shown.data() == null || shown.data().image() == null) {
            status.accept("Drawing needs a PixelCNN trained on digits.");
            return;
        }
        ImageShape shape = shown.data().image();
        String text = shown.inspection() == null ? "" : shown.inspection().text();
        int[] original = complete && text.length() == shape.pixels() ? ImagePainter.pixels(text) : null;
        if (complete && original == null) {
            status.accept("Pick a digit to inspect first; its top half is kept.");
            return;
        }
        int[] prefix = complete ? Arrays.copyOf(original, shape.pixels() / 2) : new int[0];
        long seed = System.nanoTime();
        status.accept("Drawing…");
        lab.work().await("Drawing", progress -> lab.tasks().draw(r.id(), prefix, 1.0, seed), d -> {
            status.accept("");
            play(new PixelDrawingFigure(r.label(), d, original, d.given()));
        }, ex -> {
            status.accept("Could not draw: " + Failure.reason(ex));
        });
    }

    private void play(PixelDrawingFigure start) {
        animation.stop();
        drawing.setFigure(start);
        animation.getKeyFrames().setAll(new KeyFrame(Duration.millis(1000.0 / 60), e -> {
            if (!(drawing.canvas().figure() instanceof PixelDrawingFigure f)) {
                animation.stop();
                return;
            }
            int next = Math.min(f.drawing().pixels().length, f.shown() + Math.max(1, (int) Math.round(speed.getValue() / 60)));
            drawing.setFigure(f.at(next));
            if (next >= f.drawing().pixels().length) {
                animation.stop();
            }
        }));
        animation.play();
    }

    void computeAnomaly() {
        RunSnapshot r = Choices.selected(shown, anomalyRun);
        if (r == null) {
            status.accept("Anomaly detection needs a PixelCNN trained on digits.");
            return;
        }
        lab.work().await("Scoring digits", progress -> lab.tasks().anomalies(r.id(), ViewFigures.ANOMALY_DIGITS, 7), result -> {
            anomalyResult = result;
            anomalyLabel = r.label();
            AnomalyFigure f = new AnomalyFigure(r.label(), result, 0);
            double[] range = f.range();
            threshold.setMin(range[0]);
            threshold.setMax(range[1]);
            threshold.setValue(ViewFigures.anomalyThreshold(result));    // 5% false alarms to start with
            anomaly.setFigure(new AnomalyFigure(r.label(), result, threshold.getValue()));
            status.accept("Scored " + ViewFigures.ANOMALY_DIGITS + " digits and their damaged copies.");
        }, ex -> {
            status.accept("Could not score: " + Failure.reason(ex));
        });
    }
}
