package org.seqlab.engine.expect;

import org.seqlab.engine.train.TrainingSession;

/** A scene's point measured once it has trained: whether it was made now, and at every checkpoint on the way. */
public record Measured(Point.Verdict verdict, PointHistory history) {

    /**
     * The point measured on the session as it is and at each of its checkpoints: what the lab's reader shows under a
     * scene's button and what {@code check-lessons} reports, by one piece of code (engine thread).
     *
     * @param input the scene's input as the views inspect it
     */
    public static Measured of(Point point, TrainingSession session, String input) {
        return new Measured(point.evaluate(new SessionMeasures(session, input)), PointHistory.of(point, session, input));
    }
}
