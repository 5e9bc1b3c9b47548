package org.seqlab.engine.model.layers;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.engine.model.Parameters.Tensor;
import org.seqlab.engine.model.Parameters;

/**
 * Affine map {@code Y = X W + b}, one GEMM over all rows (all time steps at once).
 * Backward: {@code dW = Xᵀ dY}, {@code db = Σ_rows dY}, {@code dX = dY Wᵀ}.
 */
public final class Linear {

    private final int in;
    private final int out;
    private final Tensor W; // [in, out]
    private final Tensor b; // [out], or null without a bias
    // row-wise, so row order is the caller's: time-major (t·B + b) in recurrent models, batch-major (b·T + t) elsewhere
    private final ShapeCache<HostArray> outputs;
    private final ShapeCache<HostArray> inputGrads;
    private final RowSums biasGrad;
    private INDArray lastX;
    private long[] lastShape;

    public Linear(Parameters params, String name, int in, int out) {
        this(params, name, in, out, true);
    }

    /** @param bias whether it adds a bias (nanoGPT's {@code bias=False} models have none) */
    public Linear(Parameters params, String name, int in, int out, boolean bias) {
        this.in = in;
        this.out = out;
        this.W = params.add(name + ".W", in, out);
        this.b = bias ? params.add(name + ".b", out) : null;
        DataType dt = params.dataType();
        this.outputs = new ShapeCache<>(s -> new HostArray(dt, s[0] * s[1], out));
        this.inputGrads = new ShapeCache<>(s -> new HostArray(dt, s[0] * s[1], in));
        this.biasGrad = new RowSums(dt);
    }

    /** PyTorch's default: U(-1/√in, 1/√in) for W, zero bias. */
    public void initialize(SplittableRandom rng) {
        Parameters.uniform(W, 1.0 / Math.sqrt(in), rng);
        zeroBias();
    }

    private void zeroBias() {
        if (b != null) {
            b.value().assign(0);
        }
    }

    /**
     * PyTorch's default drawn block of columns by block, as if each block were a map of its own: a fused
     * W = [W_q | W_k | W_v] initialised exactly as three separate maps would be, drawn in that order.
     */
    public void initializeUniformBlocks(SplittableRandom rng, int... widths) {
        if (Arrays.stream(widths).sum() != out) {
            throw new IllegalArgumentException("blocks of " + Arrays.toString(widths) + " columns do not make " + out);
        }
        double bound = 1.0 / Math.sqrt(in);
        double[] w = new double[in * out];
        int from = 0;
        for (int width : widths) {
            for (int i = 0; i < in; i++) {
                for (int j = 0; j < width; j++) {
                    w[i * out + from + j] = (rng.nextDouble() * 2 - 1) * bound;
                }
            }
            from += width;
        }
        W.value().assign(Nd4j.create(w, new long[] {in, out}, W.value().dataType()));
        zeroBias();
    }

    /** N(0, std²) weights, zero bias (GPT-2's initialisation). */
    public void initializeNormal(SplittableRandom rng, double std) {
        Parameters.normal(W, std, rng);
        zeroBias();
    }

    public int in() {
        return in;
    }

    public int out() {
        return out;
    }

    /** X [N, in] → Y [N, out], N = T*B. */
    public HostArray forward(INDArray x, int steps, int batch) {
        HostArray y = outputs.get(steps, batch);
        Blas.gemm(x, W.value(), y.array(), false, false, 1.0, 0.0); // Y = X W      (N, in) x (in, out)
        if (b != null) {
            y.array().addiRowVector(b.value());                      // Y += b
        }
        lastX = x;
        lastShape = new long[] {steps, batch};
        return y;
    }

    /** dY [N, out] → dX [N, in]; fills dW and db. */
    public HostArray backward(INDArray dY) {
        Blas.gemm(lastX, dY, W.grad(), true, false, 1.0, 0.0);      // dW = Xᵀ dY  (in, N) x (N, out)
        if (b != null) {
            biasGrad.into(dY, b.grad());                             // db = Σ_n dY[n] = 1ᵀ dY
        }
        HostArray dX = inputGrads.get((int) lastShape[0], (int) lastShape[1]);
        Blas.gemm(dY, W.value(), dX.array(), false, true, 1.0, 0.0); // dX = dY Wᵀ  (N, out) x (out, in)
        return dX;
    }
}
