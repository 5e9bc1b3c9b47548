package org.seqlab.engine.model.rnn;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.engine.model.Parameters;
import org.seqlab.engine.model.Probe;
import org.seqlab.engine.model.Trace;
import org.seqlab.engine.model.layers.Blas;
import org.seqlab.engine.model.layers.HostArray;
import org.seqlab.engine.model.layers.Nonlinear;
import org.seqlab.engine.model.layers.ShapeCache;

/**
 * The vanilla (Elman) RNN cell, {@code h_t = tanh(W_xh x_t + W_hh h_{t-1} + b_h)}.
 *
 * <p>Rows are vectors here, so the code reads {@code h_t = tanh(x_t Wx + h_{t-1} Wh + b)} with
 * {@code Wx = W_xhᵀ} [In, H] and {@code Wh = W_hhᵀ} [H, H]. The input projection of all T steps is one GEMM;
 * only {@code h_{t-1} Wh} stays per step.
 *
 * <p>Backward through time: with {@code a_t} the pre-activation,
 * {@code ∂L/∂a_t = (∂L/∂h_t) ⊙ (1 − h_t²)}, {@code ∂L/∂h_{t-1} += (∂L/∂a_t) Whᵀ}, and the weight gradients
 * are sums over t, each one GEMM over all steps: {@code dWx = Xᵀ dA}, {@code dWh = H_{prev}ᵀ dA}.
 */
public final class RnnLayer extends RecurrentWeights {

    private final ShapeCache<Buffers> buffers;

    private Buffers last;
    private HostArray lastX;
    private boolean lastStartNonZero;
    private double[] gradNorms = new double[0];

    /** Work arrays for one (T, B); per-step views are made once here, not inside the loops. */
    private static final class Buffers {
        final int steps;
        final int batch;
        // time-major, as the recurrence walks it: row t·B + b holds sequence b at time t, so step t is one block
        final HostArray h;      // H [T*B, H]: pre-activation, then tanh in place
        final HostArray h0;     // h_{-1} [B, H]
        final HostArray dA;     // ∂L/∂a [T*B, H]
        final HostArray dhNext; // ∂L/∂h_{t-1} through time [B, H]
        final HostArray dX;     // [T*B, In]
        final INDArray[] hT;
        final INDArray[] dAT;
        final INDArray hPrevAll; // rows of h_0 .. h_{T-2}
        final INDArray dAFrom1;  // rows of dA_1 .. dA_{T-1}

        Buffers(DataType dt, int steps, int batch, int in, int hid) {
            this.steps = steps;
            this.batch = batch;
            h = new HostArray(dt, (long) steps * batch, hid);
            h0 = new HostArray(dt, batch, hid);
            dA = new HostArray(dt, (long) steps * batch, hid);
            dhNext = new HostArray(dt, batch, hid);
            dX = new HostArray(dt, (long) steps * batch, in);
            hT = new INDArray[steps];
            dAT = new INDArray[steps];
            for (int t = 0; t < steps; t++) {
                hT[t] = h.array().get(interval((long) t * batch, (long) (t + 1) * batch), all());
                dAT[t] = dA.array().get(interval((long) t * batch, (long) (t + 1) * batch), all());
            }
            hPrevAll = steps > 1 ? h.array().get(interval(0, (long) (steps - 1) * batch), all()) : null;
            dAFrom1 = steps > 1 ? dA.array().get(interval((long) batch, (long) steps * batch), all()) : null;
        }
    }

    public RnnLayer(Parameters params, String name, int in, int hidden) {
        super(params, name, in, hidden, 1);
        DataType dt = params.dataType();
        this.buffers = new ShapeCache<>(s -> new Buffers(dt, (int) s[0], (int) s[1], in, hidden));
    }

    @Override
    public void initialize(SplittableRandom rng) {
        Parameters.uniform(Wx, 1.0 / Math.sqrt(in), rng);
        Parameters.uniform(Wh, 1.0 / Math.sqrt(hid), rng);
        b.value().assign(0);
    }

    @Override
    public HostArray forward(HostArray x, int steps, int batch, LayerState start) {
        Buffers buf = buffers.get(steps, batch);
        boolean startNonZero = start != null && !allZero(start.h());
        if (startNonZero) {
            buf.h0.write(0, start.h(), 0, batch * hid);
        }
        // A = X Wx + b for all steps at once                        (T*B, In) x (In, H) -> (T*B, H)
        Blas.gemm(x.array(), Wx.value(), buf.h.array(), false, false, 1.0, 0.0);
        buf.h.array().addiRowVector(b.value());
        double[] a = new double[batch * hid];
        for (int t = 0; t < steps; t++) {
            INDArray hPrev = t == 0 ? (startNonZero ? buf.h0.array() : null) : buf.hT[t - 1];
            if (hPrev != null) {
                // a_t += h_{t-1} Wh                                  (B, H) x (H, H) -> (B, H)
                Blas.gemm(hPrev, Wh.value(), buf.hT[t], false, false, 1.0, 1.0);
            }
            // h_t = tanh(a_t), in place: one Java pass costs less than ND4J's tanh op at this size (50–70 µs a call)
            buf.h.readRows((long) t * batch, batch, a);
            for (int k = 0; k < a.length; k++) {
                a[k] = Nonlinear.tanh(a[k]);
            }
            buf.h.writeRows((long) t * batch, batch, a);
        }
        last = buf;
        lastX = x;
        lastStartNonZero = startNonZero;
        return buf.h;
    }

    @Override
    public LayerState finalState() {
        return new LayerState(last.batch, hid, lastStep(last.h, last.steps, last.batch), null);
    }

    @Override
    public HostArray backward(HostArray dH) {
        Buffers buf = last;
        int steps = buf.steps;
        int batch = buf.batch;
        int n = batch * hid;
        double[] dh = new double[n];
        double[] h = new double[n];
        double[] dhNext = new double[n];
        double[] db = new double[hid];
        gradNorms = new double[steps];
        for (int t = steps - 1; t >= 0; t--) {
            dH.readRows((long) t * batch, batch, dh);
            buf.h.readRows((long) t * batch, batch, h);
            if (t < steps - 1) {
                buf.dhNext.read(0, dhNext, 0, n);
            }
            double norm = 0;
            for (int k = 0; k < n; k++) {
                double g = dh[k] + (t < steps - 1 ? dhNext[k] : 0); // ∂L/∂h_t: from the output and from step t+1
                if (k < hid) {
                    norm += g * g;
                }
                dh[k] = g * (1 - h[k] * h[k]);                       // ∂L/∂a_t = ∂L/∂h_t ⊙ (1 − h_t²)
                db[k % hid] += dh[k];                                // db = Σ_{t,b} ∂L/∂a
            }
            gradNorms[t] = Math.sqrt(norm);
            buf.dA.writeRows((long) t * batch, batch, dh);
            if (t > 0) {
                // ∂L/∂h_{t-1} (through time) = ∂L/∂a_t Whᵀ            (B, H) x (H, H) -> (B, H)
                Blas.gemm(buf.dAT[t], Wh.value(), buf.dhNext.array(), false, true, 1.0, 0.0);
            }
        }
        weightGradients(lastX.array(), buf.dA.array(), buf.hPrevAll, buf.dAFrom1, steps, buf.h0.array(), buf.dAT[0], lastStartNonZero, db);
        // dX = dA Wxᵀ                                                  (T*B, H) x (H, In)
        Blas.gemm(buf.dA.array(), Wx.value(), buf.dX.array(), false, true, 1.0, 0.0);
        return buf.dX;
    }

    @Override
    public double[] hiddenGradientNorms() {
        return gradNorms.clone();
    }

    @Override
    public List<Probe> probes(int layer) {
        return List.of(new Probe.Hidden(layer), new Probe.GradientNorm(Probe.GradientOf.HIDDEN, layer));
    }

    @Override
    public void trace(Trace.Builder trace, int layer) {
        trace.put(new Probe.Hidden(layer), new int[] {last.steps, hid}, RecurrentTraces.item0(last.h, last.steps, last.batch, hid));
    }

    @Override
    public void traceGradients(Trace.Builder trace, int layer) {
        trace.put(new Probe.GradientNorm(Probe.GradientOf.HIDDEN, layer), new int[] {gradNorms.length}, gradNorms);
    }

    static boolean allZero(double[] v) {
        for (double x : v) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
