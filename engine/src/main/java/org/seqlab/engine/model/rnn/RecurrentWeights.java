package org.seqlab.engine.model.rnn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.engine.model.Parameters;
import org.seqlab.engine.model.Parameters.Tensor;
import org.seqlab.engine.model.layers.Blas;
import org.seqlab.engine.model.layers.HostArray;

/**
 * What the RNN, GRU and LSTM layers share: an input projection {@code Wx} [In, G·H], a recurrent one {@code Wh}
 * [H, G·H] and a bias {@code b} [G·H] for their G blocks (1 for the RNN, the GRU's r | z | n, the LSTM's i | f | g | o),
 * registered as {@code name.Wx}, {@code name.Wh}, {@code name.b}; and reading the last step's hidden state back.
 */
abstract class RecurrentWeights implements RecurrentLayer {

    protected final int in;
    protected final int hid;
    protected final Tensor Wx; // [In, G·H]
    protected final Tensor Wh; // [H, G·H]
    protected final Tensor b;  // [G·H]

    RecurrentWeights(Parameters params, String name, int in, int hidden, int blocks) {
        this.in = in;
        this.hid = hidden;
        this.Wx = params.add(name + ".Wx", in, (long) blocks * hidden);
        this.Wh = params.add(name + ".Wh", hidden, (long) blocks * hidden);
        this.b = params.add(name + ".b", (long) blocks * hidden);
    }

    @Override
    public int inputSize() {
        return in;
    }

    @Override
    public int hiddenSize() {
        return hid;
    }

    /**
     * The weights' gradients once the pre-activations' gradient dZ [T·B, G·H] is known:
     * dWx = Xᵀ dZ, dWh = Σ_t h_{t−1}ᵀ dz_t (the start state's term only when it was not zero), db = {@code db}.
     *
     * @param hPrevAll h_0 … h_{T−2} [(T−1)·B, H], and {@code dZFrom1} dz_1 … dz_{T−1}, as views into the layer's buffers
     */
    protected void weightGradients(INDArray x, INDArray dZ, INDArray hPrevAll, INDArray dZFrom1, int steps, INDArray h0,
            INDArray dZ0, boolean startNonZero, double[] db) {
        // dWx = Xᵀ dZ                                                  (In, T*B) x (T*B, G·H)
        Blas.gemm(x, dZ, Wx.grad(), true, false, 1.0, 0.0);
        // dWh = Σ_t h_{t-1}ᵀ dz_t                                      (H, (T-1)*B) x ((T-1)*B, G·H)
        if (steps > 1) {
            Blas.gemm(hPrevAll, dZFrom1, Wh.grad(), true, false, 1.0, 0.0);
        } else {
            Wh.grad().assign(0);
        }
        if (startNonZero) {
            Blas.gemm(h0, dZ0, Wh.grad(), true, false, 1.0, 1.0);
        }
        b.grad().assign(Nd4j.create(db, new long[] {db.length}, b.grad().dataType()));
    }

    /** The hidden state after the last of {@code steps} steps, batch rows of H, from a time-major [T·B, H] array. */
    protected double[] lastStep(HostArray h, int steps, int batch) {
        double[] out = new double[batch * hid];
        h.readRows((long) (steps - 1) * batch, batch, out);
        return out;
    }
}
