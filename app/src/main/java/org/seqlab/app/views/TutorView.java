package org.seqlab.app.views;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.javafx.FontIcon;
import org.seqlab.app.figures.TutorFigure;
import org.seqlab.app.figures.ViewId;
import org.seqlab.app.text.Texts;
import org.seqlab.app.work.Failure;
import org.seqlab.app.work.Job;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;
import org.seqlab.engine.tutor.CounterExperiment;
import org.seqlab.engine.tutor.vocabulary.Diagnosis;

/**
 * The tutor's diagnoses of every model, following training, and one click that tests a diagnosis: its
 * counter-experiment trained beside the model from the start, on the same batches, and judged.
 */
final class TutorView extends LabView {

    /** One diagnosis the learner can test, as the chooser lists it. */
    private record Choice(String runId, Diagnosis diagnosis) {
        @Override
        public String toString() {
            return runId + ": " + diagnosis.cause().id();
        }
    }

    private final ComboBox<Choice> which = new ComboBox<>();
    private final Button test = new Button(Texts.get("tutor.test"), new FontIcon("mdi2f-flask-outline"));
    private final ProgressBar progressBar = new ProgressBar(0);
    private final Map<String, CounterExperiment.Verdict> verdicts = new HashMap<>();

    TutorView(ViewContext context) {
        super(ViewId.TUTOR, context);
        which.setId("tutorDiagnosis");
        which.setPromptText(Texts.get("tutor.none"));
        test.setId("tutorTest");
        test.setTooltip(new Tooltip(Texts.get("tutor.test.tip")));
        test.setOnAction(e -> test());
        test.disableProperty().bind(which.valueProperty().isNull());
        progressBar.setPrefWidth(110);
        progressBar.setVisible(false);
        pane.tools(new Label(Texts.get("tutor.diagnosis")), which, test, progressBar);
    }

    @Override
    protected void snapshot(boolean visible) {
        List<Choice> choices = new ArrayList<>();
        for (RunSnapshot r : shown.runs()) {
            r.diagnoses().forEach(d -> choices.add(new Choice(r.id(), d)));
        }
        if (!choices.equals(which.getItems())) {
            Choice kept = which.getValue();
            which.getItems().setAll(choices);
            which.setValue(choices.stream().filter(c -> kept != null && c.toString().equals(kept.toString())).findFirst()
                    .orElse(choices.isEmpty() ? null : choices.get(0)));
        }
        if (visible || pane.canvas().figure() == null) {
            pane.setFigure(new TutorFigure(shown, Map.copyOf(verdicts)));
        }
    }

    @Override
    protected void runsChanged() {
        verdicts.clear();   // new models: the old verdicts were about others
    }

    @Override
    protected void opened() {
        pane.setFigure(new TutorFigure(shown, Map.copyOf(verdicts)));
    }

    private void test() {
        Choice c = which.getValue();
        if (c == null) {
            return;
        }
        which.setDisable(true);
        progressBar.setProgress(0);
        progressBar.setVisible(true);
        Job<?> job = lab.work().await(Texts.get("job.tutor", c), progress -> lab.tasks().confirm(c.runId(), c.diagnosis().cause(), progress), v -> {
            which.setDisable(false);
            progressBar.setVisible(false);
            verdicts.put(TutorFigure.key(c.runId(), c.diagnosis()), v);
            pane.setFigure(new TutorFigure(shown, Map.copyOf(verdicts)));
            status(Texts.format(v.confirmed() ? "tutor.confirmed.f" : "tutor.rejected.f", v.says()));
        }, ex -> {
            which.setDisable(false);
            progressBar.setVisible(false);
            status(Texts.get("tutor.failed", Failure.reason(ex)));
        });
        lab.work().progressTo(job, progressBar::setProgress);
    }
}
