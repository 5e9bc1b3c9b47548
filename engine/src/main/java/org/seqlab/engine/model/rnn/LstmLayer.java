package org.seqlab.engine.model.rnn;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.seqlab.engine.model.layers.Nonlinear.tanh;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.seqlab.engine.model.Parameters;
import org.seqlab.engine.model.Probe;
import org.seqlab.engine.model.Trace;
import org.seqlab.engine.model.layers.Blas;
import org.seqlab.engine.model.layers.HostArray;

import org.seqlab.engine.model.layers.Scratch;
import org.seqlab.engine.model.layers.ShapeCache;

/**
 * The LSTM cell (Hochreiter &amp; Schmidhuber 1997, with the forget gate of Gers et al. 2000):
 * <pre>
 *   z_t = x_t Wx + h_{t-1} Wh + b                 (B, 4H), gate order [i, f, o, g]
 *   i = σ(z_i)   f = σ(z_f)   o = σ(z_o)   g = tanh(z_g)
 *   c_t = f ⊙ c_{t-1} + i ⊙ g
 *   h_t = o ⊙ tanh(c_t)
 * </pre>
 * The input projection of all steps is one GEMM. Per step there is one GEMM ({@code h_{t-1} Wh}), one
 * ND4J sigmoid over the step's contiguous [B, 4H] block, and one Java loop for the rest of the cell,
 * reading and writing the step's rows in bulk (measured here: about 17 ND4J calls of 25–45 µs each replaced by
 * one call and a loop). The candidate's tanh(z_g) follows from σ(z_g) without another exponential
 * ({@link #tanhFromSigmoid}); exponentials are the loop's main cost.
 *
 * <p>Backward through time, per step, with {@code dh} = ∂L/∂h_t and {@code dc} = ∂L/∂c_t:
 * <pre>
 *   do = dh ⊙ tanh(c_t)              dc += dh ⊙ o ⊙ (1 − tanh²(c_t))
 *   di = dc ⊙ g    df = dc ⊙ c_{t-1}    dg = dc ⊙ i    dc_{t-1} = dc ⊙ f
 *   dz = [di·i(1−i), df·f(1−f), do·o(1−o), dg·(1−g²)]
 *   dh_{t-1} = dz Whᵀ
 * </pre>
 * and {@code dWx = Xᵀ dZ}, {@code dWh = H_prevᵀ dZ}, {@code db = Σ dZ}, {@code dX = dZ Wxᵀ}, one GEMM each.
 */
public final class LstmLayer extends RecurrentWeights {

    private final ShapeCache<Buffers> buffers;

    private Buffers last;
    private HostArray lastX;
    private boolean lastStartNonZero;
    private LayerState startGrad;
    // the cell's Java work arrays, reused from call to call (one Scratch per array alive at the same time: a
    // Scratch hands out one array per size); fresh ones were half a megabyte a training step
    private final Scratch wide = new Scratch();
    private final Scratch rowsA = new Scratch();
    private final Scratch rowsB = new Scratch();
    private final Scratch rowsC = new Scratch();
    private final Scratch rowsD = new Scratch();
    private final Scratch rowsE = new Scratch();
    private double[] gradNormsH = new double[0];
    private double[] gradNormsC = new double[0];

    private static final class Buffers {
        final int steps;
        final int batch;
        // time-major, as the recurrence walks it: row t·B + b holds sequence b at time t, so step t is one block
        final HostArray gates;  // Z, then the activations [i f o g]   [T*B, 4H]
        final HostArray c;      // c_t                                   [T*B, H]
        final HostArray tanhC;  // tanh(c_t)                             [T*B, H]
        final HostArray h;      // h_t                                   [T*B, H]
        final HostArray h0;     // h_{-1}                                [B, H]
        final double[] c0;      // c_{-1}                                [B*H]
        final HostArray dZ;     // ∂L/∂z                                 [T*B, 4H]
        final HostArray dhNext; // ∂L/∂h_{t-1} through time              [B, H]
        final HostArray dX;     //                                       [T*B, In]
        final INDArray[] gatesT;
        final INDArray[] hT;
        final INDArray[] dZT;
        final INDArray hPrevAll;
        final INDArray dZFrom1;

        Buffers(DataType dt, int steps, int batch, int in, int hid) {
            this.steps = steps;
            this.batch = batch;
            long rows = (long) steps * batch;
            gates = new HostArray(dt, rows, 4L * hid);
            c = new HostArray(dt, rows, hid);
            tanhC = new HostArray(dt, rows, hid);
            h = new HostArray(dt, rows, hid);
            h0 = new HostArray(dt, batch, hid);
            c0 = new double[batch * hid];
            dZ = new HostArray(dt, rows, 4L * hid);
            dhNext = new HostArray(dt, batch, hid);
            dX = new HostArray(dt, rows, in);
            gatesT = new INDArray[steps];
            hT = new INDArray[steps];
            dZT = new INDArray[steps];
            for (int t = 0; t < steps; t++) {
                long r0 = (long) t * batch;
                long r1 = (long) (t + 1) * batch;
                gatesT[t] = gates.array().get(interval(r0, r1), all());
                hT[t] = h.array().get(interval(r0, r1), all());
                dZT[t] = dZ.array().get(interval(r0, r1), all());
            }
            hPrevAll = steps > 1 ? h.array().get(interval(0, rows - batch), all()) : null;
            dZFrom1 = steps > 1 ? dZ.array().get(interval((long) batch, rows), all()) : null;
        }
    }

    public LstmLayer(Parameters params, String name, int in, int hidden) {
        super(params, name, in, hidden, 4);
        DataType dt = params.dataType();
        this.buffers = new ShapeCache<>(s -> new Buffers(dt, (int) s[0], (int) s[1], in, hidden));
    }

    /** U(±1/√fan-in) weights; forget-gate bias 1 so that early on the cell remembers (Gers et al.). */
    @Override
    public void initialize(SplittableRandom rng) {
        Parameters.uniform(Wx, 1.0 / Math.sqrt(in), rng);
        Parameters.uniform(Wh, 1.0 / Math.sqrt(hid), rng);
        b.value().assign(0);
        b.value().get(interval(hid, 2L * hid)).assign(1.0);
    }

    @Override
    public HostArray forward(HostArray x, int steps, int batch, LayerState start) {
        Buffers buf = buffers.get(steps, batch);
        int n = batch * hid;
        boolean startNonZero = start != null && !(allZero(start.h()) && allZero(start.c()));
        if (startNonZero) {
            buf.h0.write(0, start.h(), 0, n);
            System.arraycopy(start.c(), 0, buf.c0, 0, n);
        } else {
            Arrays.fill(buf.c0, 0);
        }
        // Z = X Wx + b for all steps at once                        (T*B, In) x (In, 4H) -> (T*B, 4H)
        Blas.gemm(x.array(), Wx.value(), buf.gates.array(), false, false, 1.0, 0.0);
        buf.gates.array().addiRowVector(b.value());

        double[] z = wide.of(4 * n);
        double[] cPrev = rowsA.of(n);
        System.arraycopy(buf.c0, 0, cPrev, 0, n);
        double[] c = rowsB.of(n);
        double[] tc = rowsC.of(n);
        double[] h = rowsD.of(n);
        for (int t = 0; t < steps; t++) {
            INDArray hPrev = t == 0 ? (startNonZero ? buf.h0.array() : null) : buf.hT[t - 1];
            if (hPrev != null) {
                // z_t += h_{t-1} Wh                                  (B, H) x (H, 4H) -> (B, 4H)
                Blas.gemm(hPrev, Wh.value(), buf.gatesT[t], false, false, 1.0, 1.0);
            }
            // σ over the whole contiguous block of step t, all four gates at once (one ND4J call)
            Transforms.sigmoid(buf.gatesT[t], false);
            buf.gates.readRows((long) t * batch, batch, z);
            for (int r = 0; r < batch; r++) {
                int zo = r * 4 * hid;
                int ho = r * hid;
                for (int j = 0; j < hid; j++) {
                    double i = z[zo + j];                                 // i = σ(z_i)
                    double f = z[zo + hid + j];                           // f = σ(z_f)
                    double o = z[zo + 2 * hid + j];                       // o = σ(z_o)
                    double g = tanhFromSigmoid(z[zo + 3 * hid + j]);      // g = tanh(z_g)
                    double ct = f * cPrev[ho + j] + i * g;                // c_t = f ⊙ c_{t-1} + i ⊙ g
                    double tct = tanh(ct);
                    z[zo + 3 * hid + j] = g;
                    c[ho + j] = ct;
                    tc[ho + j] = tct;
                    h[ho + j] = o * tct;                                  // h_t = o ⊙ tanh(c_t)
                }
            }
            buf.gates.writeRows((long) t * batch, batch, z);
            buf.c.writeRows((long) t * batch, batch, c);
            buf.tanhC.writeRows((long) t * batch, batch, tc);
            buf.h.writeRows((long) t * batch, batch, h);
            double[] swap = cPrev;
            cPrev = c;
            c = swap;
        }
        last = buf;
        lastX = x;
        lastStartNonZero = startNonZero;
        return buf.h;
    }

    @Override
    public LayerState finalState() {
        int n = last.batch * hid;
        double[] h = new double[n];
        double[] c = new double[n];
        long row = (long) (last.steps - 1) * last.batch;
        last.h.readRows(row, last.batch, h);
        last.c.readRows(row, last.batch, c);
        return new LayerState(last.batch, hid, h, c);
    }

    @Override
    public HostArray backward(HostArray dH) {
        return backward(dH, null);
    }

    /** ∂L/∂h_{-1} and ∂L/∂c_{-1} of the last backward: what an encoder whose final state started this layer receives. */
    @Override
    public LayerState startGradient() {
        return startGrad;
    }

    /** Backward through time with ∂L/∂h_T and ∂L/∂c_T arriving at the final state too (null: none). */
    @Override
    public HostArray backward(HostArray dH, LayerState dFinal) {
        Buffers buf = last;
        int steps = buf.steps;
        int batch = buf.batch;
        int n = batch * hid;
        double[] act = wide.of(4 * n); // i f o g of step t, then overwritten with dz
        double[] tc = rowsA.of(n);
        double[] cPrev = rowsB.of(n);
        double[] dh = rowsC.of(n);
        double[] dhNext = rowsD.of(n);
        double[] dcNext = rowsE.of(n);
        Arrays.fill(dcNext, 0.0);                    // nothing flows back into the last cell, unless a decoder started from it
        if (dFinal != null) {
            System.arraycopy(dFinal.c(), 0, dcNext, 0, n);
        }
        double[] db = new double[4 * hid];
        gradNormsH = new double[steps];
        gradNormsC = new double[steps];
        for (int t = steps - 1; t >= 0; t--) {
            long row = (long) t * batch;
            buf.gates.readRows(row, batch, act);
            buf.tanhC.readRows(row, batch, tc);
            if (t > 0) {
                buf.c.readRows(row - batch, batch, cPrev);
            } else {
                System.arraycopy(buf.c0, 0, cPrev, 0, n);
            }
            dH.readRows(row, batch, dh);
            if (dFinal != null && t == steps - 1) {
                for (int k = 0; k < n; k++) {
                    dh[k] += dFinal.h()[k];
                }
            }
            if (t < steps - 1) {
                buf.dhNext.read(0, dhNext, 0, n);
            }
            double normH = 0;
            double normC = 0;
            for (int r = 0; r < batch; r++) {
                int zo = r * 4 * hid;
                int ho = r * hid;
                for (int j = 0; j < hid; j++) {
                    int k = ho + j;
                    double i = act[zo + j];
                    double f = act[zo + hid + j];
                    double o = act[zo + 2 * hid + j];
                    double g = act[zo + 3 * hid + j];
                    double dht = dh[k] + (t < steps - 1 ? dhNext[k] : 0);  // from the output and from step t+1
                    double dOut = dht * tc[k];                               // ∂L/∂o
                    double dc = dcNext[k] + dht * o * (1 - tc[k] * tc[k]);   // ∂L/∂c_t
                    double di = dc * g;
                    double df = dc * cPrev[k];
                    double dg = dc * i;
                    dcNext[k] = dc * f;                                      // ∂L/∂c_{t-1}
                    act[zo + j] = di * i * (1 - i);                          // dz_i
                    act[zo + hid + j] = df * f * (1 - f);                    // dz_f
                    act[zo + 2 * hid + j] = dOut * o * (1 - o);              // dz_o
                    act[zo + 3 * hid + j] = dg * (1 - g * g);                // dz_g
                    db[j] += act[zo + j];                                    // db = Σ_{t,b} dz
                    db[hid + j] += act[zo + hid + j];
                    db[2 * hid + j] += act[zo + 2 * hid + j];
                    db[3 * hid + j] += act[zo + 3 * hid + j];
                    if (r == 0) {
                        normH += dht * dht;
                        normC += dc * dc;
                    }
                }
            }
            gradNormsH[t] = Math.sqrt(normH);
            gradNormsC[t] = Math.sqrt(normC);
            buf.dZ.writeRows(row, batch, act);
            if (t > 0) {
                // ∂L/∂h_{t-1} (through time) = dz_t Whᵀ               (B, 4H) x (4H, H) -> (B, H)
                Blas.gemm(buf.dZT[t], Wh.value(), buf.dhNext.array(), false, true, 1.0, 0.0);
            }
        }
        weightGradients(lastX.array(), buf.dZ.array(), buf.hPrevAll, buf.dZFrom1, steps, buf.h0.array(), buf.dZT[0], lastStartNonZero, db);
        // ∂L/∂h_{-1} = dz_0 Whᵀ and ∂L/∂c_{-1} = dc_0 ⊙ f_0 (left in dcNext by the loop)
        double[] dh0 = new double[n];
        INDArray tmp = Nd4j.create(buf.dZT[0].dataType(), batch, hid);
        Blas.gemm(buf.dZT[0], Wh.value(), tmp, false, true, 1.0, 0.0);
        System.arraycopy(tmp.reshape((long) n).toDoubleVector(), 0, dh0, 0, n);
        startGrad = new LayerState(batch, hid, dh0, dcNext.clone());
        // dX = dZ Wxᵀ                                                  (T*B, 4H) x (4H, In)
        Blas.gemm(buf.dZ.array(), Wx.value(), buf.dX.array(), false, true, 1.0, 0.0);
        return buf.dX;
    }

    @Override
    public double[] hiddenGradientNorms() {
        return gradNormsH.clone();
    }

    @Override
    public List<Probe> probes(int layer) {
        List<Probe> probes = new ArrayList<>();
        for (Probe.Gate gate : Probe.Gate.values()) {
            probes.add(new Probe.GateValues(gate, layer));
        }
        probes.add(new Probe.Cell(layer));
        probes.add(new Probe.Hidden(layer));
        probes.add(new Probe.GradientNorm(Probe.GradientOf.HIDDEN, layer));
        probes.add(new Probe.GradientNorm(Probe.GradientOf.CELL, layer));
        return probes;
    }

    @Override
    public void trace(Trace.Builder trace, int layer) {
        int[] shape = {last.steps, hid};
        for (Probe.Gate gate : Probe.Gate.values()) {   // the gate buffer's column blocks are i, f, o, g in this order
            trace.put(new Probe.GateValues(gate, layer), shape,
                    RecurrentTraces.item0(last.gates, last.steps, last.batch, hid, gate.ordinal() * hid));
        }
        trace.put(new Probe.Cell(layer), shape, RecurrentTraces.item0(last.c, last.steps, last.batch, hid));
        trace.put(new Probe.Hidden(layer), shape, RecurrentTraces.item0(last.h, last.steps, last.batch, hid));
    }

    @Override
    public void traceGradients(Trace.Builder trace, int layer) {
        trace.put(new Probe.GradientNorm(Probe.GradientOf.HIDDEN, layer), new int[] {gradNormsH.length}, gradNormsH);
        trace.put(new Probe.GradientNorm(Probe.GradientOf.CELL, layer), new int[] {gradNormsC.length}, gradNormsC);
    }

    /**
     * tanh(z) from s = σ(z), with no exponential: e^{−z} = (1−s)/s, so
     * tanh(z) = (1 − e^{−2z}) / (1 + e^{−2z}) = (2s − 1) / (s² + (1 − s)²).
     */
    static double tanhFromSigmoid(double s) {
        double q = 1 - s;
        return (2 * s - 1) / (s * s + q * q);
    }

    private static boolean allZero(double[] v) {
        if (v == null) {
            return true;
        }
        for (double x : v) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
