package org.seqlab.engine.train;

/**
 * At most one event per interval, judged by the times it is given: the Trainer passes {@code System.nanoTime()}, a
 * test passes the times it wants, so the rule is checked without a clock.
 */
final class Throttle {

    private final long intervalNanos;
    private long last;
    private boolean any;

    Throttle(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    /** True (and counted) when an interval has passed since the last event; false otherwise. */
    boolean tryAcquire(long now) {
        if (any && now - last < intervalNanos) {
            return false;
        }
        mark(now);
        return true;
    }

    /** An event that happens regardless of the interval (a forced publication) still starts a new one. */
    void mark(long now) {
        last = now;
        any = true;
    }
}
