package org.seqlab.app.views;

import org.seqlab.app.text.Texts;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import org.kordamp.ikonli.javafx.FontIcon;
import org.seqlab.app.figures.BeamFigure;
import org.seqlab.app.figures.ViewId;
import org.seqlab.app.work.Failure;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;

/** Beam search as a tree: the hypotheses kept at every step, from the prompt the Decoding view shares. */
final class BeamView extends GeneratingView {

    private final Spinner<Integer> length = new Spinner<>(1, 24, 10);

    BeamView(ViewContext context) {
        super(ViewId.BEAM, context, "beamRun");
        Knobs.spinner(length, "beamLength", 70, Texts.get("knob.tokens.tip"));
        Button search = new Button(Texts.get("beam.search"), new FontIcon("mdi2f-file-tree-outline"));
        search.setId("beamSearch");
        search.setOnAction(e -> compute());
        pane.tools(new Label(Texts.get("knob.model")), run, new Label(Texts.get("knob.prompt")), knobs.promptField("beamPrompt"), new Label(Texts.get("beam.width")), knobs.width,
                new Label(Texts.get("knob.length")), length, search);
        placeholder(Texts.get("beam.empty"));
        recomputeOn(knobs.width.valueProperty(), length.valueProperty());
    }

    @Override
    protected boolean stale() {
        return !(pane.canvas().figure() instanceof BeamFigure f && f.input().trainingStep() == shown.step());
    }

    @Override
    protected void compute() {
        RunSnapshot r = selected(run);
        if (r == null) {
            placeholder(Texts.get("view.addModel"));
            return;
        }
        String text = knobs.start(shown);
        int w = knobs.width.getValue();
        int n = knobs.lengthAfter(text, length.getValue());
        lab.work().await(Texts.get("job.beam"), progress -> lab.tasks().beam(r.id(), text, w, n), in -> pane.setFigure(new BeamFigure(in)),
                ex -> placeholder(Failure.reason(ex)));
    }
}
