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
 * Multi-head attention (Vaswani et al. 2017), the one attention layer of every Transformer in SeqLab: the decoder-only
 * model's causal self-attention (written as minGPT's {@code CausalSelfAttention}), and the encoder–decoder's
 * bidirectional self-attention in the encoder, causal self-attention and cross-attention in the decoder.
 * <pre>
 *   self:   q, k, v = split(x W_qkv + b_qkv)           (B, T, 3D) → 3 × (B, nh, T, hs)
 *   cross:  q = split(x W_q + b_q),  k, v = split(m W_kv + b_kv)      queries from x (B, Tq, D), keys and values
 *                                                                      from another sequence m (B, Tk, D)
 *   att = q kᵀ / √hs + M                               (B, nh, Tq, hs) × (B, nh, hs, Tk) → (B, nh, Tq, Tk)
 *   att = softmax(att)                                 row by row over the keys M lets through; exactly 0 elsewhere
 *   y = att v                                          (B, nh, Tq, Tk) × (B, nh, Tk, hs) → (B, nh, Tq, hs)
 *   y = merge(y) W_o + b_o                             (B, Tq, D)
 * </pre>
 * The mask M is −∞ above the diagonal when the layer is causal (key j &gt; query t), and before each sequence's first
 * real key when its keys are left-padded (an encoder–decoder's sources of unequal length). All heads of all
 * sequences go through one batched matrix product each ({@code Nd4j.matmul} on [B·nh, T, ·]). Rows are batch-major
 * ({@code n = b·T + t}).
 *
 * <p>Backward: {@code dv = attᵀ dy}, {@code datt = dy vᵀ}, the softmax's
 * {@code ds = att ⊙ (datt − Σ_j att ⊙ datt)} scaled by 1/√hs (zero where masked), {@code dq = ds k},
 * {@code dk = dsᵀ q}; then the linear maps. Self-attention's one map sums the three gradients into dx; cross-attention
 * returns dx for the queries and keeps dm for the keys and values ({@link #memoryGradient}).
 *
 * <p>Grouped-query attention (Ainslie et al. 2023; multi-query, Shazeer 2019, when n_kv = 1): only n_kv heads of keys
 * and values are computed, {@code x W_qkv} being (B, T, D + 2·n_kv·hs), and head h reads key/value head
 * h / (n_h / n_kv). The keys and values are copied out to every head of their group for the batched products, and
 * backward sums the group's gradients back into them. The cache holds n_kv heads: n_h / n_kv times smaller.
 *
 * <p>Positions inside attention ({@link org.seqlab.engine.model.Positional}), self-attention only: with ALiBi the
 * scaled scores gain the constant bias {@code −m_h·(t − j)} before the softmax (nothing changes in backward: a
 * constant has no gradient); with RoPE q and k are rotated after the split, {@code q'_t = R_t q_t}, and backward
 * rotates dq' and dk' back, {@code dq_t = R_tᵀ dq'_t} (R_t is orthogonal).
 *
 * <p>For generation, {@link #step} attends one new position to a {@link Cache} of past keys and values (self), and
 * {@link #attend} one query per sequence to a {@link Memory} of another sequence's keys and values (cross).
 */
public final class MultiHeadAttention {

    private final int dim;
    private final int heads;
    /** Key/value heads, each shared by {@code group} query heads. */
    private final int kvHeads;
    private final int group;
    /** The width of all key (or value) heads together, n_kv · hs. */
    private final int kvDim;
    /**
     * The causal mask. A causal layer may switch it off only to inspect what the mask does (no backward pass follows
     * an unmasked forward).
     */
    boolean causal;
    private final boolean cross;
    private final int headDim;
    private final double scale;
    private final Linear qkv;   // self: D → D + 2·n_kv·hs;  cross: null
    private final Linear q;     // cross: D → D (the queries' rows)
    private final Linear kv;    // cross: D → 2·n_kv·hs (the other sequence's rows)
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

    /** Work arrays for one (Tq, Tk, B); the [B·nh, T, ·] views for the batched products are made once here. */
    private static final class Buffers {
        final int steps;           // Tq
        final int keySteps;        // Tk (= Tq in self-attention)
        final int batch;
        int[] firstKey;            // per sequence, its first key that is not padding; null: none is padding
        final HostArray q;         // [B·nh·Tq, hs], head-major: row (b·nh + h)·Tq + t
        final HostArray k;         // [B·nh·Tk, hs]
        final HostArray v;
        final HostArray scores;    // raw q·kᵀ, then reused for ∂L/∂scores   [B·nh·Tq, Tk]
        final HostArray att;       // softmax                                [B·nh·Tq, Tk]
        final HostArray y;         // att v                                  [B·nh·Tq, hs]
        final HostArray merged;    // heads side by side                     [B·Tq, D]
        final HostArray dAtt;      //                                        [B·nh·Tq, Tk]
        final HostArray dy;        //                                        [B·nh·Tq, hs]
        final HostArray dq;
        final HostArray dk;        //                                        [B·nh·Tk, hs]
        final HostArray dv;
        final HostArray dQ;        // self: [B·T, D + 2·n_kv·hs];  cross: [B·Tq, D]
        final HostArray dKv;       // cross: [B·Tk, 2·n_kv·hs];  self: null
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

        Buffers(DataType dt, int steps, int keySteps, int batch, int dim, int heads, int kvDim, boolean cross) {
            this.steps = steps;
            this.keySteps = keySteps;
            this.batch = batch;
            int hs = dim / heads;
            long bh = (long) batch * heads;
            q = new HostArray(dt, bh * steps, hs);
            k = new HostArray(dt, bh * keySteps, hs);
            v = new HostArray(dt, bh * keySteps, hs);
            scores = new HostArray(dt, bh * steps, keySteps);
            att = new HostArray(dt, bh * steps, keySteps);
            y = new HostArray(dt, bh * steps, hs);
            merged = new HostArray(dt, (long) batch * steps, dim);
            dAtt = new HostArray(dt, bh * steps, keySteps);
            dy = new HostArray(dt, bh * steps, hs);
            dq = new HostArray(dt, bh * steps, hs);
            dk = new HostArray(dt, bh * keySteps, hs);
            dv = new HostArray(dt, bh * keySteps, hs);
            dQ = new HostArray(dt, (long) batch * steps, cross ? dim : dim + 2L * kvDim);
            dKv = cross ? new HostArray(dt, (long) batch * keySteps, 2L * kvDim) : null;
            q3 = q.array().reshape('c', bh, steps, hs);
            k3 = k.array().reshape('c', bh, keySteps, hs);
            v3 = v.array().reshape('c', bh, keySteps, hs);
            scores3 = scores.array().reshape('c', bh, steps, keySteps);
            att3 = att.array().reshape('c', bh, steps, keySteps);
            y3 = y.array().reshape('c', bh, steps, hs);
            dAtt3 = dAtt.array().reshape('c', bh, steps, keySteps);
            dy3 = dy.array().reshape('c', bh, steps, hs);
            dq3 = dq.array().reshape('c', bh, steps, hs);
            dk3 = dk.array().reshape('c', bh, keySteps, hs);
            dv3 = dv.array().reshape('c', bh, keySteps, hs);
        }
    }

    /** Causal self-attention with n_h key/value heads: the decoder-only Transformer's. */
    public MultiHeadAttention(Parameters params, String name, int dim, int heads, Positional positions) {
        this(params, name, dim, heads, heads, positions);
    }

    /** Causal self-attention with {@code kvHeads} key/value heads shared by the {@code heads} query heads in equal groups. */
    public MultiHeadAttention(Parameters params, String name, int dim, int heads, int kvHeads, Positional positions) {
        this(params, name, dim, heads, kvHeads, positions, true, false, true);
    }

    /** The same, its projections with or without biases (nanoGPT's {@code bias=False}). */
    public MultiHeadAttention(Parameters params, String name, int dim, int heads, int kvHeads, Positional positions, boolean bias) {
        this(params, name, dim, heads, kvHeads, positions, true, false, bias);
    }

    /** Self-attention, bidirectional (an encoder's) or causal (a decoder's), positions added outside. */
    public static MultiHeadAttention self(Parameters params, String name, int dim, int heads, boolean causal) {
        return new MultiHeadAttention(params, name, dim, heads, heads, Positional.SINUSOIDAL, causal, false, true);
    }

    /** Cross-attention: queries from one sequence, keys and values from another (a decoder reading its encoder). */
    public static MultiHeadAttention cross(Parameters params, String name, int dim, int heads) {
        return new MultiHeadAttention(params, name, dim, heads, heads, Positional.SINUSOIDAL, false, true, true);
    }

    private MultiHeadAttention(Parameters params, String name, int dim, int heads, int kvHeads, Positional positions,
            boolean causal, boolean cross, boolean bias) {
        if (dim % heads != 0) {
            throw new IllegalArgumentException("the width (" + dim + ") must be a multiple of the heads (" + heads + ")");
        }
        this.dim = dim;
        this.heads = heads;
        this.headDim = dim / heads;
        this.kvHeads = kvHeads;
        this.group = heads / kvHeads;
        this.kvDim = kvHeads * headDim;
        this.causal = causal;
        this.cross = cross;
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
        if (cross) {
            this.qkv = null;
            this.q = new Linear(params, name + ".q", dim, dim, bias);
            this.kv = new Linear(params, name + ".kv", dim, 2 * kvDim, bias);
        } else {
            this.qkv = new Linear(params, name + ".qkv", dim, dim + 2 * kvDim, bias);
            this.q = null;
            this.kv = null;
        }
        this.proj = new Linear(params, name + ".proj", dim, dim, bias);
        this.dataType = params.dataType();
        this.buffers = new ShapeCache<>(s -> new Buffers(dataType, (int) (s[0] >> 16), (int) (s[0] & 0xFFFF), (int) s[1], dim,
                heads, kvDim, cross));
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
        if (theta == null) {
            return;
        }
        double[] x = WORK.get().of(bh * steps * headDim);
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
        if (cross) {
            q.initializeNormal(rng, 0.02);
            kv.initializeNormal(rng, 0.02);
        } else {
            qkv.initializeNormal(rng, 0.02);
        }
        proj.initializeNormal(rng, 0.02 / Math.sqrt(2.0 * layers));
    }

    /**
     * PyTorch's {@code nn.Linear} default for each of W_q, W_k, W_v and W_o, drawn in that order as four maps of their
     * own (as {@code nn.MultiheadAttention}'s separate projections would be): U(−1/√D, 1/√D), zero biases.
     */
    public void initializeUniform(SplittableRandom rng) {
        if (cross) {
            q.initializeUniformBlocks(rng, dim);
            kv.initializeUniformBlocks(rng, kvDim, kvDim);
        } else {
            qkv.initializeUniformBlocks(rng, dim, kvDim, kvDim);
        }
        proj.initializeUniformBlocks(rng, dim);
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

    /** Self-attention: x [B·T, D] → y [B·T, D]. */
    public HostArray forward(HostArray x, int steps, int batch) {
        return forward(x, steps, batch, null);
    }

    /**
     * Self-attention over left-padded sequences: sequence b's keys before {@code firstKey[b]} are masked out (null:
     * none are). x [B·T, D] → y [B·T, D].
     */
    public HostArray forward(HostArray x, int steps, int batch, int[] firstKey) {
        requireKind(false);
        Buffers buf = buffers(steps, steps, batch, firstKey);
        long bh = (long) batch * heads;
        HostArray qkvRows = qkv.forward(x.array(), steps, batch);                     // (B·T, D + 2·n_kv·hs)
        int width = dim + 2 * kvDim;
        double[] r = WORK.get().of(batch * steps * width);
        qkvRows.read(0, r, 0, r.length);
        toHeads(r, width, 0, 1, steps, batch, buf.q);                                  // 3 × (B·nh, T, hs)
        toHeads(r, width, dim, group, steps, batch, buf.k);
        toHeads(r, width, dim + kvDim, group, steps, batch, buf.v);
        rotate(buf.q, (int) bh, steps, false);                                          // RoPE: q' = R_t q
        rotate(buf.k, (int) bh, steps, false);
        return attend(buf);
    }

    /**
     * Cross-attention: queries x [B·Tq, D] read keys and values of {@code memory} [B·Tk, D], sequence b's from
     * {@code firstKey[b]} on (null: all) → [B·Tq, D].
     */
    public HostArray forward(HostArray x, HostArray memory, int steps, int keySteps, int batch, int[] firstKey) {
        requireKind(true);
        Buffers buf = buffers(steps, keySteps, batch, firstKey);
        HostArray qRows = q.forward(x.array(), steps, batch);                           // (B·Tq, D)
        double[] r = WORK.get().of(batch * steps * dim);
        qRows.read(0, r, 0, r.length);
        toHeads(r, dim, 0, 1, steps, batch, buf.q);
        HostArray kvRows = kv.forward(memory.array(), keySteps, batch);                 // (B·Tk, 2·n_kv·hs)
        double[] m = WORK.get().of(batch * keySteps * 2 * kvDim);
        kvRows.read(0, m, 0, m.length);
        toHeads(m, 2 * kvDim, 0, group, keySteps, batch, buf.k);
        toHeads(m, 2 * kvDim, kvDim, group, keySteps, batch, buf.v);
        return attend(buf);
    }

    private Buffers buffers(int steps, int keySteps, int batch, int[] firstKey) {
        if (steps >= 1 << 15 || keySteps >= 1 << 16) {
            throw new IllegalArgumentException("attention over " + steps + " × " + keySteps + " positions is beyond SeqLab's models");
        }
        Buffers buf = buffers.get(steps << 16 | keySteps, batch);
        buf.firstKey = firstKey;
        return buf;
    }

    private void requireKind(boolean crossCall) {
        if (crossCall != cross) {
            throw new IllegalStateException(cross ? "cross-attention needs the sequence it reads" : "self-attention reads only its own sequence");
        }
    }

    /** The shared middle of both forwards, from q, k and v in their head-major buffers to the output rows. */
    private HostArray attend(Buffers buf) {
        // raw scores q kᵀ                                        (B·nh, Tq, hs) × (B·nh, hs, Tk) → (B·nh, Tq, Tk)
        Nd4j.matmul(buf.q3, buf.k3, buf.scores3, false, true, false);
        maskedSoftmax(buf);
        // y = att v                                              (B·nh, Tq, Tk) × (B·nh, Tk, hs) → (B·nh, Tq, hs)
        Nd4j.matmul(buf.att3, buf.v3, buf.y3, false, false, false);
        merge(buf.merged, buf.batch, buf.steps, buf.y);                                 // (B·Tq, D)
        last = buf;
        return proj.forward(buf.merged.array(), buf.steps, buf.batch);                  // (B·Tq, D)
    }

    /** The first key a query of row {@code row} (head-major, (b·nh + h)·Tq + t) may read. */
    private static int firstKey(Buffers buf, int row, int heads) {
        return buf.firstKey == null ? 0 : buf.firstKey[row / (heads * buf.steps)];
    }

    /** One past the last key query t may read: t + 1 under the causal mask, every key otherwise. */
    private int endKey(Buffers buf, int t) {
        return causal ? Math.min(t + 1, buf.keySteps) : buf.keySteps;
    }

    /**
     * Heads out of rows [B·T, width], head-major into {@code part} [B·nh·T, hs]:
     * {@code part[(b·nh + h)·T + t] = rows[b·T + t, offset + (h / per)·hs ..]}; {@code per} query heads share one
     * key/value head (1 for the queries themselves).
     */
    private void toHeads(double[] rows, int width, int offset, int per, int steps, int batch, HostArray part) {
        double[] out = WORK2.get().of(batch * heads * steps * headDim);
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                int col = offset + (h / per) * headDim;
                for (int t = 0; t < steps; t++) {
                    System.arraycopy(rows, (b * steps + t) * width + col, out, ((b * heads + h) * steps + t) * headDim, headDim);
                }
            }
        }
        part.write(0, out, 0, out.length);
    }

    /** The adjoint of {@link #toHeads}: adds head-major {@code part} into {@code rows}, summing over shared heads. */
    private void fromHeads(HostArray part, int steps, int batch, int per, double[] rows, int width, int offset) {
        double[] in = WORK2.get().of(batch * heads * steps * headDim);
        part.read(0, in, 0, in.length);
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                int col = offset + (h / per) * headDim;
                for (int t = 0; t < steps; t++) {
                    int from = ((b * heads + h) * steps + t) * headDim;
                    int to = (b * steps + t) * width + col;
                    for (int c = 0; c < headDim; c++) {
                        rows[to + c] += in[from + c];
                    }
                }
            }
        }
    }

    /** The inverse of the queries' {@link #toHeads}: head-major {@code part} into rows [B·T, D]. */
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
     * att = softmax(scores / √hs + M) row by row: each query reads the keys from its sequence's first real one to
     * itself (causal) or to the last; every other weight is exactly 0. With {@link #causal} switched off on a causal
     * layer (inspection only: backward assumes the mask) every query reads every key.
     */
    private void maskedSoftmax(Buffers buf) {
        int rows = buf.batch * heads * buf.steps;
        int tk = buf.keySteps;
        double[] s = WORK.get().of(rows * tk);
        buf.scores.read(0, s, 0, s.length);
        for (int row = 0; row < rows; row++) {
            int t = row % buf.steps;                   // the query's position
            int o = row * tk;
            int first = firstKey(buf, row, heads);
            int end = endKey(buf, t);
            int h = (row / buf.steps) % heads;
            for (int j = first; j < end; j++) {
                s[o + j] = s[o + j] * scale + bias(h, t, j);
            }
            if (first < end) {
                softmax(s, o + first, end - first);    // over the keys it may read
                Arrays.fill(s, o, o + first, 0);       // padding
                Arrays.fill(s, o + end, o + tk, 0);    // the future
            } else {
                Arrays.fill(s, o, o + tk, 0);
            }
        }
        buf.att.write(0, s, 0, s.length);
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

    /** dy [B·Tq, D] → dx [B·Tq, D]; fills the gradients of the linear maps (and, cross, {@link #memoryGradient}). */
    public HostArray backward(HostArray dy) {
        Buffers buf = last;
        int steps = buf.steps;
        int keySteps = buf.keySteps;
        int batch = buf.batch;
        long bh = (long) batch * heads;
        HostArray dMerged = proj.backward(dy.array());                                  // (B·Tq, D)
        double[] r = WORK.get().of(batch * steps * dim);
        dMerged.read(0, r, 0, r.length);
        toHeads(r, dim, 0, 1, steps, batch, buf.dy);                                    // (B·nh, Tq, hs)
        // dv = attᵀ dy                                           (B·nh, Tq, Tk)ᵀ × (B·nh, Tq, hs)
        Nd4j.matmul(buf.att3, buf.dy3, buf.dv3, true, false, false);
        // datt = dy vᵀ                                           (B·nh, Tq, hs) × (B·nh, hs, Tk)
        Nd4j.matmul(buf.dy3, buf.v3, buf.dAtt3, false, true, false);
        softmaxBackward(buf);
        // dq = ds k,  dk = dsᵀ q                                 (B·nh, Tq, Tk) × (B·nh, Tk, hs)
        Nd4j.matmul(buf.scores3, buf.k3, buf.dq3, false, false, false);
        Nd4j.matmul(buf.scores3, buf.q3, buf.dk3, true, false, false);
        rotate(buf.dq, (int) bh, steps, true);                                          // RoPE: dq = R_tᵀ dq'
        rotate(buf.dk, (int) bh, keySteps, true);
        if (cross) {
            double[] dq = WORK.get().of(batch * steps * dim);
            Arrays.fill(dq, 0);
            fromHeads(buf.dq, steps, batch, 1, dq, dim, 0);
            buf.dQ.write(0, dq, 0, dq.length);
            double[] dm = WORK.get().of(batch * keySteps * 2 * kvDim);
            Arrays.fill(dm, 0);
            fromHeads(buf.dk, keySteps, batch, group, dm, 2 * kvDim, 0);
            fromHeads(buf.dv, keySteps, batch, group, dm, 2 * kvDim, kvDim);
            buf.dKv.write(0, dm, 0, dm.length);
            return q.backward(buf.dQ.array());                                          // (B·Tq, D)
        }
        int width = dim + 2 * kvDim;
        double[] d = WORK.get().of(batch * steps * width);
        Arrays.fill(d, 0);
        fromHeads(buf.dq, steps, batch, 1, d, width, 0);
        fromHeads(buf.dk, steps, batch, group, d, width, dim);
        fromHeads(buf.dv, steps, batch, group, d, width, dim + kvDim);
        buf.dQ.write(0, d, 0, d.length);                                                // (B·T, D + 2·n_kv·hs)
        return qkv.backward(buf.dQ.array());                                            // (B·T, D)
    }

    /** Cross-attention, after {@link #backward}: ∂L/∂memory [B·Tk, D], through the keys and the values. */
    public HostArray memoryGradient() {
        requireKind(true);
        return kv.backward(last.dKv.array());
    }

    /** ds = att ⊙ (datt − Σ_j att ⊙ datt) / √hs over the keys each query read, into the scores buffer. */
    private void softmaxBackward(Buffers buf) {
        int rows = buf.batch * heads * buf.steps;
        int tk = buf.keySteps;
        double[] a = WORK.get().of(rows * tk);
        double[] da = WORK2.get().of(a.length);
        buf.att.read(0, a, 0, a.length);
        buf.dAtt.read(0, da, 0, da.length);
        for (int row = 0; row < rows; row++) {
            int o = row * tk;
            int first = firstKey(buf, row, heads);
            int end = endKey(buf, row % buf.steps);
            double dot = 0;
            for (int j = first; j < end; j++) {
                dot += a[o + j] * da[o + j];
            }
            for (int j = 0; j < tk; j++) {
                da[o + j] = j >= first && j < end ? a[o + j] * (da[o + j] - dot) * scale : 0;
            }
        }
        buf.scores.write(0, da, 0, da.length);
    }

    /**
     * Adds, for batch item 0 and every head h of this layer l, every {@link Probe.Stage} of {@link Probe.Attention}.
     * Call right after a self-attention {@link #forward}, before {@link #backward} reuses the score buffer.
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
     * The last forward's weights, [B][Tq][Tk] flattened: one head's, or averaged over the heads when {@code head} is
     * −1.
     */
    public double[] weights(int head) {
        Buffers buf = last;
        int map = buf.steps * buf.keySteps;
        double[] att = new double[buf.batch * heads * map];
        buf.att.read(0, att, 0, att.length);
        double[] out = new double[buf.batch * map];
        for (int b = 0; b < buf.batch; b++) {
            for (int h = 0; h < heads; h++) {
                if (head >= 0 && h != head) {
                    continue;
                }
                for (int i = 0; i < map; i++) {
                    out[b * map + i] += att[(b * heads + h) * map + i] / (head >= 0 ? 1 : heads);
                }
            }
        }
        return out;
    }

    /**
     * Keys and values of every key/value head for every position generated so far, appended to in place; {@code length}
     * is how many positions are written (the newest state that uses the cache). {@code heads} counts key/value heads.
     */
    public static final class Cache {
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

        /** An empty cache for {@code batch} sequences of up to {@code capacity} positions of this layer. */
        public static Cache of(MultiHeadAttention layer, int batch, int capacity) {
            return new Cache(batch, layer.kvHeads, layer.headDim, capacity);
        }

        /** How many positions it holds. */
        public int length() {
            return length;
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

        /**
         * A new cache of room for {@code capacity} positions holding all this one's, sequence i taken from this one's
         * sequence {@code rows[i]} (a row may repeat: a beam's kept hypotheses).
         */
        public Cache select(int[] rows, int capacity) {
            Cache c = new Cache(rows.length, heads, headDim, Math.max(capacity, length));
            for (int i = 0; i < rows.length; i++) {
                for (int h = 0; h < heads; h++) {
                    System.arraycopy(keys, at(rows[i], h, 0), c.keys, c.at(i, h, 0), length * headDim);
                    System.arraycopy(values, at(rows[i], h, 0), c.values, c.at(i, h, 0), length * headDim);
                }
            }
            c.length = length;
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
     * Self-attention, one new position per sequence: x [B, D] → y [B, D], appending its key and value to
     * {@code cache} and attending to all cached positions (none are in the future, so no mask is needed).
     */
    public HostArray step(HostArray x, int batch, Cache cache) {
        requireKind(false);
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
        cache.length = t + 1;
        return project(out, batch);
    }

    /**
     * Another sequence's keys and values for cross-attention, each sequence's real positions only (n_b × n_kv·hs, row
     * by row), computed once and read by every step. Arrays are never changed, so selections share them.
     */
    public record Memory(double[][] keys, double[][] values) {

        /** Sequence i of the result is this one's {@code rows[i]}. */
        public Memory select(int[] rows) {
            double[][] k = new double[rows.length][];
            double[][] v = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                k[i] = keys[rows[i]];
                v[i] = values[rows[i]];
            }
            return new Memory(k, v);
        }
    }

    /** Cross-attention's keys and values of {@code memory} [B·Tk, D], sequence b's from {@code firstKey[b]} on. */
    public Memory remember(HostArray memory, int keySteps, int batch, int[] firstKey) {
        requireKind(true);
        int width = 2 * kvDim;
        double[] m = new double[batch * keySteps * width];
        kv.forward(memory.array(), keySteps, batch).read(0, m, 0, m.length);
        double[][] keys = new double[batch][];
        double[][] values = new double[batch][];
        for (int b = 0; b < batch; b++) {
            int first = firstKey == null ? 0 : firstKey[b];
            int n = keySteps - first;
            keys[b] = new double[n * kvDim];
            values[b] = new double[n * kvDim];
            for (int j = 0; j < n; j++) {
                int row = (b * keySteps + first + j) * width;
                System.arraycopy(m, row, keys[b], j * kvDim, kvDim);
                System.arraycopy(m, row + kvDim, values[b], j * kvDim, kvDim);
            }
        }
        return new Memory(keys, values);
    }

    /**
     * Cross-attention, one query per sequence: x [B, D] reads sequence b's {@code memory} → [B, D]; {@code weights[b]}
     * receives its weights over the memory's positions, averaged over the heads.
     */
    public HostArray attend(HostArray x, int batch, Memory memory, double[][] weights) {
        requireKind(true);
        double[] r = new double[batch * dim];
        q.forward(x.array(), 1, batch).read(0, r, 0, r.length);
        double[] out = new double[batch * dim];
        for (int b = 0; b < batch; b++) {
            int n = memory.keys()[b].length / kvDim;
            weights[b] = new double[n];
            double[] w = new double[n];
            for (int h = 0; h < heads; h++) {
                int g = h / group;
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int c = 0; c < headDim; c++) {
                        s += r[b * dim + h * headDim + c] * memory.keys()[b][j * kvDim + g * headDim + c];   // q · k_j
                    }
                    w[j] = s * scale;
                }
                softmax(w, 0, n);
                for (int j = 0; j < n; j++) {
                    weights[b][j] += w[j] / heads;
                    for (int c = 0; c < headDim; c++) {
                        out[b * dim + h * headDim + c] += w[j] * memory.values()[b][j * kvDim + g * headDim + c];  // Σ_j att_j v_j
                    }
                }
            }
        }
        return project(out, batch);
    }

    /** W_o of the heads' contexts [B, D] side by side. */
    private HostArray project(double[] heads, int batch) {
        HostArray merged = buffers.get(1 << 16 | 1, batch).merged;
        merged.write(0, heads, 0, heads.length);
        return proj.forward(merged.array(), 1, batch);
    }
}
