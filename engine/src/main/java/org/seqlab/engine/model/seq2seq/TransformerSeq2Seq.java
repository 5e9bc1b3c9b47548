package org.seqlab.engine.model.seq2seq;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.seqlab.engine.model.Parameters;
import org.seqlab.engine.model.Positional;
import org.seqlab.engine.model.layers.Embedding;
import org.seqlab.engine.model.layers.HostArray;
import org.seqlab.engine.model.layers.LayerNorm;
import org.seqlab.engine.model.layers.Linear;
import org.seqlab.engine.model.layers.SoftmaxCrossEntropy;
import org.seqlab.engine.model.transformer.Mlp;
import org.seqlab.engine.model.transformer.MultiHeadAttention;
import org.seqlab.engine.model.transformer.PositionalEncoding;

/**
 * A Transformer encoder–decoder (Vaswani et al. 2017), pre-LayerNorm, {@link #LAYERS} blocks on each side:
 *
 * <pre>
 *   encoder block:  x ← x + SelfAttn(LN₁ x)            bidirectional: every source position sees every other
 *                   x ← x + MLP(LN₂ x)
 *   memory M = LN(x)
 *   decoder block:  y ← y + SelfAttn_causal(LN₁ y)     the target so far
 *                   y ← y + CrossAttn(LN₂ y, M)        queries from the target, keys and values from the source
 *                   y ← y + MLP(LN₃ y)
 *   p(y_t | y_{&lt;t}, x) = softmax(LN(y_t) W_o + b_o)
 * </pre>
 *
 * No recurrence and no single vector between the halves: every decoder layer reads all of M. Rows are batch-major
 * ({@code b·T + t}) inside; the interface's arrays are time-major and are turned on the way in and out. All three
 * attentions are the decoder-only Transformer's {@link MultiHeadAttention}; decoding reads its key/value cache (the
 * target so far) and its memory (the source's keys and values, computed once).
 */
public final class TransformerSeq2Seq implements Seq2SeqModel {

    public static final int LAYERS = Seq2SeqConfig.TRANSFORMER_LAYERS;
    public static final int HEADS = Seq2SeqConfig.TRANSFORMER_HEADS;
    static final int CONTEXT = 128;

    private final Seq2SeqConfig config;
    private final int vocab;
    private final int dim;
    private final Parameters params;
    private final Embedding srcEmbed;
    private final Embedding tgtEmbed;
    private final PositionalEncoding srcPos;
    private final PositionalEncoding tgtPos;
    private final List<EncoderBlock> encoder = new ArrayList<>();
    private final LayerNorm encLn;
    private final List<DecoderBlock> decoder = new ArrayList<>();
    private final LayerNorm decLn;
    private final Linear out;
    private final SoftmaxCrossEntropy loss;

    // the last forward
    private int tt;
    private int ts;
    private int batch;
    private HostArray logits;   // [B*Tt, V] batch-major
    private double[] rowLoss;   // batch-major

    private final class EncoderBlock {
        final LayerNorm ln1;
        final MultiHeadAttention attn;
        final LayerNorm ln2;
        final Mlp mlp;

        EncoderBlock(String name) {
            ln1 = new LayerNorm(params, name + ".ln1", dim);
            attn = MultiHeadAttention.self(params, name + ".attn", dim, HEADS, false);
            ln2 = new LayerNorm(params, name + ".ln2", dim);
            mlp = new Mlp(params, name + ".mlp", dim);
        }

        HostArray forward(HostArray x, int steps, int b, int[] firstKey) {
            HostArray n1 = ln1.forward(x, steps, b);
            HostArray m = add(x, attn.forward(n1, steps, b, firstKey));
            return add(m, mlp.forward(ln2.forward(m, steps, b), steps, b));
        }

        HostArray backward(HostArray dy) {
            HostArray dm = add(dy, ln2.backward(mlp.backward(dy)));
            return add(dm, ln1.backward(attn.backward(dm)));
        }
    }

    private final class DecoderBlock {
        final LayerNorm ln1;
        final MultiHeadAttention self;
        final LayerNorm ln2;
        final MultiHeadAttention cross;
        final LayerNorm ln3;
        final Mlp mlp;
        HostArray dMemory;

        DecoderBlock(String name) {
            ln1 = new LayerNorm(params, name + ".ln1", dim);
            self = MultiHeadAttention.self(params, name + ".self", dim, HEADS, true);
            ln2 = new LayerNorm(params, name + ".ln2", dim);
            cross = MultiHeadAttention.cross(params, name + ".cross", dim, HEADS);
            ln3 = new LayerNorm(params, name + ".ln3", dim);
            mlp = new Mlp(params, name + ".mlp", dim);
        }

        HostArray forward(HostArray y, HostArray memory, int steps, int sourceSteps, int b, int[] firstKey) {
            HostArray n1 = ln1.forward(y, steps, b);
            HostArray a = add(y, self.forward(n1, steps, b));
            HostArray c = add(a, cross.forward(ln2.forward(a, steps, b), memory, steps, sourceSteps, b, firstKey));
            return add(c, mlp.forward(ln3.forward(c, steps, b), steps, b));
        }

        HostArray backward(HostArray dz) {
            HostArray dc = add(dz, ln3.backward(mlp.backward(dz)));
            HostArray dq = cross.backward(dc);
            dMemory = cross.memoryGradient();
            HostArray da = add(dc, ln2.backward(dq));
            return add(da, ln1.backward(self.backward(da)));
        }
    }

    /**
     * What decoding carries per hypothesis: every decoder layer's self-attention cache (the positions read so far) and
     * cross-attention memory (its source's keys and values, computed once per source). A selection of hypotheses is
     * kept as the rows it picks and copied out only when the next step appends to the caches, so the caches of a state
     * are never changed in place and hypotheses may share them.
     */
    record Cache(int steps, List<MultiHeadAttention.Cache> self, int[] rows, List<MultiHeadAttention.Memory> cross) implements DecoderState {
        @Override
        public int size() {
            return rows.length;
        }

        @Override
        public DecoderState select(int[] picked) {
            int[] r = new int[picked.length];
            List<MultiHeadAttention.Memory> memories = new ArrayList<>();
            for (int i = 0; i < picked.length; i++) {
                r[i] = rows[picked[i]];
            }
            for (MultiHeadAttention.Memory m : cross) {
                memories.add(m.select(picked));
            }
            return new Cache(steps, self, r, memories);
        }
    }

    TransformerSeq2Seq(Seq2SeqConfig config, int vocab, DataType dataType, long seed) {
        this.config = config;
        this.vocab = vocab;
        this.dim = config.hidden();
        this.params = new Parameters(dataType);
        srcEmbed = new Embedding(params, "src.embed", vocab, dim);
        tgtEmbed = new Embedding(params, "tgt.embed", vocab, dim);
        srcPos = new PositionalEncoding(params, "src.pos", Positional.SINUSOIDAL, CONTEXT, dim);
        tgtPos = new PositionalEncoding(params, "tgt.pos", Positional.SINUSOIDAL, CONTEXT, dim);
        for (int l = 0; l < LAYERS; l++) {
            encoder.add(new EncoderBlock("enc" + l));
        }
        encLn = new LayerNorm(params, "enc.ln", dim);
        for (int l = 0; l < LAYERS; l++) {
            decoder.add(new DecoderBlock("dec" + l));
        }
        decLn = new LayerNorm(params, "dec.ln", dim);
        out = new Linear(params, "out", dim, vocab);
        loss = new SoftmaxCrossEntropy(dataType, vocab);
        params.allocate();
        SplittableRandom rng = new SplittableRandom(seed);
        srcEmbed.initialize(rng, 1.0);
        tgtEmbed.initialize(rng, 1.0);
        srcPos.initialize(rng);
        tgtPos.initialize(rng);
        for (EncoderBlock b : encoder) {
            b.ln1.initialize();
            b.attn.initializeUniform(rng);
            b.ln2.initialize();
            b.mlp.initialize(rng, 2 * LAYERS);
        }
        encLn.initialize();
        for (DecoderBlock b : decoder) {
            b.ln1.initialize();
            b.self.initializeUniform(rng);
            b.ln2.initialize();
            b.cross.initializeUniform(rng);
            b.ln3.initialize();
            b.mlp.initialize(rng, 2 * LAYERS);
        }
        decLn.initialize();
        out.initialize(rng);
    }

    @Override
    public Seq2SeqConfig config() {
        return config;
    }

    @Override
    public int vocab() {
        return vocab;
    }

    @Override
    public Parameters parameters() {
        return params;
    }

    @Override
    public double forward(int[] source, int[] lengths, int ts, int[] targetIn, int[] targets, int tt, int batch) {
        this.tt = tt;
        this.ts = ts;
        this.batch = batch;
        int[] firstKey = firstKeys(lengths, ts);
        HostArray memory = memory(batchMajor(source, ts, batch), ts, batch, firstKey);
        logits = out.forward(decode(batchMajor(targetIn, tt, batch), memory, tt, batch, firstKey).array(), tt, batch);
        double mean = loss.forward(logits, batchMajor(targets, tt, batch), null, tt, batch);
        rowLoss = loss.rowLosses();
        return mean;
    }

    @Override
    public void backward() {
        HostArray dy = decLn.backward(out.backward(loss.gradient().array()));
        HostArray dMemory = new HostArray(params.dataType(), (long) batch * ts, dim);
        for (int l = decoder.size() - 1; l >= 0; l--) {
            dy = decoder.get(l).backward(dy);
            dMemory.array().addi(decoder.get(l).dMemory.array());          // every decoder layer read the memory
        }
        tgtPos.backward(dy);
        tgtEmbed.backward(dy);
        HostArray dx = encLn.backward(dMemory);
        for (int l = encoder.size() - 1; l >= 0; l--) {
            dx = encoder.get(l).backward(dx);
        }
        srcPos.backward(dx);
        srcEmbed.backward(dx);
    }

    @Override
    public int[] lastPredictions() {
        int rows = tt * batch;
        double[] y = new double[rows * vocab];
        logits.read(0, y, 0, y.length);
        int[] best = new int[rows];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < tt; t++) {
                best[t * batch + b] = Seq2SeqModel.bestOutput(y, b * tt + t, vocab);   // back to time-major
            }
        }
        return best;
    }

    @Override
    public double[] lastRowLosses() {
        double[] outRows = new double[tt * batch];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < tt; t++) {
                outRows[t * batch + b] = rowLoss[b * tt + t];
            }
        }
        return outRows;
    }

    /** One decoder layer's cross-attention of the last forward, one head (or averaged, head −1), [B][Tt][Ts]. */
    public double[] crossWeights(int layer, int head) {
        return decoder.get(layer).cross.weights(head);
    }

    @Override
    public Encoded encode(int[] source, int[] lengths, int ts, int batch) {
        HostArray memory = memory(batchMajor(source, ts, batch), ts, batch, firstKeys(lengths, ts));
        double[] states = new double[batch * ts * dim];
        memory.read(0, states, 0, states.length);
        int[] firstKey = firstKeys(lengths, ts);
        List<MultiHeadAttention.Cache> self = new ArrayList<>();
        List<MultiHeadAttention.Memory> cross = new ArrayList<>();
        for (DecoderBlock block : decoder) {
            self.add(MultiHeadAttention.Cache.of(block.self, batch, 0));
            cross.add(block.cross.remember(memory, ts, batch, firstKey));               // each source's keys and values, once
        }
        int[] rows = new int[batch];
        Arrays.setAll(rows, i -> i);
        return new Encoded(states, ts, batch, lengths, new Cache(0, self, rows, cross), null);
    }

    /**
     * One position for every hypothesis, with the cache: per layer the new position's key and value join the cache,
     * its query attends over the cache and then over the source's cached keys and values.
     */
    @Override
    public StepOut step(Encoded enc, int[] rowOf, int[] previous, DecoderState state) {
        int b = previous.length;
        Cache c = (Cache) state;
        int p = c.steps();
        HostArray x = tgtPos.forward(tgtEmbed.forward(previous, 1, b), 1, b, p);              // [B, D]
        List<MultiHeadAttention.Cache> self = new ArrayList<>();
        double[][] crossWeights = new double[b][];
        for (int l = 0; l < LAYERS; l++) {
            DecoderBlock block = decoder.get(l);
            MultiHeadAttention.Cache cache = c.self().get(l).select(c.rows(), p + 1);   // the hypotheses' own copies
            HostArray a = add(x, block.self.step(block.ln1.forward(x, 1, b), b, cache)); // appends position p
            self.add(cache);
            double[][] w = new double[b][];
            HostArray cc = add(a, block.cross.attend(block.ln2.forward(a, 1, b), b, c.cross().get(l), w));
            x = add(cc, block.mlp.forward(block.ln3.forward(cc, 1, b), 1, b));
            if (l == LAYERS - 1) {
                crossWeights = w;
            }
        }
        double[][] logProbs = Seq2SeqModel.logSoftmax(out.forward(decLn.forward(x, 1, b).array(), 1, b).array().reshape((long) b * vocab)
                .toDoubleVector(), b, vocab);
        // weights over the source's real positions, placed at the end of Ts (left padding) as the GRU models report them
        double[][] weights = new double[b][];
        for (int i = 0; i < b; i++) {
            weights[i] = new double[enc.steps()];
            System.arraycopy(crossWeights[i], 0, weights[i], enc.steps() - crossWeights[i].length, crossWeights[i].length);
        }
        int[] rows = new int[b];
        Arrays.setAll(rows, i -> i);
        return new StepOut(logProbs, new Cache(p + 1, self, rows, c.cross()), weights);
    }

    /** Source ids (batch-major) → the encoder's output M [B*Ts, D]. */
    private HostArray memory(int[] source, int ts, int b, int[] firstKey) {
        HostArray x = srcPos.forward(srcEmbed.forward(source, ts, b), ts, b, 0);
        for (EncoderBlock block : encoder) {
            x = block.forward(x, ts, b, firstKey);
        }
        return encLn.forward(x, ts, b);
    }

    /** Target ids (batch-major) read against M → LN(y) [B*Tt, D]. */
    private HostArray decode(int[] target, HostArray memory, int steps, int b, int[] firstKey) {
        int sourceSteps = (int) (memory.rows() / b);
        HostArray y = tgtPos.forward(tgtEmbed.forward(target, steps, b), steps, b, 0);
        for (DecoderBlock block : decoder) {
            y = block.forward(y, memory, steps, sourceSteps, b, firstKey);
        }
        return decLn.forward(y, steps, b);
    }

    private HostArray add(HostArray x, HostArray y) {
        HostArray s = new HostArray(params.dataType(), x.rows(), x.cols());
        x.array().add(y.array(), s.array());
        return s;
    }

    /** Left padding: source b's first real position is Ts − length (its padded positions are never attended to). */
    private static int[] firstKeys(int[] lengths, int ts) {
        int[] out = new int[lengths.length];
        for (int i = 0; i < lengths.length; i++) {
            out[i] = ts - lengths[i];
        }
        return out;
    }

    private static int[] batchMajor(int[] timeMajor, int steps, int b) {
        int[] out = new int[timeMajor.length];
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < b; i++) {
                out[i * steps + t] = timeMajor[t * b + i];
            }
        }
        return out;
    }
}
