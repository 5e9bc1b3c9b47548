package org.seqlab.app.views;

import org.seqlab.app.text.Texts;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import org.kordamp.ikonli.javafx.FontIcon;
import org.seqlab.app.figures.DecodingFigure;
import org.seqlab.app.figures.ViewId;
import org.seqlab.app.work.Failure;
import org.seqlab.engine.data.ImageShape;
import org.seqlab.engine.sample.DecodingConfig;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;

/**
 * Step-through generation with every strategy: greedy beside the strategy chosen, each step's distribution drawn. It
 * computes on the engine thread when asked, when its settings change, and while it is in view every
 * {@link FollowingTraining#EVERY} steps of training; the step looked at stays where it is.
 */
final class DecodingView extends GeneratingView {

    private final TextField prompt;
    private final Spinner<Integer> length = new Spinner<>(1, 400, 60);
    private final Label stepLabel = new Label();

    DecodingView(ViewContext context) {
        super(ViewId.DECODING, context, "decodeRun");
        prompt = knobs.promptField("decodePrompt");
        Knobs.spinner(length, "decodeLength", 80, Texts.get("knob.tokens.tip"));
        Button generate = new Button(Texts.get("decoding.generate"), new FontIcon("mdi2p-play-circle-outline"));
        generate.setId("decodeGenerate");
        generate.setTooltip(new Tooltip(Texts.get("decoding.generate.tip")));
        generate.setOnAction(e -> compute());
        Button back = new Button("", new FontIcon("mdi2c-chevron-left"));
        back.setId("decodeBack");
        back.setTooltip(new Tooltip(Texts.get("decoding.back.tip")));
        back.setOnAction(e -> move(-1));
        Button forward = new Button("", new FontIcon("mdi2c-chevron-right"));
        forward.setId("decodeForward");
        forward.setTooltip(new Tooltip(Texts.get("decoding.forward.tip")));
        forward.setOnAction(e -> move(1));
        stepLabel.setId("decodeStepLabel");
        stepLabel.setMinWidth(90);
        pane.tools(Knobs.rows(
                Knobs.row(new Label(Texts.get("knob.model")), run, new Label(Texts.get("knob.prompt")), prompt, generate, Knobs.together(back, stepLabel, forward)),
                Knobs.row(new Label(Texts.get("knob.strategy")), knobs.strategy, new Label("τ"), knobs.temperature, new Label("k"), knobs.k, new Label("p"),
                        knobs.p, new Label(Texts.get("knob.seed")), knobs.seed, new Label(Texts.get("knob.length")), length)));
        pane.canvas().takeArrowKeys(e -> {
            if (e.getCode() == KeyCode.LEFT || e.getCode() == KeyCode.RIGHT) {
                move(e.getCode() == KeyCode.LEFT ? -1 : 1);
                e.consume();
            } else if (e.getCode() == KeyCode.HOME || e.getCode() == KeyCode.END) {
                move(e.getCode() == KeyCode.HOME ? -100_000 : 100_000);
                e.consume();
            }
        });
        pane.canvas().figureProperty().addListener((o, a, b) -> stepLabel.setText(b instanceof DecodingFigure f
                ? Texts.format("decoding.stepOf.f", f.step() + 1, f.steps()) : ""));
        placeholder(Texts.get("decoding.empty"));
        // settings that change what is drawn recompute it, a moment after the last change
        recomputeOn(knobs.temperature.valueProperty(), knobs.k.valueProperty(), knobs.p.valueProperty(), knobs.seed.valueProperty(),
                length.valueProperty(), knobs.strategy.valueProperty());
    }

    /** New runs or data: the choice lists the models; an image is continued to its last pixel. */
    @Override
    protected void runsChanged() {
        super.runsChanged();
        length.setDisable(knobs.image());   // an image is continued to its last pixel
    }

    @Override
    protected boolean stale() {
        return !(pane.canvas().figure() instanceof DecodingFigure f && f.input().trainingStep() == shown.step());
    }

    @Override
    protected void compute() {
        RunSnapshot r = selected(run);
        if (r == null) {
            placeholder(Texts.get("view.addModel"));
            return;
        }
        DecodingConfig c = knobs.config();
        String text = knobs.start(shown);
        int n = knobs.lengthAfter(text, knobs.image() ? Integer.MAX_VALUE : length.getValue());
        ImageShape shape = knobs.image() ? shown.data().image() : null;
        DecodingFigure previous = pane.canvas().figure() instanceof DecodingFigure f ? f : null;
        lab.work().await(shape != null ? Texts.get("job.decodingPixels", n) : Texts.get("job.decoding"), progress -> lab.tasks().decode(r.id(), text, n, c, shape), in -> {
            // keep the step being looked at when only the settings changed
            boolean keepStep = previous != null && previous.input().prompt().equals(in.prompt());
            pane.setFigure(new DecodingFigure(in, keepStep && previous.greedyBranch(), keepStep ? previous.step() : 0));
        }, ex -> placeholder(Failure.reason(ex)));
    }

    private void move(int delta) {
        if (pane.canvas().figure() instanceof DecodingFigure f) {
            pane.setFigure(f.at(f.greedyBranch(), Math.max(0, Math.min(f.steps() - 1, f.step() + delta))));
        }
    }
}
