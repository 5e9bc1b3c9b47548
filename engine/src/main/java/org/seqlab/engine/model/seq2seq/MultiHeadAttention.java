package org.seqlab.engine.model.seq2seq;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.seqlab.engine.model.Parameters;
import org.seqlab.engine.model.layers.HostArray;
import org.seqlab.engine.model.layers.Linear;

/**
 * Multi-head attention of queries over keys and values that may come from another sequence (Vaswani et al. 2017):
 *
 * <pre>
 *   Q = X_q W_Q,  K = X_kv W_K,  V = X_kv W_V                  split into H heads of d_h = D / H
 *   A_h = softmax(Q_h K_hᵀ / √d_h)   (causal: key j &gt; query t masked)
 *   out = [A_1 V_1 | … | A_H V_H] W_O
 * </pre>
 *
 * Self-attention passes the same rows as X_q and X_kv (bidirectional in an encoder, causal in a decoder);
 * cross-attention passes the decoder's rows as X_q and the encoder's output as X_kv. Rows are batch-major
 * ({@code b·T + t}). The score loops run over plain arrays (tens of positions); the projections are GEMMs.
 */
final class MultiHeadAttention {

    private final int dim;
    private final int heads;
    private final int dh;
    private final Linear q;
    private final Linear k;
    private final Linear v;
    private final Linear o;
    private final DataType dt;

    // the last forward
    private int tq;
    private int tk;
    private int batch;
    private boolean causal;
    private int[] firstKey;
    private double[] qv;
    private double[] kv;
    private double[] vv;
    private double[] a;   // [B][H][Tq][Tk]

    MultiHeadAttention(Parameters params, String name, int dim, int heads) {
        if (dim % heads != 0) {
            throw new IllegalArgumentException("the width (" + dim + ") must be a multiple of the heads (" + heads + ")");
        }
        this.dim = dim;
        this.heads = heads;
        this.dh = dim / heads;
        this.q = new Linear(params, name + ".q", dim, dim);
        this.k = new Linear(params, name + ".k", dim, dim);
        this.v = new Linear(params, name + ".v", dim, dim);
        this.o = new Linear(params, name + ".o", dim, dim);
        this.dt = params.dataType();
    }

    void initialize(SplittableRandom rng) {
        q.initialize(rng);
        k.initialize(rng);
        v.initialize(rng);
        o.initialize(rng);
    }

    /**
     * X_q [B*Tq, D], X_kv [B*Tk, D] → [B*Tq, D].
     *
     * @param firstKey per batch item, the first key that is not padding (a left-padded source); null for none
     */
    HostArray forward(HostArray xq, HostArray xkv, int tq, int tk, int batch, boolean causal, int[] firstKey) {
        this.firstKey = firstKey;
        this.tq = tq;
        this.tk = tk;
        this.batch = batch;
        this.causal = causal;
        qv = read(q.forward(xq.array(), tq, batch));
        kv = read(k.forward(xkv.array(), tk, batch));
        vv = read(v.forward(xkv.array(), tk, batch));
        a = new double[batch * heads * tq * tk];
        double[] ctx = new double[batch * tq * dim];
        double scale = 1 / Math.sqrt(dh);
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                for (int t = 0; t < tq; t++) {
                    int qi = (b * tq + t) * dim + h * dh;
                    int ai = ((b * heads + h) * tq + t) * tk;
                    int last = causal ? Math.min(t, tk - 1) : tk - 1;
                    int first = firstKey == null ? 0 : firstKey[b];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = first; j <= last; j++) {
                        int ki = (b * tk + j) * dim + h * dh;
                        double s = 0;
                        for (int c = 0; c < dh; c++) {
                            s += qv[qi + c] * kv[ki + c];
                        }
                        a[ai + j] = s * scale;                                    // q·k / √d_h
                        max = Math.max(max, a[ai + j]);
                    }
                    double sum = 0;
                    for (int j = first; j <= last; j++) {
                        a[ai + j] = Math.exp(a[ai + j] - max);
                        sum += a[ai + j];
                    }
                    for (int j = first; j <= last; j++) {
                        a[ai + j] /= sum;
                        int vi = (b * tk + j) * dim + h * dh;
                        for (int c = 0; c < dh; c++) {
                            ctx[qi + c] += a[ai + j] * vv[vi + c];                // Σ_j a_tj v_j
                        }
                    }
                }
            }
        }
        return o.forward(host(ctx, batch * tq).array(), tq, batch);
    }

    /** ∂L/∂out → {∂L/∂X_q, ∂L/∂X_kv}; for self-attention the caller adds the two. */
    HostArray[] backward(HostArray dOut) {
        double[] dCtx = read(o.backward(dOut.array()));
        double[] dq = new double[qv.length];
        double[] dk = new double[kv.length];
        double[] dv = new double[vv.length];
        double[] da = new double[tk];
        double scale = 1 / Math.sqrt(dh);
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                for (int t = 0; t < tq; t++) {
                    int qi = (b * tq + t) * dim + h * dh;
                    int ai = ((b * heads + h) * tq + t) * tk;
                    int last = causal ? Math.min(t, tk - 1) : tk - 1;
                    int first = firstKey == null ? 0 : firstKey[b];
                    double dot = 0;
                    for (int j = first; j <= last; j++) {
                        int vi = (b * tk + j) * dim + h * dh;
                        double g = 0;
                        for (int c = 0; c < dh; c++) {
                            g += dCtx[qi + c] * vv[vi + c];                       // ∂L/∂a_tj
                            dv[vi + c] += a[ai + j] * dCtx[qi + c];               // ∂L/∂v_j
                        }
                        da[j] = g;
                        dot += a[ai + j] * g;
                    }
                    for (int j = first; j <= last; j++) {
                        double ds = a[ai + j] * (da[j] - dot) * scale;            // through softmax and 1/√d_h
                        int ki = (b * tk + j) * dim + h * dh;
                        for (int c = 0; c < dh; c++) {
                            dq[qi + c] += ds * kv[ki + c];
                            dk[ki + c] += ds * qv[qi + c];
                        }
                    }
                }
            }
        }
        HostArray dXq = q.backward(host(dq, batch * tq).array());
        HostArray dXk = k.backward(host(dk, batch * tk).array());
        HostArray dXv = v.backward(host(dv, batch * tk).array());
        HostArray dXkv = new HostArray(dt, (long) batch * tk, dim);
        dXk.array().add(dXv.array(), dXkv.array());
        return new HostArray[] {dXq, dXkv};
    }

    /** The last forward's weights averaged over heads, [B][Tq][Tk] flattened; or one head's when {@code head} ≥ 0. */
    double[] weights(int head) {
        double[] out = new double[batch * tq * tk];
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                if (head >= 0 && h != head) {
                    continue;
                }
                for (int i = 0; i < tq * tk; i++) {
                    out[b * tq * tk + i] += a[(b * heads + h) * tq * tk + i] / (head >= 0 ? 1 : heads);
                }
            }
        }
        return out;
    }

    int heads() {
        return heads;
    }

    // ---- one query position at a time, against cached keys and values (decoding) ----

    /** X W_K (which = 'k') or X W_V ('v') or X W_Q ('q') of rows [N, D] → [N*D]. */
    double[] project(char which, HostArray x, int steps, int b) {
        Linear l = which == 'q' ? q : which == 'k' ? k : v;
        return read(l.forward(x.array(), steps, b));
    }

    /**
     * One query per row against that row's keys and values (all of them: the cache holds only the past).
     *
     * @param queries [B*D]
     * @param keys    per row, [n_b*D]
     * @param values  per row, [n_b*D]
     * @param weights filled per row with the head-averaged weights [n_b]
     * @return W_O applied to the heads' contexts, [B, D]
     */
    HostArray attendOne(double[] queries, double[][] keys, double[][] values, double[][] weights) {
        int b = keys.length;
        double[] ctx = new double[b * dim];
        double scale = 1 / Math.sqrt(dh);
        for (int i = 0; i < b; i++) {
            int n = keys[i].length / dim;
            weights[i] = new double[n];
            double[] w = new double[n];
            for (int h = 0; h < heads; h++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int c = 0; c < dh; c++) {
                        s += queries[i * dim + h * dh + c] * keys[i][j * dim + h * dh + c];
                    }
                    w[j] = s * scale;
                    max = Math.max(max, w[j]);
                }
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    w[j] = Math.exp(w[j] - max);
                    sum += w[j];
                }
                for (int j = 0; j < n; j++) {
                    w[j] /= sum;
                    weights[i][j] += w[j] / heads;
                    for (int c = 0; c < dh; c++) {
                        ctx[i * dim + h * dh + c] += w[j] * values[i][j * dim + h * dh + c];
                    }
                }
            }
        }
        return o.forward(host(ctx, b).array(), 1, b);
    }

    private HostArray host(double[] values, int rows) {
        HostArray h = new HostArray(dt, rows, dim);
        h.write(0, values, 0, values.length);
        return h;
    }

    private static double[] read(HostArray h) {
        double[] out = new double[(int) (h.rows() * h.cols())];
        h.read(0, out, 0, out.length);
        return out;
    }
}
