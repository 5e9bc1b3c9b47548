package org.seqlab.engine.train;

import java.util.Arrays;

/**
 * An immutable view of a growing series of (step, seconds, value) points, cheap to publish 30 times a
 * second: the trainer appends through a {@link Builder}, which only ever writes past the end of the views it
 * has handed out, so a view never changes and never needs copying.
 */
public final class Series {

    public static final Series EMPTY = new Series(new int[0], new float[0], new float[0], 0);

    private final int[] steps;
    private final float[] seconds;
    private final float[] values;
    private final int size;

    /** A series of these points (as saved). */
    public static Series of(int[] steps, float[] seconds, float[] values) {
        if (steps.length != seconds.length || steps.length != values.length) {
            throw new IllegalArgumentException("a series needs as many seconds and values as steps");
        }
        return steps.length == 0 ? EMPTY : new Series(steps.clone(), seconds.clone(), values.clone(), steps.length);
    }

    /** The points as arrays (for saving). */
    public int[] steps() {
        return Arrays.copyOf(steps, size);
    }

    public float[] secondsArray() {
        return Arrays.copyOf(seconds, size);
    }

    public float[] values() {
        return Arrays.copyOf(values, size);
    }

    private Series(int[] steps, float[] seconds, float[] values, int size) {
        this.steps = steps;
        this.seconds = seconds;
        this.values = values;
        this.size = size;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int step(int i) {
        check(i);
        return steps[i];
    }

    public double seconds(int i) {
        check(i);
        return seconds[i];
    }

    public double value(int i) {
        check(i);
        return values[i];
    }

    /** The points up to and including {@code step} (the series as it stood then). */
    public Series upTo(int step) {
        int n = 0;
        while (n < size && steps[n] <= step) {
            n++;
        }
        return n == size ? this : n == 0 ? EMPTY : new Series(steps, seconds, values, n);
    }

    /** The last value, or NaN when empty. */
    public double last() {
        return size == 0 ? Double.NaN : values[size - 1];
    }

    /** Mean of the last {@code n} values (a smoothed reading of a noisy training loss). */
    public double recentMean(int n) {
        if (size == 0) {
            return Double.NaN;
        }
        int from = Math.max(0, size - n);
        double s = 0;
        for (int i = from; i < size; i++) {
            s += values[i];
        }
        return s / (size - from);
    }

    private void check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i + " of " + size);
        }
    }

    /** Appends points; {@link #view()} hands out immutable prefixes. Confined to one thread. */
    public static final class Builder {
        private int[] steps = new int[256];
        private float[] seconds = new float[256];
        private float[] values = new float[256];
        private int size;

        public void add(int step, double secs, double value) {
            if (size == steps.length) {
                int n = size * 2;
                steps = Arrays.copyOf(steps, n);
                seconds = Arrays.copyOf(seconds, n);
                values = Arrays.copyOf(values, n);
            }
            steps[size] = step;
            seconds[size] = (float) secs;
            values[size] = (float) value;
            size++;
        }

        public int size() {
            return size;
        }

        /** Appends every point of a series (a saved history). */
        public void addAll(Series s) {
            for (int i = 0; i < s.size(); i++) {
                add(s.step(i), s.seconds(i), s.value(i));
            }
        }

        public Series view() {
            return size == 0 ? EMPTY : new Series(steps, seconds, values, size);
        }
    }
}
