package org.seqlab.engine.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An immutable record of what a model computed, as plain arrays copied off ND4J, keyed by {@link Probe}s (each
 * knows its shape; {@link SequenceModel#probes()} lists what a family fills). Views read only Traces, never live
 * INDArrays.
 */
public final class Trace {

    /** One traced array: its shape and its values in row-major order. */
    public record Array(int[] shape, float[] data) {
        public Array {
            int n = 1;
            for (int s : shape) {
                n *= s;
            }
            if (n != data.length) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
            }
            shape = shape.clone();
            data = data.clone();
        }

        public int rows() {
            return shape[0];
        }

        public int cols() {
            return shape.length > 1 ? shape[1] : 1;
        }

        public float get(int row, int col) {
            return data[row * cols() + col];
        }

        public float get(int i) {
            return data[i];
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }

        /** A copy of the values. */
        @Override
        public float[] data() {
            return data.clone();
        }

        public float min() {
            float m = Float.POSITIVE_INFINITY;
            for (float v : data) {
                m = Math.min(m, v);
            }
            return m;
        }

        public float max() {
            float m = Float.NEGATIVE_INFINITY;
            for (float v : data) {
                m = Math.max(m, v);
            }
            return m;
        }

        public float maxAbs() {
            float m = 0;
            for (float v : data) {
                m = Math.max(m, Math.abs(v));
            }
            return m;
        }
    }

    public static final Trace EMPTY = new Trace(Map.of());

    private final Map<Probe, Array> arrays;

    private Trace(Map<Probe, Array> arrays) {
        this.arrays = Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
    }

    /** The probes this trace holds, in the order they were filled. */
    public Set<Probe> probes() {
        return arrays.keySet();
    }

    public boolean has(Probe probe) {
        return arrays.containsKey(probe);
    }

    public Array get(Probe probe) {
        Array a = arrays.get(probe);
        if (a == null) {
            throw new IllegalArgumentException("trace has no " + probe + " (it has " + arrays.keySet() + ")");
        }
        return a;
    }

    /** This trace and the other's entries together (the other wins on equal probes). */
    public Trace with(Trace other) {
        Map<Probe, Array> m = new LinkedHashMap<>(arrays);
        m.putAll(other.arrays);
        return new Trace(m);
    }

    public boolean isEmpty() {
        return arrays.isEmpty();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects arrays while a pass runs. */
    public static final class Builder {
        private final Map<Probe, Array> arrays = new LinkedHashMap<>();

        public Builder put(Probe probe, int[] shape, float[] data) {
            arrays.put(probe, new Array(shape, data));
            return this;
        }

        public Builder put(Probe probe, int[] shape, double[] data) {
            float[] f = new float[data.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) data[i];
            }
            return put(probe, shape, f);
        }

        public Trace build() {
            return new Trace(arrays);
        }
    }
}
