package org.seqlab.app.lab;

import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import org.seqlab.app.figures.Figure;
import org.seqlab.app.figures.GatesFigure;
import org.seqlab.app.figures.GradientFlowFigure;
import org.seqlab.app.figures.HiddenStateFigure;
import org.seqlab.app.figures.ViewFigures;
import org.seqlab.app.widgets.FigurePane;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.Probe;
import org.seqlab.engine.train.TrainingSnapshot.InspectionSnapshot;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;
import org.seqlab.engine.train.TrainingSnapshot;

/** The views of what flows through a recurrent model: its hidden state, an LSTM's gates, and gradients through time. */
final class RecurrentViews {

    final FigurePane hidden;
    final FigurePane gates;
    final FigurePane gradient;
    private final ComboBox<RunChoice> hiddenRun = Choices.run("hiddenRun");
    private final ComboBox<Integer> hiddenLayer = Choices.layer("hiddenLayer");
    private final ComboBox<RunChoice> gatesRun = Choices.run("gatesRun");
    private final ComboBox<Integer> gatesLayer = Choices.layer("gatesLayer");
    private final ComboBox<String> gatesUnits = new ComboBox<>();
    private TrainingSnapshot shown;
    private boolean refreshing;

    RecurrentViews(LabModel lab, Consumer<String> status) {
        hidden = new FigurePane("hiddenView", () -> lab.figuresFolderProperty().get(), lab.work(), status);
        gates = new FigurePane("gatesView", () -> lab.figuresFolderProperty().get(), lab.work(), status);
        gradient = new FigurePane("gradientView", () -> lab.figuresFolderProperty().get(), lab.work(), status);
        hidden.tools(new Label("model"), hiddenRun, new Label("layer"), hiddenLayer);
        gatesUnits.getItems().addAll("16", "32", "64", "all");
        gatesUnits.setValue("32");
        gatesUnits.setId("gatesUnits");
        gates.tools(new Label("model"), gatesRun, new Label("layer"), gatesLayer, new Label("units"), gatesUnits);
        gradient.hint("recurrent: top layer's hₜ; Transformer: its input xₜ (embedding + position); each curve relative to its value at T");
        for (ComboBox<?> c : List.of(hiddenRun, hiddenLayer, gatesRun, gatesLayer, gatesUnits)) {
            c.valueProperty().addListener((o, a, b) -> refresh());
        }
    }

    List<FigurePane> panes() {
        return List.of(hidden, gates, gradient);
    }

    /** New runs: the choices list the recurrent models (and the LSTMs for the gates). */
    void syncRuns(TrainingSnapshot s) {
        shown = s;
        List<RunChoice> all = s.runs().stream().filter(r -> r.config().model().family().recurrent()).map(RunChoice::of).toList();
        List<RunChoice> lstm = s.runs().stream().filter(r -> r.config().model().family() == Family.LSTM).map(RunChoice::of).toList();
        Choices.keep(hiddenRun, all);
        Choices.keep(gatesRun, lstm);
    }

    /** A new inspection: every view redraws from its traces. */
    void update(TrainingSnapshot s) {
        shown = s;
        refresh();
    }

    /** The layers of this run (one if none is chosen), the top layer by default. */
    private static void layers(ComboBox<Integer> box, RunSnapshot r) {
        int n = r == null ? 1 : r.config().model().layers();
        Choices.indices(box, n, n - 1);
    }

    private void refresh() {
        if (refreshing || shown == null) {
            return;
        }
        refreshing = true;
        try {
            InspectionSnapshot in = shown.inspection();
            String why = in == null ? "Waiting for the engine…" : in.error();
            RunSnapshot hr = Choices.selected(shown, hiddenRun);
            layers(hiddenLayer, hr);
            RunSnapshot gr = Choices.selected(shown, gatesRun);
            layers(gatesLayer, gr);
            if (!why.isEmpty()) {
                hidden.setFigure(Figure.empty("hidden-state", "Hidden state", why));
                gates.setFigure(Figure.empty("lstm-gates", "LSTM gates", why));
                gradient.setFigure(Figure.empty("gradient-flow", "Gradient flow", why));
                return;
            }
            List<String> labels = in.labels();
            if (hr != null && in.traces().containsKey(hr.id())) {
                int layer = hiddenLayer.getValue() == null ? 0 : hiddenLayer.getValue();
                hidden.setFigure(new HiddenStateFigure(hr.label(), in.traces().get(hr.id()).get(new Probe.Hidden(layer)), labels, layer,
                        in.step()));
            } else if (hr == null) {
                hidden.setFigure(Figure.empty("hidden-state", "Hidden state", "Add an RNN or LSTM to see its hidden state."));
            }
            if (gr == null) {
                gates.setFigure(Figure.empty("lstm-gates", "LSTM gates", "Add an LSTM model to see its gates."));
            } else if (in.traces().containsKey(gr.id())) {
                int layer = gatesLayer.getValue() == null ? 0 : gatesLayer.getValue();
                int units = "all".equals(gatesUnits.getValue()) ? Integer.MAX_VALUE : Integer.parseInt(gatesUnits.getValue());
                gates.setFigure(new GatesFigure(gr.label(), in.traces().get(gr.id()), labels, layer, in.step(), units));
            }
            List<GradientFlowFigure.Curve> curves = ViewFigures.gradientCurves(shown, in);
            gradient.setFigure(new GradientFlowFigure(curves, labels, in.step()));
        } finally {
            refreshing = false;
        }
    }
}
