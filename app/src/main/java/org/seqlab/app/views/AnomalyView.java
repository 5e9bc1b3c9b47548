package org.seqlab.app.views;

import org.seqlab.app.text.EngineNames;
import org.seqlab.app.text.Texts;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.javafx.FontIcon;
import org.seqlab.app.figures.AnomalyFigure;
import org.seqlab.app.figures.Figure;
import org.seqlab.app.figures.ViewId;
import org.seqlab.app.work.Failure;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;

/** Anomaly detection by likelihood: held-out digits and damaged copies scored in bits per dimension, under a threshold. */
final class AnomalyView extends LabView {

    private final ComboBox<RunChoice> run = Choices.run("anomalyRun");
    private final Slider threshold = new Slider(0, 1, 0.5);

    AnomalyView(ViewContext context) {
        super(ViewId.ANOMALY, context);
        Button compute = new Button(Texts.get("tool.compute"), new FontIcon("mdi2c-chart-histogram"));
        compute.setId("computeAnomaly");
        compute.setTooltip(new Tooltip(Texts.get("anomaly.compute.tip", AnomalyFigure.DIGITS)));
        compute.setOnAction(e -> compute());
        threshold.setId("anomalyThreshold");
        threshold.setPrefWidth(220);
        threshold.valueProperty().addListener((o, a, b) -> {
            if (pane.canvas().figure() instanceof AnomalyFigure f) {
                pane.setFigure(f.withThreshold(b.doubleValue()));
            }
        });
        pane.tools(new Label(Texts.get("knob.model")), run, compute, new Label(Texts.get("knob.threshold")), threshold);
        pane.setFigure(Figure.empty("anomaly", Texts.get("title.anomaly"), Texts.get("anomaly.empty")));
    }

    @Override
    protected void runsChanged() {
        Choices.keep(run, choices());
    }

    /** Opened with nothing scored yet: score the digits at once. */
    @Override
    protected void opened() {
        if (pane.canvas().figure() != null && pane.canvas().figure().placeholder() && shown.data() != null && shown.data().image() != null) {
            compute();
        }
    }

    private void compute() {
        RunSnapshot r = selected(run);
        if (r == null) {
            status(Texts.get("anomaly.needs"));
            return;
        }
        lab.work().await(Texts.get("job.anomaly"), progress -> lab.tasks().anomalies(r.id(), AnomalyFigure.DIGITS, 7), result -> {
            AnomalyFigure f = AnomalyFigure.of(EngineNames.model(r.label()), result);   // 5 % false alarms to start with
            double[] range = f.range();
            pane.setFigure(f);
            threshold.setMin(range[0]);
            threshold.setMax(range[1]);
            threshold.setValue(f.threshold());
            status(Texts.get("anomaly.done", AnomalyFigure.DIGITS));
        }, ex -> status(Texts.get("anomaly.failed", Failure.reason(ex))));
    }
}
