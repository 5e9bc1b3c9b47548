package org.seqlab.app.views;

import org.seqlab.app.text.Texts;
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
import org.seqlab.app.figures.ViewId;
import org.seqlab.app.work.Failure;
import org.seqlab.app.work.Job;
import org.seqlab.engine.sample.DecodingConfig;
import org.seqlab.engine.sample.Strategy;

/** Exposure bias: every model continues validation windows teacher-forced and free-running, compared. */
final class ExposureView extends LabView {

    private final FollowingTraining following = new FollowingTraining(false);
    private final Spinner<Integer> example = new Spinner<>(0, ExposureFigure.WINDOWS - 1, 0);
    private final Spinner<Integer> prefix = new Spinner<>(1, 4096, 32);
    private final ComboBox<String> freeRun = new ComboBox<>();
    private final ProgressBar progressBar = new ProgressBar(0);
    private final Button compute = new Button(Texts.get("exposure.compute"), new FontIcon("mdi2c-chart-bell-curve-cumulative"));

    ExposureView(ViewContext context) {
        super(ViewId.EXPOSURE, context);
        Knobs.spinner(example, "exposureExample", 75, Texts.get("exposure.example.tip", ExposureFigure.WINDOWS));
        Knobs.spinner(prefix, "exposurePrefix", 80, Texts.get("exposure.prefix.tip"));
        freeRun.setId("exposureFreeRun");
        freeRun.getItems().setAll(Texts.get("decoding.branch.greedy"), Texts.get("exposure.sampling"));
        freeRun.getSelectionModel().select(0);
        compute.setId("computeExposure");
        compute.setTooltip(new Tooltip(Texts.get("exposure.compute.tip", ExposureFigure.WINDOWS)));
        compute.setOnAction(e -> compute());
        progressBar.setPrefWidth(110);
        progressBar.setVisible(false);
        pane.tools(new Label(Texts.get("exposure.example")), example, new Label(Texts.get("exposure.prefix")), prefix, new Label(Texts.get("exposure.freeRunning")), freeRun, compute, progressBar);
        pane.setFigure(Figure.empty("exposure-bias", Texts.get("view.exposure"), Texts.get("exposure.empty")));
        example.valueProperty().addListener((o, a, b) -> compute());
        freeRun.valueProperty().addListener((o, a, b) -> compute());
    }

    /** The prefix fits the data: at most a window, or an image's pixels but one. */
    @Override
    protected void runsChanged() {
        if (shown.data() != null && shown.data().image() != null) {
            fitPrefix(shown.data().image().pixels() - 1, shown.data().image().pixels() / 2);
        } else if (shown.data() != null && shown.data().sequenceLength() > 1) {
            fitPrefix(shown.data().sequenceLength(), shown.data().sequenceLength() / 2);
        }
    }

    /** A figure of another training step is computed again when training stops while it is in view. */
    @Override
    protected void snapshot(boolean visible) {
        if (following.due(shown, visible, false) == FollowingTraining.Due.NOW && pane.canvas().figure() instanceof ExposureFigure f
                && f.input().trainingStep() != shown.step() && !compute.isDisabled()) {
            compute();
        }
    }

    /** The first time the view is shown, compute it. */
    @Override
    protected void opened() {
        if (!(pane.canvas().figure() instanceof ExposureFigure) && !compute.isDisabled()) {
            compute();
        }
    }

    /** The prefix at most {@code max} tokens, {@code otherwise} when longer. */
    private void fitPrefix(int max, int otherwise) {
        ((SpinnerValueFactory.IntegerSpinnerValueFactory) prefix.getValueFactory()).setMax(max);
        if (prefix.getValue() >= max) {
            prefix.getValueFactory().setValue(otherwise);
        }
    }

    private void compute() {
        if (shown == null || shown.runs().isEmpty()) {
            pane.setFigure(Figure.empty("exposure-bias", Texts.get("view.exposure"), Texts.get("exposure.noModel")));
            return;
        }
        int k = example.getValue();
        int pre = prefix.getValue();
        DecodingConfig free = freeRun.getSelectionModel().getSelectedIndex() <= 0 ? DecodingConfig.of(Strategy.GREEDY)
                : DecodingConfig.of(Strategy.SAMPLE).withSeed(context.decoding().seed.getValue());
        compute.setDisable(true);
        progressBar.setProgress(0);
        progressBar.setVisible(true);
        Job<?> job = lab.work().await(Texts.get("view.exposure"), progress -> lab.tasks().exposure(k, pre, free, progress), in -> {
            compute.setDisable(false);
            progressBar.setVisible(false);
            pane.setFigure(new ExposureFigure(in));
            status("");
        }, ex -> {
            compute.setDisable(false);
            progressBar.setVisible(false);
            pane.setFigure(Figure.empty("exposure-bias", Texts.get("view.exposure"), Failure.reason(ex)));
            status(Texts.get("exposure.failed", Failure.reason(ex)));
        });
        lab.work().progressTo(job, progressBar::setProgress);
    }
}
