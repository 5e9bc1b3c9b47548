package org.seqlab.app.views;

import java.util.List;
import javafx.animation.PauseTransition;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.seqlab.app.figures.BeamFigure;
import org.seqlab.app.figures.ViewId;
import org.seqlab.app.work.Failure;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;

/** Beam search as a tree: the hypotheses kept at every step, from the prompt the Decoding view shares. */
final class BeamView extends LabView {

    private final DecodingKnobs knobs;
    private final ComboBox<RunChoice> run = Choices.run("beamRun");
    private final TextField prompt;
    private final Spinner<Integer> length = new Spinner<>(1, 24, 10);
    private final PauseTransition soon = new PauseTransition(Duration.millis(250));
    private final FollowingTraining following = new FollowingTraining(true);

    BeamView(ViewContext context) {
        super(ViewId.BEAM, context);
        knobs = context.decoding();
        prompt = knobs.promptField("beamPrompt");
        Knobs.spinner(length, "beamLength", 70, "tokens to generate");
        Button search = new Button("Search", new FontIcon("mdi2f-file-tree-outline"));
        search.setId("beamSearch");
        search.setOnAction(e -> search());
        pane.tools(new Label("model"), run, new Label("prompt"), prompt, new Label("width W"), knobs.width, new Label("length"), length, search);
        placeholder("Train a text model, then press Search.");
        soon.setOnFinished(e -> search());
        for (Spinner<?> s : List.of(knobs.width, length)) {
            s.valueProperty().addListener((o, a, b) -> soon.playFromStart());
        }
        run.valueProperty().addListener((o, a, b) -> soon.playFromStart());
        knobs.prompt.addListener((o, a, b) -> soon.playFromStart());
    }

    @Override
    protected void runsChanged() {
        Choices.keep(run, choices());
    }

    @Override
    protected void snapshot(boolean visible) {
        switch (following.due(shown, visible, knobs.image())) {
            case NOW -> refreshIfStale();
            case SOON -> soon.playFromStart();   // an image model continues the inspected digit
            default -> { }
        }
    }

    @Override
    protected void opened() {
        refreshIfStale();
    }

    private void refreshIfStale() {
        if (!(pane.canvas().figure() instanceof BeamFigure f && f.input().trainingStep() == shown.step())) {
            search();
        }
    }

    private void search() {
        RunSnapshot r = selected(run);
        if (r == null) {
            placeholder("Add a model.");
            return;
        }
        String text = knobs.start(shown);
        int w = knobs.width.getValue();
        int n = knobs.lengthAfter(text, length.getValue());
        lab.work().await("Beam search", progress -> lab.tasks().beam(r.id(), text, w, n), in -> pane.setFigure(new BeamFigure(in)),
                ex -> placeholder(Failure.reason(ex)));
    }
}
