package org.seqlab.app.views;

import org.seqlab.app.text.Texts;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import org.seqlab.app.figures.SamplesFigure;
import org.seqlab.app.figures.ViewId;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;

/** What every model generates as it trains, at a temperature the teacher sets. */
final class SamplesView extends LabView {

    private final Slider temperature = new Slider(0.1, 2.0, 0.8);
    private List<Object> drawn = List.of();

    SamplesView(ViewContext context) {
        super(ViewId.SAMPLES, context);
        temperature.setId("temperature");
        temperature.setPrefWidth(160);
        temperature.setMajorTickUnit(0.5);
        Label value = new Label();
        value.textProperty().bind(temperature.valueProperty().asString("τ = %.2f"));
        temperature.valueChangingProperty().addListener((o, a, changing) -> {
            if (!changing) {
                lab.tasks().setSampling(temperature.getValue(), 120);
            }
        });
        temperature.setOnMouseReleased(e -> lab.tasks().setSampling(temperature.getValue(), 120));
        pane.tools(new Label(Texts.get("samples.temperature")), temperature, value);
    }

    /** Drawn again only when a model's samples changed. */
    @Override
    protected void snapshot(boolean visible) {
        List<Object> samples = new ArrayList<>();
        for (RunSnapshot r : shown.runs()) {
            samples.add(r.samples());
        }
        if (!samples.equals(drawn) || pane.canvas().figure() == null) {
            drawn = samples;
            pane.setFigure(new SamplesFigure(shown));
        }
    }
}
