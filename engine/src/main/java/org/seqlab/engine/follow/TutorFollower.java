package org.seqlab.engine.follow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.seqlab.engine.train.LabTrainer;
import org.seqlab.engine.train.SideBySide;
import org.seqlab.engine.train.Trainer;
import org.seqlab.engine.train.TrainingSession;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;
import org.seqlab.engine.train.TrainingSnapshot;
import org.seqlab.engine.tutor.vocabulary.Diagnosis;
import org.seqlab.engine.tutor.Tutor;

/**
 * The tutor reading every model as it trains ({@link Tutor}): after each validation, at most every 3 s, and never for
 * more than a tenth of the time; at once when the models change or the scrubber looks back (it then reads the models
 * as they stood at the checkpoint's step: its weights, and the curves up to it).
 */
public final class TutorFollower implements Trainer.Follower<TrainingSession, TrainingSnapshot> {

    static final long TUTOR_NANOS = 3_000_000_000L;

    // confined to the engine thread
    private Map<String, List<Diagnosis>> diagnoses = Map.of();
    private long last;
    private long cost;
    private int readAt = -1;

    /** Follows {@code trainer} from now on. */
    public TutorFollower(LabTrainer trainer) {
        trainer.follow(this);
    }

    @Override
    public void refresh(TrainingSession session) {
        last = System.nanoTime();
        readAt = session.stepsTaken();
        List<List<Diagnosis>> found = SideBySide.each(session.runs().size(), i -> Tutor.diagnose(session, i));
        Map<String, List<Diagnosis>> next = new HashMap<>();
        for (int i = 0; i < found.size(); i++) {
            next.put(session.runs().get(i).id(), found.get(i));
        }
        diagnoses = next;
        cost = System.nanoTime() - last;
    }

    @Override
    public void afterStep(TrainingSession session, long nanoTime) {
        boolean validated = session.stepsTaken() % session.config().evalEvery() == 0 && session.stepsTaken() != readAt;
        if (validated && nanoTime - last > Math.max(TUTOR_NANOS, 9 * cost)) {
            refresh(session);
        }
    }

    @Override
    public TrainingSnapshot decorate(TrainingSnapshot snapshot) {
        List<RunSnapshot> runs = new ArrayList<>();
        for (RunSnapshot r : snapshot.runs()) {
            runs.add(r.withDiagnoses(diagnoses.get(r.id())));
        }
        return snapshot.withRuns(runs);
    }
}
