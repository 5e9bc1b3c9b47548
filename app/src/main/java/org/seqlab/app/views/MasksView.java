package org.seqlab.app.views;

import org.seqlab.app.text.EngineNames;
import org.seqlab.app.text.Texts;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import org.seqlab.app.figures.MaskKernelsFigure;
import org.seqlab.app.figures.ViewId;
import org.seqlab.app.work.Failure;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;

/** The masks a convolutional model really multiplies its kernels by, read from the model once per model. */
final class MasksView extends LabView {

    private final ComboBox<RunChoice> run = Choices.run("maskKernelRun");
    private String readFor = "";

    MasksView(ViewContext context) {
        super(ViewId.MASKS, context);
        pane.tools(new Label(Texts.get("knob.model")), run);
        run.valueProperty().addListener((o, a, b) -> read());
    }

    @Override
    protected void runsChanged() {
        readFor = "";
        Choices.keep(run, choices());
    }

    @Override
    protected void inspected() {
        read();
    }

    private void read() {
        RunSnapshot r = selected(run);
        if (r == null) {
            placeholder(Texts.get("masks.none"));
        } else if (!r.label().equals(readFor)) {
            readFor = r.label();
            lab.work().await(Texts.get("job.masks"), progress -> lab.tasks().masks(r.id()),
                    list -> pane.setFigure(new MaskKernelsFigure(EngineNames.model(r.label()), list)), ex -> placeholder(Failure.reason(ex)));
        }
    }
}
