package org.seqlab.engine.model.rnn;

import java.util.List;
import java.util.SplittableRandom;
import org.seqlab.engine.model.Probe;
import org.seqlab.engine.model.Trace;
import org.seqlab.engine.model.layers.HostArray;

/**
 * One recurrent layer: its job is to take x_t and the previous state and return h_t, for every t of a
 * time-major block of rows ({@code n = t*B + b}).
 *
 * <p>Order of calls: {@link #forward}, then optionally {@link #backward} (gradient of that forward), then
 * {@link #finalState}, {@link #trace} or {@link #hiddenGradientNorms} to read what happened.
 */
public interface RecurrentLayer {

    int inputSize();

    int hiddenSize();

    void initialize(SplittableRandom rng);

    /**
     * @param x     X [T*B, In]
     * @param start the state before step 0, or null for zeros
     * @return H [T*B, H], valid until the next forward at the same shape
     */
    HostArray forward(HostArray x, int steps, int batch, LayerState start);

    /** The state after the last step of the last forward. */
    LayerState finalState();

    /**
     * @param dH ∂L/∂H [T*B, H] from the layer above (or the output projection)
     * @return ∂L/∂X [T*B, In]; the weights' gradients are written to their gradient views
     */
    HostArray backward(HostArray dH);

    /**
     * ∂L/∂h_{-1} [B*H] from the last backward: the gradient for whatever set the start state (an encoder's final
     * state, in an encoder–decoder). Layers that are never started from another layer's state need not say.
     */
    default LayerState startGradient() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not report the gradient of its start state");
    }

    /**
     * {@link #backward(HostArray)} with a gradient also arriving at the final state (∂L/∂h_T and, for an LSTM,
     * ∂L/∂c_T): what an encoder receives from the decoder its final state started.
     */
    default HostArray backward(HostArray dH, LayerState dFinal) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not take a gradient at its final state");
    }

    /** ‖∂L/∂h_t‖ of batch item 0 for every t, from the last backward (through the output and through time). */
    double[] hiddenGradientNorms();

    /** What {@link #trace} and {@link #traceGradients} fill for layer {@code layer}. */
    List<Probe> probes(int layer);

    /** Adds this layer's per-step quantities for batch item 0 of the last forward. */
    void trace(Trace.Builder trace, int layer);

    /** Adds gradient quantities of the last backward for batch item 0. */
    void traceGradients(Trace.Builder trace, int layer);
}
