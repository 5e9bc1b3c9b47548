package org.seqlab.engine.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An immutable record of what a model computed, as plain arrays copied off ND4J, keyed by documented names.
 * Views read only Traces, never live INDArrays.
 *
 * <p>Names used by the recurrent families (all for batch item 0, time along the first axis):
 * <ul>
 *   <li>{@code h.layer<l>} [T, H]: hidden state h_t of layer l</li>
 *   <li>{@code c.layer<l>} [T, H]: LSTM cell state c_t</li>
 *   <li>{@code gate.i.layer<l>}, {@code gate.f…}, {@code gate.o…} [T, H]: LSTM gates in (0, 1);
 *       {@code gate.g…} [T, H]: the candidate in (−1, 1)</li>
 *   <li>{@code grad.h.layer<l>} [T]: ‖∂L/∂h_t‖ from {@link SequenceModel#backward()}</li>
 *   <li>{@code grad.c.layer<l>} [T]: ‖∂L/∂c_t‖ (LSTM)</li>
 *   <li>{@code logprob} [T]: log p(target_t) in nats</li>
 * </ul>
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

    private final Map<String, Array> arrays;

    private Trace(Map<String, Array> arrays) {
        this.arrays = Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
    }

    public Set<String> names() {
        return arrays.keySet();
    }

    public boolean has(String name) {
        return arrays.containsKey(name);
    }

    public Array get(String name) {
        Array a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("trace has no " + name + " (it has " + arrays.keySet() + ")");
        }
        return a;
    }

    /** This trace and the other's entries together (the other wins on equal names). */
    public Trace with(Trace other) {
        Map<String, Array> m = new LinkedHashMap<>(arrays);
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
        private final Map<String, Array> arrays = new LinkedHashMap<>();

        public Builder put(String name, int[] shape, float[] data) {
            arrays.put(name, new Array(shape, data));
            return this;
        }

        public Builder put(String name, int[] shape, double[] data) {
            float[] f = new float[data.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) data[i];
            }
            return put(name, shape, f);
        }

        public Trace build() {
            return new Trace(arrays);
        }
    }
}
