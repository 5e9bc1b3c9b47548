package org.seqlab.engine.model.transformer;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.engine.model.Parameters;
import org.seqlab.engine.model.Positional;
import org.seqlab.engine.model.Probe;
import org.seqlab.engine.model.Trace;
import org.seqlab.engine.model.layers.HostArray;
import org.seqlab.engine.model.layers.Linear;
import org.seqlab.engine.model.layers.Scratch;
import org.seqlab.engine.model.layers.ShapeCache;

/**
 * Multi-head causal self-attention (Vaswani et al. 2017), written as minGPT's {@code CausalSelfAttention}:
 * <pre>
 *   q, k, v = split(x W_qkv + b_qkv)               (B, T, 3D) → 3 × (B, nh, T, hs)
 *   att = q kᵀ / √hs + M                           (B, nh, T, hs) × (B, nh, hs, T) → (B, nh, T, T), M = −∞ above the diagonal
 *   att = softmax(att)                             row by row; exactly 0 above the diagonal
 *   y = att v                                      (B, nh, T, T) × (B, nh, T, hs) → (B, nh, T, hs)
 *   y = merge(y) W_o + b_o                         (B, T, D)
 * </pre>
 * All heads of all sequences go through one batched matrix product each ({@code Nd4j.matmul} on
 * [B·nh, T, ·]). Rows are batch-major ({@code n = b·T + t}).
 *
 * <p>Backward: {@code dv = attᵀ dy}, {@code datt = dy vᵀ}, the softmax's
 * {@code ds = att ⊙ (datt − Σ_j att ⊙ datt)} scaled by 1/√hs (zero above the diagonal), {@code dq = ds k},
 * {@code dk = dsᵀ q}; then the two linear maps.
 *
 * <p>Grouped-query attention (Ainslie et al. 2023; multi-query, Shazeer 2019, when n_kv = 1): only n_kv heads of keys
 * and values are computed, {@code x W_qkv} being (B, T, D + 2·n_kv·hs), and head h reads key/value head
 * h / (n_h / n_kv). The keys and values are copied out to every head of their group for the batched products, and
 * backward sums the group's gradients back into them. The cache holds n_kv heads: n_h / n_kv times smaller.
 *
 * <p>Positions inside attention ({@link org.seqlab.engine.model.Positional}): with ALiBi the scaled scores gain the
 * constant bias {@code −m_h·(t − j)} before the softmax (nothing changes in backward: a constant has no gradient);
 * with RoPE q and k are rotated after the split, {@code q'_t = R_t q_t}, and backward rotates dq' and dk' back,
 * {@code dq_t = R_tᵀ dq'_t} (R_t is orthogonal).
 *
 * <p>For generation, {@link #step} attends one new position to a cache of past keys and values.
 */
public final class CausalSelfAttention {

    private final int dim;
    private final int heads;
    /** Key/value heads, each shared by {@code group} query heads. */
    private final int kvHeads;
    private final int group;
    /** The width of all key (or value) heads together, n_kv · hs. */
    private final int kvDim;
    /** The causal mask; off only to inspect what the mask does (no backward pass follows an unmasked forward). */
    boolean causal = true;
    private final int headDim;
    private final double scale;
    private final Linear qkv;   // D → 3D
    private final Linear proj;  // D → D
    private final DataType dataType;
    private final ShapeCache<Buffers> buffers;
    /**
     * Java work arrays, transient within each call (nothing in them outlives it), so every attention layer of every
     * model on a thread shares one pair: a 4-block model's layers, and the models the lab keeps for undo, no longer hold
     * a pair each (B·n_h·T² doubles, 4 MB at B = 32, T = 64: lesson 09's scenes ran out of a 1 GB heap).
     */
    private static final ThreadLocal<Scratch> WORK = ThreadLocal.withInitial(Scratch::new);
    private static final ThreadLocal<Scratch> WORK2 = ThreadLocal.withInitial(Scratch::new);
    private Buffers last;
    /** ALiBi's slope per head, m_h = 2^(−8(h+1)/n_h); null without ALiBi. */
    private final double[] slopes;
    /** RoPE's angle per pair of a head's dimensions, θ_i = 10000^(−2i/d_k); null without RoPE. */
    private final double[] theta;

    /** Work arrays for one (T, B); the [B·nh, T, ·] views for the batched products are made once here. */
    private static final class Buffers {
        final int steps;
        final int batch;
        final HostArray q;         // [B·nh·T, hs], head-major: row (b·nh + h)·T + t
        final HostArray k;
        final HostArray v;
        final HostArray scores;    // raw q·kᵀ, then reused for ∂L/∂scores   [B·nh·T, T]
        final HostArray att;       // softmax                                [B·nh·T, T]
        final HostArray y;         // att v                                  [B·nh·T, hs]
        final HostArray merged;    // heads side by side                     [B·T, D]
        final HostArray dAtt;      //                                        [B·nh·T, T]
        final HostArray dy;        //                                        [B·nh·T, hs]
        final HostArray dq;
        final HostArray dk;
        final HostArray dv;
        final HostArray dQkv;      //                                        [B·T, 3D]
        final INDArray q3;
        final INDArray k3;
        final INDArray v3;
        final INDArray scores3;
        final INDArray att3;
        final INDArray y3;
        final INDArray dAtt3;
        final INDArray dy3;
        final INDArray dq3;
        final INDArray dk3;
        final INDArray dv3;

        Buffers(DataType dt, int steps, int batch, int dim, int heads, int kvDim) {
            this.steps = steps;
            this.batch = batch;
            int hs = dim / heads;
            long bh = (long) batch * heads;
            q = new HostArray(dt, bh * steps, hs);
            k = new HostArray(dt, bh * steps, hs);
            v = new HostArray(dt, bh * steps, hs);
            scores = new HostArray(dt, bh * steps, steps);
            att = new HostArray(dt, bh * steps, steps);
            y = new HostArray(dt, bh * steps, hs);
            merged = new HostArray(dt, (long) batch * steps, dim);
            dAtt = new HostArray(dt, bh * steps, steps);
            dy = new HostArray(dt, bh * steps, hs);
            dq = new HostArray(dt, bh * steps, hs);
            dk = new HostArray(dt, bh * steps, hs);
            dv = new HostArray(dt, bh * steps, hs);
            dQkv = new HostArray(dt, (long) batch * steps, dim + 2L * kvDim);
            q3 = q.array().reshape('c', bh, steps, hs);
            k3 = k.array().reshape('c', bh, steps, hs);
            v3 = v.array().reshape('c', bh, steps, hs);
            scores3 = scores.array().reshape('c', bh, steps, steps);
            att3 = att.array().reshape('c', bh, steps, steps);
            y3 = y.array().reshape('c', bh, steps, hs);
            dAtt3 = dAtt.array().reshape('c', bh, steps, steps);
            dy3 = dy.array().reshape('c', bh, steps, hs);
            dq3 = dq.array().reshape('c', bh, steps, hs);
            dk3 = dk.array().reshape('c', bh, steps, hs);
            dv3 = dv.array().reshape('c', bh, steps, hs);
        }
    }

    public CausalSelfAttention(Parameters params, String name, int dim, int heads, Positional positions) {
        this(params, name, dim, heads, heads, positions);
    }

    /** With {@code kvHeads} key/value heads shared by the {@code heads} query heads in equal groups. */
    public CausalSelfAttention(Parameters params, String name, int dim, int heads, int kvHeads,
            Positional positions) {
        this.dim = dim;
        this.heads = heads;
        this.headDim = dim / heads;
        this.kvHeads = kvHeads;
        this.group = heads / kvHeads;
        this.kvDim = kvHeads * headDim;
        this.slopes = positions == Positional.ALIBI ? alibiSlopes(heads) : null;
        if (positions == Positional.ROPE) {
            if (headDim % 2 != 0) {
                throw new IllegalArgumentException("RoPE rotates pairs of dimensions: a head's width (" + headDim + ") must be even");
            }
            theta = new double[headDim / 2];
            for (int i = 0; i < theta.length; i++) {
                theta[i] = Math.pow(10000, -2.0 * i / headDim);
            }
        } else {
            theta = null;
        }
        this.scale = 1.0 / Math.sqrt(headDim);
        this.qkv = new Linear(params, name + ".qkv", dim, dim + 2 * kvDim);
        this.proj = new Linear(params, name + ".proj", dim, dim);
        this.dataType = params.dataType();
        this.buffers = new ShapeCache<>(s -> new Buffers(dataType, (int) s[0], (int) s[1], dim, heads, kvDim));
    }

    /** m_h = 2^(−8(h+1)/n_h), h from 0: for 4 heads 1/4, 1/16, 1/64, 1/256 — each head looks back over its own range. */
    static double[] alibiSlopes(int heads) {
        double[] m = new double[heads];
        for (int h = 0; h < heads; h++) {
            m[h] = Math.pow(2, -8.0 * (h + 1) / heads);
        }
        return m;
    }

    /** ALiBi's bias for query t and key j in head h: −m_h·|t − j| (|·| only matters without the mask); 0 without ALiBi. */
    private double bias(int h, int t, int j) {
        return slopes == null ? 0 : -slopes[h] * Math.abs(t - j);
    }

    /**
     * Rotates rows of head-major {@code a} [B·nh·T, hs] in place by RoPE's angles, row (b·nh + h)·T + t by position t
     * (by −t when {@code back}: Rᵀ, for the gradient). No-op without RoPE.
     */
    private void rotate(HostArray a, int bh, int steps, boolean back) {
        Scratch work = WORK.get();
        if (theta == null) {
            return;
        }
        double[] x = work.of(bh * steps * headDim);
        a.read(0, x, 0, x.length);
        for (int row = 0; row < bh * steps; row++) {
            rotateRow(x, row * headDim, row % steps, back);
        }
        a.write(0, x, 0, x.length);
    }

    /** One vector of a head at {@code from}: each pair (2i, 2i+1) turned by t·θ_i (or back). */
    private void rotateRow(double[] x, int from, int t, boolean back) {
        for (int i = 0; i < theta.length; i++) {
            double angle = (back ? -t : t) * theta[i];
            double c = Math.cos(angle);
            double sn = Math.sin(angle);
            double a = x[from + 2 * i];
            double b = x[from + 2 * i + 1];
            x[from + 2 * i] = a * c - b * sn;
            x[from + 2 * i + 1] = a * sn + b * c;
        }
    }

    /** GPT-2: N(0, 0.02²), the output projection scaled down by √(2·layers) to keep the residual stream's variance. */
    public void initialize(SplittableRandom rng, int layers) {
        qkv.initializeNormal(rng, 0.02);
        proj.initializeNormal(rng, 0.02 / Math.sqrt(2.0 * layers));
    }

    public int heads() {
        return heads;
    }

    public int headDim() {
        return headDim;
    }

    public int kvHeads() {
        return kvHeads;
    }

    /** x [B·T, D] → y [B·T, D]. */
    public HostArray forward(HostArray x, int steps, int batch) {
        Buffers buf = buffers.get(steps, batch);
        long bh = (long) batch * heads;
        HostArray qkvRows = qkv.forward(x.array(), steps, batch);                   // (B·T, D + 2·n_kv·hs)
        splitQkv(qkvRows, batch, steps, buf);                                         // 3 × (B·nh, T, hs)
        rotate(buf.q, (int) bh, steps, false);                                        // RoPE: q' = R_t q
        rotate(buf.k, (int) bh, steps, false);
        // raw scores q kᵀ                                         (B·nh, T, hs) × (B·nh, hs, T) → (B·nh, T, T)
        Nd4j.matmul(buf.q3, buf.k3, buf.scores3, false, true, false);
        maskedSoftmax(buf.scores, buf.att, (int) bh, steps);
        // y = att v                                               (B·nh, T, T) × (B·nh, T, hs) → (B·nh, T, hs)
        Nd4j.matmul(buf.att3, buf.v3, buf.y3, false, false, false);
        merge(buf.merged, batch, steps, buf.y);                                  // (B·T, D)
        last = buf;
        return proj.forward(buf.merged.array(), steps, batch);                        // (B·T, D)
    }

    /**
     * Rows {@code n = b·T + t} of {@code rows} [B·T, D] hold the heads side by side:
     * {@code part[b, h, t, c] = rows[b·T + t, h·hs + c]}. Copies them head-major into {@code part} (the attention
     * output's gradient; q, k and v go through {@link #splitQkv}).
     */
    private void split(HostArray rows, int batch, int steps, HostArray part) {
        double[] r = WORK.get().of(batch * steps * dim);
        rows.read(0, r, 0, r.length);
        double[] out = WORK2.get().of(batch * heads * steps * headDim);
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                for (int t = 0; t < steps; t++) {
                    System.arraycopy(r, (b * steps + t) * dim + h * headDim, out, ((b * heads + h) * steps + t) * headDim, headDim);
                }
            }
        }
        part.write(0, out, 0, out.length);
    }

    /**
     * q, k and v from rows [B·T, D + 2·n_kv·hs] (q's heads, then the key heads, then the value heads), head-major;
     * head h's k and v are those of key/value head h / group.
     */
    private void splitQkv(HostArray rows, int batch, int steps, Buffers buf) {
        Scratch work = WORK.get();
        Scratch work2 = WORK2.get();
        int width = dim + 2 * kvDim;
        double[] r = work.of(batch * steps * width);
        rows.read(0, r, 0, r.length);
        double[] out = work2.of(batch * heads * steps * headDim);
        HostArray[] parts = {buf.q, buf.k, buf.v};
        for (int p = 0; p < 3; p++) {
            for (int b = 0; b < batch; b++) {
                for (int h = 0; h < heads; h++) {
                    int col = p == 0 ? h * headDim : dim + (p - 1) * kvDim + (h / group) * headDim;
                    for (int t = 0; t < steps; t++) {
                        System.arraycopy(r, (b * steps + t) * width + col, out, ((b * heads + h) * steps + t) * headDim, headDim);
                    }
                }
            }
            parts[p].write(0, out, 0, out.length);
        }
    }

    /** The adjoint of {@link #splitQkv}: dq per head; dk and dv summed over the heads that share a key/value head. */
    private void mergeQkv(HostArray rows, int batch, int steps, Buffers buf) {
        Scratch work = WORK.get();
        Scratch work2 = WORK2.get();
        int width = dim + 2 * kvDim;
        double[] out = work.of(batch * steps * width);
        Arrays.fill(out, 0);
        double[] in = work2.of(batch * heads * steps * headDim);
        HostArray[] parts = {buf.dq, buf.dk, buf.dv};
        for (int p = 0; p < 3; p++) {
            parts[p].read(0, in, 0, in.length);
            for (int b = 0; b < batch; b++) {
                for (int h = 0; h < heads; h++) {
                    int col = p == 0 ? h * headDim : dim + (p - 1) * kvDim + (h / group) * headDim;
                    for (int t = 0; t < steps; t++) {
                        int from = ((b * heads + h) * steps + t) * headDim;
                        int to = (b * steps + t) * width + col;
                        for (int c = 0; c < headDim; c++) {
                            out[to + c] += in[from + c];
                        }
                    }
                }
            }
        }
        rows.write(0, out, 0, out.length);
    }

    /** The inverse of {@link #split}: head-major {@code part} into rows [B·T, D]. */
    private void merge(HostArray rows, int batch, int steps, HostArray part) {
        double[] out = WORK.get().of(batch * steps * dim);
        double[] in = WORK2.get().of(batch * heads * steps * headDim);
        part.read(0, in, 0, in.length);
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                for (int t = 0; t < steps; t++) {
                    System.arraycopy(in, ((b * heads + h) * steps + t) * headDim, out, (b * steps + t) * dim + h * headDim, headDim);
                }
            }
        }
        rows.write(0, out, 0, out.length);
    }

    /**
     * att = softmax(scores / √hs + M) row by row, with M = −∞ above the diagonal (those weights are exactly 0). With
     * {@link #causal} off (inspection only: backward assumes the mask) every query reads every key.
     */
    private void maskedSoftmax(HostArray scores, HostArray att, int bh, int steps) {
        Scratch work = WORK.get();
        double[] s = work.of(bh * steps * steps);
        scores.read(0, s, 0, s.length);
        for (int row = 0; row < bh * steps; row++) {
            int t = row % steps;                       // the query's position
            int o = row * steps;
            int keys = causal ? t + 1 : steps;
            int h = (row / steps) % heads;
            for (int j = 0; j < keys; j++) {
                s[o + j] = s[o + j] * scale + bias(h, t, j);
            }
            softmax(s, o, keys);                       // over the keys j ≤ t
            for (int j = keys; j < steps; j++) {
                s[o + j] = 0;                          // the future is masked out
            }
        }
        att.write(0, s, 0, s.length);
    }

    /**
     * The softmax of {@code a[from .. from + n)} in place: exp(a_j − max) / Σ exp(a_i − max). Subtracting the
     * largest score first keeps every exponential ≤ 1, so nothing overflows. The one softmax of attention,
     * training and generation alike.
     */
    static void softmax(double[] a, int from, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = from; j < from + n; j++) {
            max = Math.max(max, a[j]);
        }
        double sum = 0;
        for (int j = from; j < from + n; j++) {
            a[j] = Math.exp(a[j] - max);
            sum += a[j];
        }
        for (int j = from; j < from + n; j++) {
            a[j] /= sum;
        }
    }

    /** dy [B·T, D] → dx [B·T, D]; fills the gradients of both linear maps. */
    public HostArray backward(HostArray dy) {
        Buffers buf = last;
        int steps = buf.steps;
        int batch = buf.batch;
        long bh = (long) batch * heads;
        HostArray dMerged = proj.backward(dy.array());                                // (B·T, D)
        split(dMerged, batch, steps, buf.dy);                                    // (B·nh, T, hs)
        // dv = attᵀ dy                                            (B·nh, T, T)ᵀ × (B·nh, T, hs)
        Nd4j.matmul(buf.att3, buf.dy3, buf.dv3, true, false, false);
        // datt = dy vᵀ                                            (B·nh, T, hs) × (B·nh, hs, T)
        Nd4j.matmul(buf.dy3, buf.v3, buf.dAtt3, false, true, false);
        softmaxBackward(buf, (int) bh, steps);
        // dq = ds k,  dk = dsᵀ q                                  (B·nh, T, T) × (B·nh, T, hs)
        Nd4j.matmul(buf.scores3, buf.k3, buf.dq3, false, false, false);
        Nd4j.matmul(buf.scores3, buf.q3, buf.dk3, true, false, false);
        rotate(buf.dq, (int) bh, steps, true);                                        // RoPE: dq = R_tᵀ dq'
        rotate(buf.dk, (int) bh, steps, true);
        mergeQkv(buf.dQkv, batch, steps, buf);                                        // (B·T, D + 2·n_kv·hs)
        return qkv.backward(buf.dQkv.array());                                        // (B·T, D)
    }

    /** ds = att ⊙ (datt − Σ_j att ⊙ datt) / √hs, into the scores buffer (the raw scores are no longer needed). */
    private void softmaxBackward(Buffers buf, int bh, int steps) {
        Scratch work = WORK.get();
        Scratch work2 = WORK2.get();
        double[] a = work.of(bh * steps * steps);
        double[] da = work2.of(a.length);
        buf.att.read(0, a, 0, a.length);
        buf.dAtt.read(0, da, 0, da.length);
        for (int row = 0; row < bh * steps; row++) {
            int t = row % steps;
            int o = row * steps;
            double dot = 0;
            for (int j = 0; j <= t; j++) {
                dot += a[o + j] * da[o + j];
            }
            for (int j = 0; j < steps; j++) {
                da[o + j] = j <= t ? a[o + j] * (da[o + j] - dot) * scale : 0;
            }
        }
        buf.scores.write(0, da, 0, da.length);
    }

    /**
     * Adds, for batch item 0 and every head h of this layer l, every {@link Probe.Stage} of {@link Probe.Attention}.
     * Call right after {@link #forward}, before {@link #backward} reuses the score buffer.
     */
    public void trace(Trace.Builder trace, int layer) {
        Buffers buf = last;
        int steps = buf.steps;
        int tt = steps * steps;
        for (int h = 0; h < heads; h++) {
            double[] raw = new double[tt];
            buf.scores.read((long) h * tt, raw, 0, tt);
            double[] scaled = new double[tt];
            double[] masked = new double[tt];
            for (int i = 0; i < tt; i++) {
                scaled[i] = raw[i] * scale + bias(h, i / steps, i % steps);
                masked[i] = i % steps > i / steps ? Double.NEGATIVE_INFINITY : scaled[i];
            }
            double[] att = new double[tt];
            buf.att.read((long) h * tt, att, 0, tt);
            int[] byKey = {steps, steps};
            int[] byDim = {steps, headDim};
            trace.put(new Probe.Attention(Probe.Stage.WEIGHTS, layer, h), byKey, att);
            trace.put(new Probe.Attention(Probe.Stage.RAW_SCORES, layer, h), byKey, raw);
            trace.put(new Probe.Attention(Probe.Stage.SCALED_SCORES, layer, h), byKey, scaled);
            trace.put(new Probe.Attention(Probe.Stage.MASKED_SCORES, layer, h), byKey, masked);
            trace.put(new Probe.Attention(Probe.Stage.QUERY, layer, h), byDim, slice(buf.q, h, steps));
            trace.put(new Probe.Attention(Probe.Stage.KEY, layer, h), byDim, slice(buf.k, h, steps));
            trace.put(new Probe.Attention(Probe.Stage.VALUE, layer, h), byDim, slice(buf.v, h, steps));
            trace.put(new Probe.Attention(Probe.Stage.OUTPUT, layer, h), byDim, slice(buf.y, h, steps));
        }
    }

    /** Rows of head h of batch item 0 (head-major rows start at h·T). */
    private double[] slice(HostArray a, int h, int steps) {
        double[] out = new double[steps * headDim];
        a.read((long) h * steps * headDim, out, 0, out.length);
        return out;
    }

    /**
     * Keys and values of every key/value head for every position generated so far, appended to in place; {@code length}
     * is how many positions are written (the newest state that uses the cache). {@code heads} counts key/value heads.
     */
    static final class Cache {
        final int batch;
        final int heads;
        final int headDim;
        final int capacity;
        int length;
        final double[] keys;   // [B, nh, capacity, hs]
        final double[] values;

        Cache(int batch, int heads, int headDim, int capacity) {
            this.batch = batch;
            this.heads = heads;
            this.headDim = headDim;
            this.capacity = capacity;
            this.keys = new double[batch * heads * capacity * headDim];
            this.values = new double[keys.length];
        }

        /** A new cache holding this one's first {@code n} positions (a state that is stepped again forks here). */
        Cache prefix(int n) {
            Cache c = new Cache(batch, heads, headDim, capacity);
            for (int b = 0; b < batch; b++) {
                for (int h = 0; h < heads; h++) {
                    System.arraycopy(keys, at(b, h, 0), c.keys, at(b, h, 0), n * headDim);
                    System.arraycopy(values, at(b, h, 0), c.values, at(b, h, 0), n * headDim);
                }
            }
            c.length = n;
            return c;
        }

        /** Position t's keys and values, every sequence and head, copied from {@code other}. */
        void copyPosition(Cache other, int t) {
            for (int b = 0; b < batch; b++) {
                for (int h = 0; h < heads; h++) {
                    System.arraycopy(other.keys, other.at(b, h, t), keys, at(b, h, t), headDim);
                    System.arraycopy(other.values, other.at(b, h, t), values, at(b, h, t), headDim);
                }
            }
        }

        int at(int b, int h, int t) {
            return ((b * heads + h) * capacity + t) * headDim;
        }
    }

    /** Copies the keys and values of the last forward (all T positions of every sequence) into an empty cache. */
    void fillCache(Cache cache) {
        Buffers buf = last;
        int steps = buf.steps;
        double[] k = new double[buf.batch * heads * steps * headDim];
        double[] v = new double[k.length];
        buf.k.read(0, k, 0, k.length);
        buf.v.read(0, v, 0, v.length);
        for (int b = 0; b < buf.batch; b++) {
            for (int g = 0; g < kvHeads; g++) {
                int from = (b * heads + g * group) * steps * headDim;  // head-major rows of the forward: the group's first head
                System.arraycopy(k, from, cache.keys, cache.at(b, g, 0), steps * headDim);
                System.arraycopy(v, from, cache.values, cache.at(b, g, 0), steps * headDim);
            }
        }
        cache.length = steps;
    }

    /**
     * One new position per sequence: x [B, D] → y [B, D], appending its key and value to {@code cache} and
     * attending to all cached positions (none are in the future, so no mask is needed).
     */
    HostArray step(HostArray x, int batch, Cache cache) {
        HostArray qkvRow = qkv.forward(x.array(), 1, batch);                         // (B, D + 2·n_kv·hs)
        int width = dim + 2 * kvDim;
        double[] r = new double[batch * width];
        qkvRow.read(0, r, 0, r.length);
        int t = cache.length;
        double[] out = new double[batch * dim];
        double[] w = new double[t + 1];
        for (int b = 0; b < batch; b++) {
            for (int g = 0; g < kvHeads; g++) {                                       // the new key and value of each shared head
                int ko = b * width + dim + g * headDim;
                if (theta != null) {
                    rotateRow(r, ko, t, false);                                       // RoPE: k turned by t
                }
                System.arraycopy(r, ko, cache.keys, cache.at(b, g, t), headDim);
                System.arraycopy(r, ko + kvDim, cache.values, cache.at(b, g, t), headDim);
            }
            for (int h = 0; h < heads; h++) {
                int qo = b * width + h * headDim;
                int g = h / group;
                if (theta != null) {
                    rotateRow(r, qo, t, false);                                       // RoPE: q turned by t
                }
                for (int j = 0; j <= t; j++) {
                    double s = 0;
                    int kj = cache.at(b, g, j);
                    for (int c = 0; c < headDim; c++) {
                        s += r[qo + c] * cache.keys[kj + c];                       // q · k_j
                    }
                    w[j] = s * scale + bias(h, t, j);
                }
                softmax(w, 0, t + 1);
                for (int j = 0; j <= t; j++) {
                    int vj = cache.at(b, g, j);
                    double a = w[j];
                    for (int c = 0; c < headDim; c++) {
                        out[b * dim + h * headDim + c] += a * cache.values[vj + c];  // Σ_j att_j v_j
                    }
                }
            }
        }
        HostArray merged = buffers.get(1, batch).merged;
        merged.write(0, out, 0, out.length);
        return proj.forward(merged.array(), 1, batch);
    }
}
