package org.seqlab.engine.model.layers;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.seqlab.engine.model.Parameters.Tensor;
import org.seqlab.engine.model.Parameters;

/**
 * Token embedding: row {@code x_n = E[token_n]} of a learned table. Its job is to turn a symbol id into a
 * vector the next layer can multiply.
 *
 * <p>Rows are time-major ({@code n = t*B + b}) like every layer after it.
 */
public final class Embedding {

    private final int vocab;
    private final int dim;
    private final Tensor E; // [V, D]
    // row-wise, so row order is the caller's: time-major (t·B + b) in recurrent models, batch-major (b·T + t) elsewhere
    private final ShapeCache<HostArray> outputs;
    private final Scratch work = new Scratch();
    private int[] tokens;
    private HostArray lastX;

    public Embedding(Parameters params, String name, int vocab, int dim) {
        this.vocab = vocab;
        this.dim = dim;
        this.E = params.add(name + ".E", vocab, dim);
        DataType dt = params.dataType();
        this.outputs = new ShapeCache<>(s -> new HostArray(dt, s[0] * s[1], dim));
    }

    public void initialize(SplittableRandom rng) {
        initialize(rng, 1.0);
    }

    /** N(0, std²) rows (GPT uses std 0.02). */
    public void initialize(SplittableRandom rng, double std) {
        Parameters.normal(E, std, rng);
    }

    /**
     * @param tokens time-major token ids, {@code T*B} of them
     * @return X [T*B, D], valid until the next forward at the same shape
     */
    public HostArray forward(int[] tokens, int steps, int batch) {
        HostArray x = outputs.get(steps, batch);
        double[] table = E.value().reshape((long) vocab * dim).toDoubleVector(); // [V*D], small
        double[] rows = work.of(tokens.length * dim);
        for (int n = 0; n < tokens.length; n++) {
            int tok = tokens[n];
            if (tok < 0 || tok >= vocab) {
                throw new IllegalArgumentException("token " + tok + " outside the vocabulary of " + vocab);
            }
            System.arraycopy(table, tok * dim, rows, n * dim, dim);
        }
        x.write(0, rows, 0, rows.length);
        this.tokens = tokens;
        this.lastX = x;
        return x;
    }

    /** dE[v] = Σ_{n: token_n = v} dX[n]. */
    public void backward(HostArray dX) {
        double[] dx = work.of(tokens.length * dim);
        dX.read(0, dx, 0, dx.length);
        double[] dE = new double[vocab * dim];
        for (int n = 0; n < tokens.length; n++) {
            int base = tokens[n] * dim;
            for (int j = 0; j < dim; j++) {
                dE[base + j] += dx[n * dim + j];
            }
        }
        E.grad().assign(org.nd4j.linalg.factory.Nd4j.create(dE, new long[] {vocab, dim}, E.grad().dataType()));
    }
}
