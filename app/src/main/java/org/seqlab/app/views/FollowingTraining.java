package org.seqlab.app.views;

import org.seqlab.engine.train.TrainingSnapshot;

/**
 * When a decoding figure on screen is made again: once when training stops, every {@link #EVERY} steps while it runs
 * (the figure says the step it was made at), and, for an image model, soon after another digit is inspected (it
 * continues the inspected digit).
 */
final class FollowingTraining {

    /** While training runs, a step-through or beam figure on screen is made again every this many steps. */
    static final int EVERY = 100;

    /** What to do for a snapshot. */
    enum Due { NOW, SOON, NOTHING }

    private final boolean whileRunning;
    private TrainingSnapshot.Phase phase;
    private int followedAt = -1;
    private String inspected = "";

    /** @param whileRunning whether the figure follows training as it runs, not only when it stops */
    FollowingTraining(boolean whileRunning) {
        this.whileRunning = whileRunning;
    }

    Due due(TrainingSnapshot s, boolean visible, boolean image) {
        boolean stopped = phase == TrainingSnapshot.Phase.RUNNING && s.phase() != TrainingSnapshot.Phase.RUNNING;
        phase = s.phase();
        String now = s.inspection() == null ? "" : s.inspection().text();
        boolean newDigit = image && !now.equals(inspected);
        inspected = now;
        if (visible && stopped) {
            return Due.NOW;
        }
        if (visible && whileRunning && s.phase() == TrainingSnapshot.Phase.RUNNING
                && (followedAt < 0 || s.step() < followedAt || s.step() - followedAt >= EVERY)) {
            followedAt = s.step();
            return Due.NOW;
        }
        return newDigit && !s.runs().isEmpty() ? Due.SOON : Due.NOTHING;
    }
}
