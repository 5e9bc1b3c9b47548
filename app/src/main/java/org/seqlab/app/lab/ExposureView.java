package org.seqlab.app.lab;

import java.util.function.Consumer;
import java.util.function.IntSupplier;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.javafx.FontIcon;
import org.seqlab.app.figures.ExposureFigure;
import org.seqlab.app.figures.Figure;
import org.seqlab.app.figures.ViewFigures;
import org.seqlab.app.widgets.FigurePane;
import org.seqlab.app.work.Failure;
import org.seqlab.app.work.Job;
import org.seqlab.engine.sample.DecodingConfig;
import org.seqlab.engine.sample.Strategy;
import org.seqlab.engine.train.TrainingSnapshot;

/** Exposure bias: every model continues validation windows teacher-forced and free-running, compared. */
final class ExposureView {

    private final LabModel lab;
    private final FigurePane exposure;
    private final Consumer<String> status;
    private final IntSupplier seed;
    private final Spinner<Integer> example = new Spinner<>(0, ViewFigures.EXPOSURE_WINDOWS - 1, 0);
    private final Spinner<Integer> prefix = new Spinner<>(1, 4096, 32);
    private final ComboBox<String> freeRun = new ComboBox<>();
    private final ProgressBar progressBar = new ProgressBar(0);
    private final Button compute = new Button("Compute", new FontIcon("mdi2c-chart-bell-curve-cumulative"));
    private TrainingSnapshot shown;

    /** @param seed the Decoding view's seed, for free running by sampling */
    ExposureView(LabModel lab, FigurePane exposure, Consumer<String> status, IntSupplier seed) {
        this.lab = lab;
        this.exposure = exposure;
        this.status = status;
        this.seed = seed;
        Knobs.spinner(example, "exposureExample", 75, "which validation window to show (the means use all "
                + ViewFigures.EXPOSURE_WINDOWS + ")");
        Knobs.spinner(prefix, "exposurePrefix", 80, "tokens both histories share before the continuation");
        freeRun.setId("exposureFreeRun");
        freeRun.getItems().setAll("greedy", "sampling τ = 1");
        freeRun.setValue("greedy");
        compute.setId("computeExposure");
        compute.setTooltip(new Tooltip("Continue " + ViewFigures.EXPOSURE_WINDOWS + " validation windows with every text model (training waits)"));
        compute.setOnAction(e -> compute());
        progressBar.setPrefWidth(110);
        progressBar.setVisible(false);
        exposure.tools(new Label("example"), example, new Label("prefix"), prefix, new Label("free running"), freeRun, compute, progressBar);
        exposure.setFigure(Figure.empty("exposure-bias", "Exposure bias", "Press Compute to continue validation windows two ways."));
        example.valueProperty().addListener((o, a, b) -> compute());
        freeRun.valueProperty().addListener((o, a, b) -> compute());
    }

    void shown(TrainingSnapshot s) {
        shown = s;
    }

    /** The prefix at most {@code max} tokens (a window, or an image's pixels but one), {@code otherwise} when longer. */
    void fitPrefix(int max, int otherwise) {
        ((SpinnerValueFactory.IntegerSpinnerValueFactory) prefix.getValueFactory()).setMax(max);
        if (prefix.getValue() >= max) {
            prefix.getValueFactory().setValue(otherwise);
        }
    }

    /** The first time the view is shown, compute it. */
    void fillOnce(TrainingSnapshot s) {
        shown = s;
        if (!(exposure.canvas().figure() instanceof ExposureFigure) && !compute.isDisabled()) {
            compute();
        }
    }

    /** A figure of another training step is computed again. */
    void refreshIfStale(int step) {
        if (exposure.canvas().figure() instanceof ExposureFigure f && f.input().trainingStep() != step && !compute.isDisabled()) {
            compute();
        }
    }

    void compute() {
        if (shown == null || shown.runs().isEmpty()) {
            exposure.setFigure(Figure.empty("exposure-bias", "Exposure bias", "Add a model to compare teacher forcing with free running."));
            return;
        }
        int k = example.getValue();
        int pre = prefix.getValue();
        DecodingConfig free = "greedy".equals(freeRun.getValue()) ? DecodingConfig.of(Strategy.GREEDY)
                : DecodingConfig.of(Strategy.SAMPLE).withSeed(seed.getAsInt());
        compute.setDisable(true);
        progressBar.setProgress(0);
        progressBar.setVisible(true);
        Job<?> job = lab.work().await("Exposure bias", progress -> lab.tasks().exposure(k, pre, free, progress), in -> {
            compute.setDisable(false);
            progressBar.setVisible(false);
            exposure.setFigure(new ExposureFigure(in));
            status.accept("");
        }, ex -> {
            compute.setDisable(false);
            progressBar.setVisible(false);
            exposure.setFigure(Figure.empty("exposure-bias", "Exposure bias", Failure.reason(ex)));
            status.accept("Could not compute exposure bias: " + Failure.reason(ex));
        });
        lab.work().progressTo(job, progressBar::setProgress);
    }
}
