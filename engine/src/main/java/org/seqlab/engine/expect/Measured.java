package org.seqlab.engine.expect;

/** A scene's point measured once it has trained: whether it was made now, and at every checkpoint on the way. */
public record Measured(Point.Verdict verdict, PointHistory history) {
}
