package org.seqlab.app.lab;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.javafx.FontIcon;
import org.seqlab.app.figures.Figure;
import org.seqlab.app.figures.StrategiesFigure;
import org.seqlab.app.widgets.FigurePane;
import org.seqlab.app.work.Failure;
import org.seqlab.app.work.Job;
import org.seqlab.engine.sample.DecodingConfig;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;
import org.seqlab.engine.train.TrainingSnapshot;

/** Greedy, sampling, top-k, top-p and beam search, each continuing the prompt many times, compared. */
final class StrategiesView {

    private final LabModel lab;
    private final FigurePane strategies;
    private final Consumer<String> status;
    /** What the comparison takes from the decoding views beside it: their prompt, length and strategies. */
    interface Decoding {
        String start();

        int lengthAfter(String start, int wanted);

        List<DecodingConfig> strategyList();
    }

    private final Decoding decoding;
    private final ComboBox<RunChoice> compareRun = Choices.run("compareRun");
    private final Spinner<Integer> samples = new Spinner<>(10, 2000, 100, 10);
    private final Spinner<Integer> compareLength = new Spinner<>(4, 200, 32);
    private final ProgressBar compareProgress = new ProgressBar(0);
    private final Button compare = new Button("Compare", new FontIcon("mdi2s-scale-balance"));
    private TrainingSnapshot shown;
    private Job<?> running;

    /** @param decoding where the prompt and the strategies' knobs are set */
    StrategiesView(LabModel lab, FigurePane strategies, Consumer<String> status, Decoding decoding) {
        this.lab = lab;
        this.strategies = strategies;
        this.status = status;
        this.decoding = decoding;
        Knobs.spinner(samples, "compareSamples", 90, "continuations per strategy (greedy and beam are deterministic: one each)");
        Knobs.spinner(compareLength, "compareLength", 80, "tokens per continuation");
        compare.setId("compareStrategies");
        compare.setTooltip(new Tooltip("Greedy, the strategy and settings of the Decoding view, and its siblings; beam search with "
                + "the Beam view's width (training waits)"));
        compare.setOnAction(e -> compareStrategies());
        compareProgress.setPrefWidth(110);
        compareProgress.setVisible(false);
        strategies.tools(new Label("model"), compareRun, new Label("samples N"), samples, new Label("length"), compareLength, compare,
                compareProgress).hint("prompt and T, k, p, seed from the Decoding view");
        strategies.setFigure(Figure.empty("decoding-strategies", "Decoding strategies compared", "Press Compare to sample every strategy N times."));
    }

    void syncRuns(TrainingSnapshot s, List<RunChoice> all) {
        shown = s;
        Choices.keep(compareRun, all);
    }

    /** Opened for the first time with nothing computed: compare at once. */
    void fillOnce() {
        if (strategies.canvas().figure() != null && strategies.canvas().figure().placeholder() && running == null) {
            compareStrategies();
        }
    }

    void compareStrategies() {
        RunSnapshot r = Choices.selected(shown, compareRun);
        if (r == null) {
            strategies.setFigure(Figure.empty("decoding-strategies", "Decoding strategies compared", "Add a model to compare strategies."));
            return;
        }
        String text = decoding.start();
        int n = samples.getValue();
        int len = decoding.lengthAfter(text, compareLength.getValue());
        List<DecodingConfig> list = decoding.strategyList();
        if (running != null) {
            running.cancel();   // the latest request wins: the one before stops at its next progress report
        }
        compareProgress.setProgress(0);
        compareProgress.setVisible(true);
        Job<?>[] self = new Job<?>[1];
        Job<?> job = lab.work().await("Comparing strategies", progress -> lab.tasks().strategies(r.id(), text, list, n, len, progress), in -> {
            if (running == self[0]) {
                running = null;
                compareProgress.setVisible(false);
            }
            strategies.setFigure(new StrategiesFigure(in));
            status.accept("Compared " + in.rows().size() + " strategies.");
        }, ex -> {
            if (ex instanceof CancellationException) {
                return;   // replaced by a newer request, or cancelled in the status bar
            }
            if (running == self[0]) {
                running = null;
                compareProgress.setVisible(false);
            }
            strategies.setFigure(Figure.empty("decoding-strategies", "Decoding strategies compared", Failure.reason(ex)));
            status.accept("Could not compare: " + Failure.reason(ex));
        });
        self[0] = job;
        running = job;
        lab.work().progressTo(job, compareProgress::setProgress);
    }
}
