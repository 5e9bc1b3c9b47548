package org.seqlab.engine.train;

/**
 * At most one event per interval, judged by the times it is given: the drivers of the engine thread pass {@code System.nanoTime()}, a
 * test passes the times it wants, so the rule is checked without a clock.
 */
public final class Throttle {

    private final long intervalNanos;
    private long last;
    private boolean any;

    public Throttle(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    /** True (and counted) when an interval has passed since the last event; false otherwise. */
    public boolean tryAcquire(long now) {
        if (any && now - last < intervalNanos) {
            return false;
        }
        mark(now);
        return true;
    }

    /** An event that happens regardless of the interval (a forced publication) still starts a new one. */
    public void mark(long now) {
        last = now;
        any = true;
    }
}
