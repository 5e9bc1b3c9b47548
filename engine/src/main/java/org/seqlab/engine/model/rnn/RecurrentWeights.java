package org.seqlab.engine.model.rnn;

import org.seqlab.engine.model.Parameters;
import org.seqlab.engine.model.Parameters.Tensor;
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

    /** The hidden state after the last of {@code steps} steps, batch rows of H, from a time-major [T·B, H] array. */
    protected double[] lastStep(HostArray h, int steps, int batch) {
        double[] out = new double[batch * hid];
        h.readRows((long) (steps - 1) * batch, batch, out);
        return out;
    }
}
