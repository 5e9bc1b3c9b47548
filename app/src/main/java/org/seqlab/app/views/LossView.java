package org.seqlab.app.views;

import org.seqlab.app.text.Texts;
import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import org.seqlab.app.figures.LossChartFigure;
import org.seqlab.app.lab.LabModel;
import org.seqlab.app.widgets.FigurePane;
import org.seqlab.engine.train.TrainingSnapshot;

/** The loss chart beside every view: training and validation curves by step or by each model's seconds, and the scrubber. */
final class LossView {

    final FigurePane pane;
    private LossChartFigure.XAxis xAxis = LossChartFigure.XAxis.STEPS;

    LossView(LabModel lab, Consumer<String> status) {
        pane = new FigurePane("lossView", () -> lab.figuresFolderProperty().get(), lab.work(), status);
        ToggleGroup axis = new ToggleGroup();
        ToggleButton bySteps = new ToggleButton(Texts.get("loss.steps"));
        ToggleButton bySeconds = new ToggleButton(Texts.get("loss.seconds"));
        bySteps.setId("axisSteps");
        bySeconds.setId("axisSeconds");
        bySteps.setToggleGroup(axis);
        bySeconds.setToggleGroup(axis);
        bySteps.setSelected(true);
        bySeconds.setTooltip(new Tooltip(Texts.get("loss.seconds.tip")));
        axis.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true);
                return;
            }
            xAxis = b == bySeconds ? LossChartFigure.XAxis.SECONDS : LossChartFigure.XAxis.STEPS;
            show(lab.snapshot());
        });
        pane.tools(new Label(Texts.get("loss.xAxis")), bySteps, bySeconds);
        pane.setBottom(new javafx.scene.layout.VBox(pane.description().holder(pane), new Scrubber(lab)));   // the description above the scrubber
    }

    void show(TrainingSnapshot s) {
        pane.setFigure(new LossChartFigure(s, xAxis));
    }
}
