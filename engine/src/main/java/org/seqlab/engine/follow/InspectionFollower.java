package org.seqlab.engine.follow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqlab.engine.data.Vocabulary;
import org.seqlab.engine.inspect.Inspection;
import org.seqlab.engine.model.Trace;
import org.seqlab.engine.train.ModelRun;
import org.seqlab.engine.train.LabTrainer;
import org.seqlab.engine.train.SideBySide;
import org.seqlab.engine.train.Trainer;
import org.seqlab.engine.train.TrainingSession;
import org.seqlab.engine.train.TrainingSnapshot.InspectionSnapshot;
import org.seqlab.engine.train.TrainingSnapshot;

/**
 * The input the views inspect and every model's {@link Trace} of it ({@link Inspection}), following the models as
 * they train: refreshed every 0.4 s while training and at once when the input, the position or the models change.
 */
public final class InspectionFollower implements Trainer.Follower<TrainingSession, TrainingSnapshot> {

    static final long INSPECT_NANOS = 400_000_000L;
    public static final int MAX_INSPECT_CHARS = 400;

    private final LabTrainer trainer;
    // confined to the engine thread
    private String text = "";
    private int position = -1;
    private InspectionSnapshot inspection;
    private long lastInspect;

    /** Follows {@code trainer} from now on. */
    public InspectionFollower(LabTrainer trainer) {
        this.trainer = trainer;
        trainer.follow(this);
    }

    /** The string the views inspect; its traces follow the models as they train. */
    public void inspect(String t) {
        trainer.execute(session -> {
            text = t == null ? "" : t;
            refreshIfAny(session);
        });
    }

    /** The output whose loss the inspection back-propagates (−1: the last); for an image, the pixel whose receptive field is mapped. */
    public void inspectAt(int p) {
        trainer.execute(session -> {
            position = p;
            refreshIfAny(session);
        });
    }

    private void refreshIfAny(TrainingSession session) {
        if (session != null) {
            refresh(session);
        }
    }

    @Override
    public void afterStep(TrainingSession session, long nanoTime) {
        if (nanoTime - lastInspect > INSPECT_NANOS) {
            refresh(session);
        }
    }

    @Override
    public TrainingSnapshot decorate(TrainingSnapshot snapshot) {
        return snapshot.withInspection(inspection);
    }

    @Override
    public void refresh(TrainingSession session) {
        lastInspect = System.nanoTime();
        Vocabulary vocab = session.data().vocabulary();
        List<String> labels = new ArrayList<>();
        text.codePoints().forEach(cp -> labels.add(Vocabulary.display(cp)));
        String error = "";
        Map<String, Trace> traces = new LinkedHashMap<>();
        int length = text.codePointCount(0, text.length());
        int fixed = session.data().fixedSteps();
        if (fixed > 0 && length != fixed) {
            error = "Pick a digit to inspect (an image of " + fixed + " pixels).";
        } else if (length == 0) {
            error = "Nothing to inspect yet.";   // the lab hands over its input right after the models are built
        } else if (length < 2) {
            error = "Type at least two characters to inspect.";
        } else if (length > MAX_INSPECT_CHARS) {
            error = "Inspect at most " + MAX_INSPECT_CHARS + " characters (this text has " + length + ").";
        } else {
            try {
                int[] ids = vocab.encode(text);
                if (!vocab.characters()) {
                    labels.clear();
                    labels.addAll(vocab.labels(ids));   // one label per token the models read
                }
                List<ModelRun> runs = session.runs();
                for (ModelRun run : runs) {
                    int context = run.model().spec().context();
                    if (context > 0 && ids.length - 1 > context) {
                        throw new IllegalArgumentException(run.label() + " reads at most " + (context + 1)
                                + " characters (its context is " + context + "); this text has " + ids.length);
                    }
                }
                int at = position;
                // each model traced on its own core, like its training step
                List<Trace> traced = SideBySide.each(runs.size(), i -> Inspection.of(runs.get(i).model(), session.readBy(runs.get(i), ids), at));
                for (int i = 0; i < runs.size(); i++) {
                    traces.put(runs.get(i).id(), traced.get(i));
                }
            } catch (IllegalArgumentException e) {
                error = "Cannot inspect this text: " + e.getMessage() + ".";
            }
        }
        // the step the models are shown at: a checkpoint's while the scrubber looks back, else now
        int shownAt = session.checkpoints().viewing() >= 0 ? session.checkpoints().viewing() : session.stepsTaken();
        inspection = new InspectionSnapshot(text, List.copyOf(labels), Map.copyOf(traces), error, shownAt, position);
    }
}
