package org.seqlab.engine.model.transformer;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.engine.model.Parameters;
import org.seqlab.engine.model.Parameters.Tensor;
import org.seqlab.engine.model.Positional;
import org.seqlab.engine.model.layers.HostArray;
import org.seqlab.engine.model.layers.Scratch;
import org.seqlab.engine.model.layers.ShapeCache;

/**
 * Adds where each token is to what it is: {@code x_t = e_t + P[t]}, with P either the fixed sinusoidal table
 * {@code P[pos, 2i] = sin(pos / 10000^{2i/d})}, {@code P[pos, 2i+1] = cos(pos / 10000^{2i/d})} or a learned
 * [context, D] parameter (whose gradient is {@code dP[t] = Σ_b dx_{b,t}}).
 */
public final class PositionalEncoding {

    private final Positional kind;
    private final int context;
    private final int dim;
    private final double[] table;   // sinusoidal: [context·D]
    private final Tensor learned;   // learned: [context, D]
    private final ShapeCache<HostArray> outputs;
    private final Scratch work = new Scratch();
    private int lastSteps;
    private int lastBatch;

    public PositionalEncoding(Parameters params, String name, Positional kind, int context, int dim) {
        this.kind = kind;
        this.context = context;
        this.dim = dim;
        if (kind == Positional.LEARNED) {
            this.learned = params.add(name + ".P", context, dim);
            this.table = null;
        } else {
            this.learned = null;
            this.table = kind == Positional.SINUSOIDAL ? sinusoids(context, dim) : new double[context * dim];   // none, ALiBi, RoPE: add zeros
        }
        DataType dt = params.dataType();
        this.outputs = new ShapeCache<>(s -> new HostArray(dt, s[0] * s[1], dim));
    }

    /** The table of Vaswani et al. (section 3.5). */
    public static double[] sinusoids(int positions, int dim) {
        double[] p = new double[positions * dim];
        for (int pos = 0; pos < positions; pos++) {
            for (int i = 0; i < dim; i += 2) {
                double angle = pos / Math.pow(10000, (double) i / dim);
                p[pos * dim + i] = Math.sin(angle);
                if (i + 1 < dim) {
                    p[pos * dim + i + 1] = Math.cos(angle);
                }
            }
        }
        return p;
    }

    public void initialize(SplittableRandom rng) {
        if (learned != null) {
            Parameters.normal(learned, 0.02, rng);
        }
    }

    public Positional kind() {
        return kind;
    }

    /** The table in use now, [context, D], row-major. */
    public double[] table() {
        return learned != null ? learned.value().reshape((long) context * dim).toDoubleVector() : table.clone();
    }

    public int context() {
        return context;
    }

    /** e [B·T, D] (batch-major rows) → e + P[t]; positions start at {@code offset}. */
    public HostArray forward(HostArray e, int steps, int batch, int offset) {
        if (offset + steps > context) {
            throw new IllegalArgumentException("positions up to " + (offset + steps) + " exceed the context of " + context);
        }
        double[] p = learned != null ? table() : table;   // a learned table is small (context × D); the sinusoids are read in place
        double[] x = work.of(steps * batch * dim);
        e.read(0, x, 0, x.length);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                int o = (b * steps + t) * dim;
                int po = (offset + t) * dim;
                for (int j = 0; j < dim; j++) {
                    x[o + j] += p[po + j];
                }
            }
        }
        HostArray out = outputs.get(steps, batch);
        out.write(0, x, 0, x.length);
        lastSteps = steps;
        lastBatch = batch;
        return out;
    }

    /** The gradient passes through unchanged to the embedding; a learned table also gets dP[t] = Σ_b dx_{b,t}. */
    public void backward(HostArray dx) {
        if (learned == null) {
            return;
        }
        double[] d = work.of(lastSteps * lastBatch * dim);
        dx.read(0, d, 0, d.length);
        double[] dp = new double[context * dim];
        for (int b = 0; b < lastBatch; b++) {
            for (int t = 0; t < lastSteps; t++) {
                for (int j = 0; j < dim; j++) {
                    dp[t * dim + j] += d[(b * lastSteps + t) * dim + j];
                }
            }
        }
        learned.grad().assign(Nd4j.create(dp, new long[] {context, dim}, learned.grad().dataType()));
    }
}
