package org.seqlab.engine.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * All of a model's weights as views of one flat array, and their gradients as views of a second one.
 *
 * <p>Why flat: the optimiser then updates every weight with two ND4J calls, gradient clipping needs one
 * norm, and saving is one copy. Layers register their tensors while the model is built ({@link #add}),
 * then {@link #allocate} creates the two arrays and hands each layer its views.
 */
public final class Parameters {

    /** One named tensor: where it sits in the flat array and its shape. */
    public static final class Tensor {
        private final String name;
        private final long[] shape;
        private final long offset;
        private final long length;
        private INDArray value;
        private INDArray grad;

        private Tensor(String name, long[] shape, long offset) {
            this.name = name;
            this.shape = shape.clone();
            this.offset = offset;
            long n = 1;
            for (long s : shape) {
                n *= s;
            }
            this.length = n;
        }

        public String name() {
            return name;
        }

        public long[] shape() {
            return shape.clone();
        }

        public long length() {
            return length;
        }

        /** Where it starts in the flat array ({@link #toArray()}); its values follow in row-major order. */
        public long offset() {
            return offset;
        }

        /** The weights, a view of the flat parameter array. */
        public INDArray value() {
            if (value == null) {
                throw new IllegalStateException("parameters of " + name + " are not allocated yet");
            }
            return value;
        }

        /** The gradient of the loss with respect to {@link #value()}, a view of the flat gradient array. */
        public INDArray grad() {
            if (grad == null) {
                throw new IllegalStateException("gradients of " + name + " are not allocated yet");
            }
            return grad;
        }
    }

    private final DataType dataType;
    private final Map<String, Tensor> tensors = new LinkedHashMap<>();
    private long size;
    private INDArray flat;
    private INDArray flatGrad;

    public Parameters(DataType dataType) {
        this.dataType = dataType;
    }

    public DataType dataType() {
        return dataType;
    }

    /** Registers a tensor; its views exist after {@link #allocate}. */
    public Tensor add(String name, long... shape) {
        if (flat != null) {
            throw new IllegalStateException("cannot add " + name + " after allocation");
        }
        if (tensors.containsKey(name)) {
            throw new IllegalArgumentException("duplicate parameter " + name);
        }
        Tensor t = new Tensor(name, shape, size);
        tensors.put(name, t);
        size += t.length;
        return t;
    }

    /** Creates the flat value and gradient arrays (zeros) and the per-tensor views. */
    public void allocate() {
        flat = Nd4j.create(dataType, size);
        flatGrad = Nd4j.create(dataType, size);
        for (Tensor t : tensors.values()) {
            t.value = slice(flat, t);
            t.grad = slice(flatGrad, t);
        }
    }

    private static INDArray slice(INDArray flat, Tensor t) {
        INDArray v = flat.get(NDArrayIndex.interval(t.offset, t.offset + t.length));
        return v.reshape('c', t.shape);
    }

    public long size() {
        return size;
    }

    /** The flat weight array [P]; every tensor is a view of it. */
    public INDArray flat() {
        return flat;
    }

    /** The flat gradient array [P]. */
    public INDArray flatGradient() {
        return flatGrad;
    }

    public List<Tensor> tensors() {
        return Collections.unmodifiableList(new ArrayList<>(tensors.values()));
    }

    public Tensor tensor(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return t;
    }

    /** Fills a tensor with U(-bound, bound) from the given generator (reproducible, independent of ND4J's RNG). */
    public static void uniform(Tensor t, double bound, SplittableRandom rng) {
        double[] v = new double[(int) t.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (rng.nextDouble() * 2 - 1) * bound;
        }
        t.value().assign(Nd4j.create(v, t.shape, t.value().dataType()));
    }

    /** Fills a tensor with N(0, std²). */
    public static void normal(Tensor t, double std, SplittableRandom rng) {
        double[] v = new double[(int) t.length];
        for (int i = 0; i < v.length; i += 2) {
            // Box-Muller: two normals from two uniforms
            double u1 = 1.0 - rng.nextDouble();
            double u2 = rng.nextDouble();
            double r = Math.sqrt(-2 * Math.log(u1));
            v[i] = std * r * Math.cos(2 * Math.PI * u2);
            if (i + 1 < v.length) {
                v[i + 1] = std * r * Math.sin(2 * Math.PI * u2);
            }
        }
        t.value().assign(Nd4j.create(v, t.shape, t.value().dataType()));
    }

    /** Copies all weights out as doubles (for saving and for tests). */
    public double[] toArray() {
        return flat.toDoubleVector();
    }

    /** Replaces all weights. */
    public void assign(double[] values) {
        if (values.length != size) {
            throw new IllegalArgumentException("expected " + size + " weights, got " + values.length);
        }
        flat.assign(Nd4j.create(values, new long[] {size}, dataType));
    }
}
