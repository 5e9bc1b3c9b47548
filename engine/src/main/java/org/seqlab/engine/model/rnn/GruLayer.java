package org.seqlab.engine.model.rnn;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.seqlab.engine.model.layers.Nonlinear.sigmoid;
import static org.seqlab.engine.model.layers.Nonlinear.tanh;

import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.engine.model.Parameters;
import org.seqlab.engine.model.Parameters.Tensor;
import org.seqlab.engine.model.Probe;
import org.seqlab.engine.model.Trace;
import org.seqlab.engine.model.layers.Blas;
import org.seqlab.engine.model.layers.HostArray;

import org.seqlab.engine.model.layers.ShapeCache;

/**
 * The gated recurrent unit (Cho et al. 2014), in PyTorch's form:
 *
 * <pre>
 *   r_t = σ(x_t W_xr + h_{t-1} W_hr + b_r)                reset gate
 *   z_t = σ(x_t W_xz + h_{t-1} W_hz + b_z)                update gate
 *   n_t = tanh(x_t W_xn + b_n + r_t ⊙ (h_{t-1} W_hn + b_hn))  candidate
 *   h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t-1}
 * </pre>
 *
 * The three input projections of all T steps are one GEMM ({@code Wx} [In, 3H], columns r | z | n); per step only
 * {@code h_{t-1} Wh} ({@code Wh} [H, 3H]) remains. Where z stays near 1 the state is carried over unchanged, and so
 * is the gradient, as along an LSTM's cell.
 *
 * <p>Backward, with {@code g = ∂L/∂h_t}: {@code ∂n = g ⊙ (1 − z)}, {@code ∂z = g ⊙ (h_{t-1} − n)},
 * {@code ∂a_n = ∂n ⊙ (1 − n²)}, {@code ∂r = ∂a_n ⊙ (h_{t-1} W_hn + b_hn)}, the gates' pre-activations
 * {@code ∂a_r = ∂r ⊙ r(1 − r)}, {@code ∂a_z = ∂z ⊙ z(1 − z)}; then {@code ∂h_{t-1} = g ⊙ z + [∂a_r | ∂a_z | ∂a_n ⊙ r] Whᵀ}.
 */
public final class GruLayer extends RecurrentWeights {

    private final Tensor bhn; // [H]: inside the reset gate's product
    private final ShapeCache<Buffers> buffers;

    private Buffers last;
    private HostArray lastX;
    private double[] gradNorms = new double[0];
    private double[] startGrad = new double[0];

    /** Work arrays for one (T, B), time-major rows t·B + b. */
    private static final class Buffers {
        final int steps;
        final int batch;
        final HostArray gx;     // x W_x + b [T*B, 3H]
        final HostArray gates;  // r | z | n after their nonlinearities [T*B, 3H]
        final HostArray hn;     // h_{t-1} W_hn + b_hn [T*B, H]
        final HostArray h;      // H [T*B, H]
        final HostArray hPrev;  // h_{t-1} [T*B, H] (row block 0 is the start state)
        final HostArray gh;     // h_{t-1} W_h for one step [B, 3H]
        final HostArray dGx;    // ∂L/∂(x W_x + b) [T*B, 3H]
        final HostArray dGh;    // ∂L/∂(h_{t-1} W_h) [T*B, 3H]
        final HostArray dhPrev; // [B, H]
        final HostArray dX;     // [T*B, In]
        final INDArray[] hPrevT;
        final INDArray[] dGhT;

        Buffers(DataType dt, int steps, int batch, int in, int hid) {
            this.steps = steps;
            this.batch = batch;
            long n = (long) steps * batch;
            gx = new HostArray(dt, n, 3L * hid);
            gates = new HostArray(dt, n, 3L * hid);
            hn = new HostArray(dt, n, hid);
            h = new HostArray(dt, n, hid);
            hPrev = new HostArray(dt, n, hid);
            gh = new HostArray(dt, batch, 3L * hid);
            dGx = new HostArray(dt, n, 3L * hid);
            dGh = new HostArray(dt, n, 3L * hid);
            dhPrev = new HostArray(dt, batch, hid);
            dX = new HostArray(dt, n, in);
            hPrevT = new INDArray[steps];
            dGhT = new INDArray[steps];
            for (int t = 0; t < steps; t++) {
                hPrevT[t] = hPrev.array().get(interval((long) t * batch, (long) (t + 1) * batch), all());
                dGhT[t] = dGh.array().get(interval((long) t * batch, (long) (t + 1) * batch), all());
            }
        }
    }

    public GruLayer(Parameters params, String name, int in, int hidden) {
        super(params, name, in, hidden, 3);
        this.bhn = params.add(name + ".bhn", hidden);
        DataType dt = params.dataType();
        this.buffers = new ShapeCache<>(s -> new Buffers(dt, (int) s[0], (int) s[1], in, hidden));
    }

    @Override
    public void initialize(SplittableRandom rng) {
        double bound = 1.0 / Math.sqrt(hid);   // PyTorch's GRU initialisation: every tensor U(−1/√H, 1/√H)
        Parameters.uniform(Wx, bound, rng);
        Parameters.uniform(Wh, bound, rng);
        Parameters.uniform(b, bound, rng);
        Parameters.uniform(bhn, bound, rng);
    }

    @Override
    public HostArray forward(HostArray x, int steps, int batch, LayerState start) {
        Buffers buf = buffers.get(steps, batch);
        int n = batch * hid;
        int n3 = 3 * n;
        // G_x = X W_x + b for all steps                              (T*B, In) x (In, 3H) -> (T*B, 3H)
        Blas.gemm(x.array(), Wx.value(), buf.gx.array(), false, false, 1.0, 0.0);
        buf.gx.array().addiRowVector(b.value());
        double[] hPrev = start != null ? start.h().clone() : new double[n];
        double[] gx = new double[n3];
        double[] gh = new double[n3];
        double[] gates = new double[n3];
        double[] hn = new double[n];
        double[] h = new double[n];
        double[] bh = bhn.value().toDoubleVector();
        for (int t = 0; t < steps; t++) {
            buf.hPrev.writeRows((long) t * batch, batch, hPrev);
            // G_h = h_{t-1} W_h                                         (B, H) x (H, 3H) -> (B, 3H)
            Blas.gemm(buf.hPrevT[t], Wh.value(), buf.gh.array(), false, false, 1.0, 0.0);
            buf.gh.read(0, gh, 0, n3);
            buf.gx.readRows((long) t * batch, batch, gx);
            for (int row = 0; row < batch; row++) {
                int o3 = row * 3 * hid;
                int o = row * hid;
                for (int k = 0; k < hid; k++) {
                    double r = sigmoid(gx[o3 + k] + gh[o3 + k]);
                    double z = sigmoid(gx[o3 + hid + k] + gh[o3 + hid + k]);
                    double hnk = gh[o3 + 2 * hid + k] + bh[k];
                    double cand = tanh(gx[o3 + 2 * hid + k] + r * hnk);
                    gates[o3 + k] = r;
                    gates[o3 + hid + k] = z;
                    gates[o3 + 2 * hid + k] = cand;
                    hn[o + k] = hnk;
                    h[o + k] = (1 - z) * cand + z * hPrev[o + k];     // h_t = (1 − z) ⊙ n + z ⊙ h_{t-1}
                }
            }
            buf.gates.writeRows((long) t * batch, batch, gates);
            buf.hn.writeRows((long) t * batch, batch, hn);
            buf.h.writeRows((long) t * batch, batch, h);
            System.arraycopy(h, 0, hPrev, 0, n);
        }
        last = buf;
        lastX = x;
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
        double[] g = new double[n];
        double[] dhNext = new double[n];
        double[] gates = new double[3 * n];
        double[] hn = new double[n];
        double[] hPrev = new double[n];
        double[] dgx = new double[3 * n];
        double[] dgh = new double[3 * n];
        double[] db = new double[3 * hid];
        double[] dbhn = new double[hid];
        gradNorms = new double[steps];
        for (int t = steps - 1; t >= 0; t--) {
            dH.readRows((long) t * batch, batch, g);
            buf.gates.readRows((long) t * batch, batch, gates);
            buf.hn.readRows((long) t * batch, batch, hn);
            buf.hPrev.readRows((long) t * batch, batch, hPrev);
            double norm = 0;
            for (int row = 0; row < batch; row++) {
                int o3 = row * 3 * hid;
                int o = row * hid;
                for (int k = 0; k < hid; k++) {
                    double gk = g[o + k] + dhNext[o + k];               // ∂L/∂h_t: from above and from step t+1
                    if (row == 0) {
                        norm += gk * gk;
                    }
                    double r = gates[o3 + k];
                    double z = gates[o3 + hid + k];
                    double cand = gates[o3 + 2 * hid + k];
                    double dan = gk * (1 - z) * (1 - cand * cand);     // ∂a_n
                    double dar = dan * hn[o + k] * r * (1 - r);        // ∂a_r
                    double daz = gk * (hPrev[o + k] - cand) * z * (1 - z); // ∂a_z
                    dgx[o3 + k] = dar;
                    dgx[o3 + hid + k] = daz;
                    dgx[o3 + 2 * hid + k] = dan;
                    dgh[o3 + k] = dar;
                    dgh[o3 + hid + k] = daz;
                    dgh[o3 + 2 * hid + k] = dan * r;                   // ∂(h_{t-1} W_hn + b_hn)
                    db[k] += dar;
                    db[hid + k] += daz;
                    db[2 * hid + k] += dan;
                    dbhn[k] += dan * r;
                    dhNext[o + k] = gk * z;                            // the direct path, z ⊙ h_{t-1}
                }
            }
            gradNorms[t] = Math.sqrt(norm);
            buf.dGx.writeRows((long) t * batch, batch, dgx);
            buf.dGh.writeRows((long) t * batch, batch, dgh);
            // ∂L/∂h_{t-1} += ∂G_h W_hᵀ                                  (B, 3H) x (3H, H) -> (B, H)
            buf.dhPrev.write(0, dhNext, 0, n);
            Blas.gemm(buf.dGhT[t], Wh.value(), buf.dhPrev.array(), false, true, 1.0, 1.0);
            buf.dhPrev.read(0, dhNext, 0, n);
        }
        startGrad = dhNext.clone();
        // dW_x = Xᵀ ∂G_x, dW_h = H_prevᵀ ∂G_h, db = Σ ∂G_x, db_hn = Σ ∂a_n ⊙ r
        Blas.gemm(lastX.array(), buf.dGx.array(), Wx.grad(), true, false, 1.0, 0.0);
        Blas.gemm(buf.hPrev.array(), buf.dGh.array(), Wh.grad(), true, false, 1.0, 0.0);
        b.grad().assign(Nd4j.create(db, new long[] {3L * hid}, b.grad().dataType()));
        bhn.grad().assign(Nd4j.create(dbhn, new long[] {hid}, bhn.grad().dataType()));
        // dX = ∂G_x W_xᵀ                                                (T*B, 3H) x (3H, In)
        Blas.gemm(buf.dGx.array(), Wx.value(), buf.dX.array(), false, true, 1.0, 0.0);
        return buf.dX;
    }

    /** ∂L/∂h_{-1} [B*H] of the last backward: what an encoder whose final state started this layer receives. */
    @Override
    public LayerState startGradient() {
        return new LayerState(startGrad.length / hid, hid, startGrad.clone(), null);
    }

    /** The final state of a GRU is its last h_T: its gradient joins ∂L/∂h_T from above. */
    @Override
    public HostArray backward(HostArray dH, LayerState dFinal) {
        int n = last.batch * hid;
        double[] rows = new double[n];
        long at = (long) (last.steps - 1) * last.batch;
        dH.readRows(at, last.batch, rows);
        for (int i = 0; i < n; i++) {
            rows[i] += dFinal.h()[i];
        }
        HostArray d = new HostArray(dH.array().dataType(), dH.rows(), dH.cols());
        d.array().assign(dH.array());
        d.writeRows(at, last.batch, rows);
        return backward(d);
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
}
