package org.seqlab.app.views;

import org.seqlab.app.text.Texts;
import java.util.List;
import java.util.concurrent.CancellationException;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.javafx.FontIcon;
import org.seqlab.app.figures.Figure;
import org.seqlab.app.figures.StrategiesFigure;
import org.seqlab.app.figures.ViewId;
import org.seqlab.app.work.Failure;
import org.seqlab.app.work.Job;
import org.seqlab.engine.sample.DecodingConfig;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;

/** Greedy, sampling, top-k, top-p and beam search, each continuing the prompt many times, compared. */
final class StrategiesView extends LabView {

    /** The prompt, length and strategies of the decoding views beside it. */
    private final DecodingKnobs decoding;
    private final ComboBox<RunChoice> compareRun = Choices.run("compareRun");
    private final Spinner<Integer> samples = new Spinner<>(10, 2000, 100, 10);
    private final Spinner<Integer> compareLength = new Spinner<>(4, 200, 32);
    private final ProgressBar compareProgress = new ProgressBar(0);
    private final Button compare = new Button(Texts.get("tool.compare"), new FontIcon("mdi2s-scale-balance"));
    private Job<?> running;

    StrategiesView(ViewContext context) {
        super(ViewId.STRATEGIES, context);
        this.decoding = context.decoding();
        Knobs.spinner(samples, "compareSamples", 90, Texts.get("strategies.samples.tip"));
        Knobs.spinner(compareLength, "compareLength", 80, Texts.get("strategies.length.tip"));
        compare.setId("compareStrategies");
        compare.setTooltip(new Tooltip(Texts.get("strategies.compare.tip")));
        compare.setOnAction(e -> compareStrategies());
        compareProgress.setPrefWidth(110);
        compareProgress.setVisible(false);
        pane.tools(new Label(Texts.get("knob.model")), compareRun, new Label(Texts.get("knob.samplesN")), samples, new Label(Texts.get("knob.length")), compareLength, compare,
                compareProgress).hint(Texts.get("strategies.hint"));
        pane.setFigure(Figure.empty("decoding-strategies", Texts.get("title.strategies"), Texts.get("strategies.empty")));
    }

    @Override
    protected void runsChanged() {
        Choices.keep(compareRun, choices());
    }

    /** Opened for the first time with nothing computed: compare at once. */
    @Override
    protected void opened() {
        if (pane.canvas().figure() != null && pane.canvas().figure().placeholder() && running == null) {
            compareStrategies();
        }
    }

    private void compareStrategies() {
        RunSnapshot r = selected(compareRun);
        if (r == null) {
            pane.setFigure(Figure.empty("decoding-strategies", Texts.get("title.strategies"), Texts.get("strategies.noModel")));
            return;
        }
        String text = decoding.start(shown);
        int n = samples.getValue();
        int len = decoding.lengthAfter(text, compareLength.getValue());
        List<DecodingConfig> list = decoding.strategyList();
        if (running != null) {
            running.cancel();   // the latest request wins: the one before stops at its next progress report
        }
        compareProgress.setProgress(0);
        compareProgress.setVisible(true);
        Job<?>[] self = new Job<?>[1];
        Job<?> job = lab.work().await(Texts.get("job.strategies"), progress -> lab.tasks().strategies(r.id(), text, list, n, len, progress), in -> {
            if (running == self[0]) {
                running = null;
                compareProgress.setVisible(false);
            }
            pane.setFigure(new StrategiesFigure(in));
            status(Texts.get("strategies.done", in.rows().size()));
        }, ex -> {
            if (ex instanceof CancellationException) {
                return;   // replaced by a newer request, or cancelled in the status bar
            }
            if (running == self[0]) {
                running = null;
                compareProgress.setVisible(false);
            }
            pane.setFigure(Figure.empty("decoding-strategies", Texts.get("title.strategies"), Failure.reason(ex)));
            status(Texts.get("strategies.failed", Failure.reason(ex)));
        });
        self[0] = job;
        running = job;
        lab.work().progressTo(job, compareProgress::setProgress);
    }
}
