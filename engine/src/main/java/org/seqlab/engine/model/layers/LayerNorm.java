package org.seqlab.engine.model.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.engine.model.Parameters.Tensor;
import org.seqlab.engine.model.Parameters;

/**
 * Layer normalisation (Ba, Kiros &amp; Hinton 2016) over the last axis of each row:
 * {@code x̂ = (x − μ) / √(σ² + ε)}, {@code y = γ ⊙ x̂ + β}.
 *
 * <p>Backward, with {@code g = dy ⊙ γ} and means over the row's D features:
 * {@code dx = (g − mean(g) − x̂ · mean(g ⊙ x̂)) / √(σ² + ε)}, {@code dγ = Σ_rows dy ⊙ x̂}, {@code dβ = Σ_rows dy}.
 * One Java pass each way over the rows, read and written in bulk.
 */
public final class LayerNorm {

    static final double EPS = 1e-5;

    private final int dim;
    private final Tensor gamma; // [D]
    private final Tensor beta;  // [D], or null without a bias
    // row-wise, so row order is the caller's: time-major (t·B + b) in recurrent models, batch-major (b·T + t) elsewhere
    private final ShapeCache<HostArray> outputs;
    private final ShapeCache<HostArray> inputGrads;
    private final Scratch xhatScratch = new Scratch();
    private final Scratch rstdScratch = new Scratch();
    private final Scratch work = new Scratch();
    private double[] xhat;   // [N*D] of the last forward
    private double[] rstd;   // [N]
    private int lastSteps;
    private int lastBatch;

    public LayerNorm(Parameters params, String name, int dim) {
        this(params, name, dim, true);
    }

    /** @param bias whether it adds β (nanoGPT's {@code bias=False} LayerNorms have only γ) */
    public LayerNorm(Parameters params, String name, int dim, boolean bias) {
        this.dim = dim;
        this.gamma = params.add(name + ".gamma", dim);
        this.beta = bias ? params.add(name + ".beta", dim) : null;
        DataType dt = params.dataType();
        this.outputs = new ShapeCache<>(s -> new HostArray(dt, s[0] * s[1], dim));
        this.inputGrads = new ShapeCache<>(s -> new HostArray(dt, s[0] * s[1], dim));
    }

    /** γ = 1, β = 0: the identity on normalised rows. */
    public void initialize() {
        gamma.value().assign(1);
        if (beta != null) {
            beta.value().assign(0);
        }
    }

    /** x [N, D] → y [N, D]. */
    public HostArray forward(HostArray x, int steps, int batch) {
        int n = steps * batch;
        double[] v = work.of(n * dim);
        x.read(0, v, 0, v.length);
        double[] g = gamma.value().toDoubleVector();
        double[] b = beta != null ? beta.value().toDoubleVector() : new double[dim];
        xhat = xhatScratch.of(n * dim);
        rstd = rstdScratch.of(n);
        for (int r = 0; r < n; r++) {
            int o = r * dim;
            double mean = 0;
            for (int j = 0; j < dim; j++) {
                mean += v[o + j];
            }
            mean /= dim;
            double var = 0;
            for (int j = 0; j < dim; j++) {
                double d = v[o + j] - mean;
                var += d * d;
            }
            var /= dim;
            double rs = 1.0 / Math.sqrt(var + EPS);
            rstd[r] = rs;
            for (int j = 0; j < dim; j++) {
                double xh = (v[o + j] - mean) * rs;          // x̂ = (x − μ)/√(σ² + ε)
                xhat[o + j] = xh;
                v[o + j] = g[j] * xh + b[j];                 // y = γ ⊙ x̂ + β
            }
        }
        HostArray y = outputs.get(steps, batch);
        y.write(0, v, 0, v.length);
        lastSteps = steps;
        lastBatch = batch;
        return y;
    }

    /** dy [N, D] → dx [N, D]; fills dγ and dβ. */
    public HostArray backward(HostArray dy) {
        int n = lastSteps * lastBatch;
        double[] d = work.of(n * dim);
        dy.read(0, d, 0, d.length);
        double[] g = gamma.value().toDoubleVector();
        double[] dGamma = new double[dim];
        double[] dBeta = new double[dim];
        for (int r = 0; r < n; r++) {
            int o = r * dim;
            double meanG = 0;
            double meanGx = 0;
            for (int j = 0; j < dim; j++) {
                double gj = d[o + j] * g[j];                 // g = dy ⊙ γ
                dGamma[j] += d[o + j] * xhat[o + j];
                dBeta[j] += d[o + j];
                meanG += gj;
                meanGx += gj * xhat[o + j];
            }
            meanG /= dim;
            meanGx /= dim;
            for (int j = 0; j < dim; j++) {
                double gj = d[o + j] * g[j];
                d[o + j] = rstd[r] * (gj - meanG - xhat[o + j] * meanGx);
            }
        }
        gamma.grad().assign(Nd4j.create(dGamma, new long[] {dim}, gamma.grad().dataType()));
        if (beta != null) {
            beta.grad().assign(Nd4j.create(dBeta, new long[] {dim}, beta.grad().dataType()));
        }
        HostArray dx = inputGrads.get(lastSteps, lastBatch);
        dx.write(0, d, 0, d.length);
        return dx;
    }
}
