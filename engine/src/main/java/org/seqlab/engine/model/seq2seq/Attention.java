package org.seqlab.engine.model.seq2seq;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.engine.model.Parameters;
import org.seqlab.engine.model.Parameters.Tensor;
import org.seqlab.engine.model.layers.Nonlinear;

/**
 * Attention of each decoder state over the encoder's states (Luong et al. 2015, after the decoder's recurrence):
 *
 * <pre>
 *   s_{t,j} = h_tᵀ e_j                           dot (Luong)
 *   s_{t,j} = vᵀ tanh(h_t W_q + e_j W_k)          additive (Bahdanau)
 *   a_{t,·} = softmax_j(s_{t,·})  over the source's real positions
 *   c_t     = Σ_j a_{t,j} e_j
 * </pre>
 *
 * States are rows, time-major: decoder row {@code t·B + b}, encoder row {@code j·B + b}; a source of length n
 * occupies the last n of the Ts encoder steps (left padding). The sizes are small (tens of steps), so the scores
 * and their gradients are loops over plain arrays; the projections are GEMMs.
 */
public final class Attention {

    /** How a decoder state and an encoder state are scored. */
    public enum Score {
        DOT("dot"), ADDITIVE("additive");

        private final String id;

        Score(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Score parse(String s) {
            for (Score v : values()) {
                if (v.id.equalsIgnoreCase(s.trim())) {
                    return v;
                }
            }
            throw new IllegalArgumentException("unknown attention '" + s + "'; choose additive or dot");
        }
    }

    private final Score score;
    private final int hid;
    private final Tensor Wq; // [H, H] (additive)
    private final Tensor Wk; // [H, H] (additive)
    private final Tensor v;  // [H]    (additive)

    // the last forward
    private int tt;
    private int ts;
    private int batch;
    private int[] lengths;
    private double[] hd;
    private double[] he;
    private double[] q;   // h W_q [Tt*B, H]
    private double[] k;   // e W_k [Ts*B, H]
    private double[] u;   // tanh(q_t + k_j) [B][Tt][Ts][H], flattened
    private double[] a;   // weights [B][Tt][Ts], flattened

    Attention(Parameters params, String name, Score score, int hidden) {
        this.score = score;
        this.hid = hidden;
        if (score == Score.ADDITIVE) {
            Wq = params.add(name + ".Wq", hidden, hidden);
            Wk = params.add(name + ".Wk", hidden, hidden);
            v = params.add(name + ".v", hidden);
        } else {
            Wq = null;
            Wk = null;
            v = null;
        }
    }

    void initialize(SplittableRandom rng) {
        if (score == Score.ADDITIVE) {
            Parameters.uniform(Wq, 1.0 / Math.sqrt(hid), rng);
            Parameters.uniform(Wk, 1.0 / Math.sqrt(hid), rng);
            Parameters.uniform(v, 1.0 / Math.sqrt(hid), rng);
        }
    }

    Score score() {
        return score;
    }

    /**
     * @param hd      decoder states [Tt*B*H]
     * @param he      encoder states [Ts*B*H]
     * @param lengths [B] real source lengths
     * @return the contexts c [Tt*B*H]
     */
    double[] forward(double[] hd, double[] he, int[] lengths, int tt, int ts, int batch, DataType dt) {
        this.tt = tt;
        this.ts = ts;
        this.batch = batch;
        this.lengths = lengths;
        this.hd = hd;
        this.he = he;
        int h = hid;
        if (score == Score.ADDITIVE) {
            q = project(hd, tt * batch, Wq, dt);
            k = project(he, ts * batch, Wk, dt);
            u = new double[batch * tt * ts * h];
        }
        double[] vv = score == Score.ADDITIVE ? v.value().toDoubleVector() : null;
        a = new double[batch * tt * ts];
        double[] ctx = new double[tt * batch * h];
        for (int b = 0; b < batch; b++) {
            int first = ts - lengths[b];
            for (int t = 0; t < tt; t++) {
                int qi = (t * batch + b) * h;
                int ai = (b * tt + t) * ts;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = first; j < ts; j++) {
                    int ki = (j * batch + b) * h;
                    double s = 0;
                    if (score == Score.DOT) {
                        s = dot(hd, qi, he, ki, h);                               // h_tᵀ e_j
                    } else {
                        int ui = ((b * tt + t) * ts + j) * h;
                        for (int c = 0; c < h; c++) {
                            double x = Nonlinear.tanh(q[qi + c] + k[ki + c]);          // tanh(h_t W_q + e_j W_k)
                            u[ui + c] = x;
                            s += vv[c] * x;                                       // vᵀ ·
                        }
                    }
                    a[ai + j] = s;
                    max = Math.max(max, s);
                }
                double sum = 0;
                for (int j = first; j < ts; j++) {
                    a[ai + j] = Math.exp(a[ai + j] - max);
                    sum += a[ai + j];
                }
                for (int j = first; j < ts; j++) {
                    a[ai + j] /= sum;                                             // softmax over real positions
                    int ki = (j * batch + b) * h;
                    for (int c = 0; c < h; c++) {
                        ctx[qi + c] += a[ai + j] * he[ki + c];                    // c_t = Σ_j a_tj e_j
                    }
                }
            }
        }
        return ctx;
    }

    /**
     * @param dCtx ∂L/∂c [Tt*B*H]
     * @param dHd  ∂L/∂h, added to [Tt*B*H]
     * @param dHe  ∂L/∂e, added to [Ts*B*H]
     */
    void backward(double[] dCtx, double[] dHd, double[] dHe, DataType dt) {
        int h = hid;
        double[] dq = score == Score.ADDITIVE ? new double[tt * batch * h] : null;
        double[] dk = score == Score.ADDITIVE ? new double[ts * batch * h] : null;
        double[] vv = score == Score.ADDITIVE ? v.value().toDoubleVector() : null;
        double[] dv = score == Score.ADDITIVE ? new double[h] : null;
        double[] da = new double[ts];
        for (int b = 0; b < batch; b++) {
            int first = ts - lengths[b];
            for (int t = 0; t < tt; t++) {
                int qi = (t * batch + b) * h;
                int ai = (b * tt + t) * ts;
                double dot = 0;
                for (int j = first; j < ts; j++) {
                    int ki = (j * batch + b) * h;
                    double g = dot(dCtx, qi, he, ki, h);                      // ∂L/∂a_tj = ∂L/∂c_t · e_j
                    double aj = a[ai + j];
                    for (int c = 0; c < h; c++) {
                        dHe[ki + c] += aj * dCtx[qi + c];                         // e_j as a value
                    }
                    da[j] = g;
                    dot += a[ai + j] * g;
                }
                for (int j = first; j < ts; j++) {
                    double ds = a[ai + j] * (da[j] - dot);                        // through the softmax
                    int ki = (j * batch + b) * h;
                    if (score == Score.DOT) {
                        for (int c = 0; c < h; c++) {
                            dHd[qi + c] += ds * he[ki + c];
                            dHe[ki + c] += ds * hd[qi + c];                       // e_j as a key
                        }
                    } else {
                        int ui = ((b * tt + t) * ts + j) * h;
                        for (int c = 0; c < h; c++) {
                            double x = u[ui + c];
                            dv[c] += ds * x;
                            double dPre = ds * vv[c] * (1 - x * x);
                            dq[qi + c] += dPre;
                            dk[ki + c] += dPre;
                        }
                    }
                }
            }
        }
        if (score == Score.ADDITIVE) {
            // W_q: dW = Hᵀ dQ and dH += dQ W_qᵀ; the same for the keys
            backProject(hd, dq, tt * batch, Wq, dHd, dt);
            backProject(he, dk, ts * batch, Wk, dHe, dt);
            v.grad().assign(Nd4j.create(dv, new long[] {h}, v.grad().dataType()));
        }
    }

    /** The weights of the last forward, [B][Tt][Ts] flattened (zero on padding). */
    double[] weights() {
        return a.clone();
    }

    private double[] project(double[] x, int rows, Tensor w, DataType dt) {
        INDArray xa = Nd4j.create(x, new long[] {rows, hid}, dt);
        return xa.mmul(w.value()).reshape((long) rows * hid).toDoubleVector();
    }

    private void backProject(double[] x, double[] dy, int rows, Tensor w, double[] dx, DataType dt) {
        INDArray xa = Nd4j.create(x, new long[] {rows, hid}, dt);
        INDArray dya = Nd4j.create(dy, new long[] {rows, hid}, dt);
        w.grad().assign(xa.transpose().mmul(dya));
        double[] add = dya.mmul(w.value().transpose()).reshape((long) rows * hid).toDoubleVector();
        for (int i = 0; i < add.length; i++) {
            dx[i] += add[i];
        }
    }

    /**
     * xᵀy over n entries from the offsets, in four running sums. Why: one sum is a chain of dependent additions, each
     * waiting for the last (about 1.3 ns an entry here); four chains run side by side, and this product is most of the
     * attentive encoder–decoder's forward and backward.
     */
    static double dot(double[] x, int xo, double[] y, int yo, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int c = 0;
        for (; c + 3 < n; c += 4) {
            s0 += x[xo + c] * y[yo + c];
            s1 += x[xo + c + 1] * y[yo + c + 1];
            s2 += x[xo + c + 2] * y[yo + c + 2];
            s3 += x[xo + c + 3] * y[yo + c + 3];
        }
        for (; c < n; c++) {
            s0 += x[xo + c] * y[yo + c];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
