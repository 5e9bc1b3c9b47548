package org.seqlab.engine.model.seq2seq;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.seqlab.engine.model.Parameters;
import org.seqlab.engine.model.layers.Embedding;
import org.seqlab.engine.model.layers.HostArray;
import org.seqlab.engine.model.layers.Linear;
import org.seqlab.engine.model.layers.SoftmaxCrossEntropy;
import org.seqlab.engine.model.rnn.GruLayer;
import org.seqlab.engine.model.rnn.LayerState;
import org.seqlab.engine.model.rnn.LstmLayer;
import org.seqlab.engine.model.rnn.RecurrentLayer;

/**
 * A recurrent encoder–decoder (GRU: Cho et al. 2014; LSTM: Sutskever et al. 2014), with optional attention
 * (Luong et al. 2015). The GRU form:
 *
 * <pre>
 *   e_j  = GRU_enc(E_src x_j, e_{j-1})                        j = 1 … n,  e_0 = 0
 *   h_0  = e_n                                                the bottleneck: all the decoder is told
 *   h_t  = GRU_dec(E_tgt y_{t-1}, h_{t-1})                    y_0 = ⟨s⟩, teacher forcing in training
 *   o_t  = h_t                                                without attention
 *   o_t  = tanh([h_t; c_t] W_c + b_c),  c_t = attention(h_t; e_1 … e_n)   with it
 *   p(y_t | y_{<t}, x) = softmax(o_t W_o + b_o)
 * </pre>
 *
 * Backward runs the same way in reverse: the output and attention give ∂L/∂h_t and ∂L/∂e_j, the decoder's
 * backward through time hands ∂L/∂h_0 (and an LSTM's ∂L/∂c_0) to the encoder's last state, and the encoder runs
 * its own backward from there.
 */
public final class RecurrentSeq2Seq implements Seq2SeqModel {

    private final Seq2SeqConfig config;
    private final int vocab;
    private final Parameters params;
    private final Embedding srcEmbed;
    private final Embedding tgtEmbed;
    private final RecurrentLayer encoder;
    private final RecurrentLayer decoder;
    private final Attention attention;   // null without
    private final Linear combine;        // [2H → H], null without attention
    private final Linear out;
    private final SoftmaxCrossEntropy loss;

    // the last forward
    private int tt;
    private int ts;
    private int batch;
    private INDArray top;                // o [Tt*B, H]
    private HostArray logits;            // [Tt*B, V]

    /** The decoder's state for B hypotheses: each one's h_t (and an LSTM's c_t). */
    record RecurrentState(LayerState h) implements DecoderState {
        @Override
        public int size() {
            return h.batch();
        }

        @Override
        public DecoderState select(int[] rows) {
            return new RecurrentState(new LayerState(rows.length, h.hidden(), pick(h.h(), rows), h.c() == null ? null : pick(h.c(), rows)));
        }

        private double[] pick(double[] v, int[] rows) {
            int w = h.hidden();
            double[] out = new double[rows.length * w];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(v, rows[i] * w, out, i * w, w);
            }
            return out;
        }
    }

    RecurrentSeq2Seq(Seq2SeqConfig config, int vocab, DataType dataType, long seed) {
        this.config = config;
        this.vocab = vocab;
        this.params = new Parameters(dataType);
        int h = config.hidden();
        srcEmbed = new Embedding(params, "src.embed", vocab, config.embed());
        tgtEmbed = new Embedding(params, "tgt.embed", vocab, config.embed());
        boolean lstm = config.kind() == Seq2SeqConfig.Kind.LSTM;
        encoder = lstm ? new LstmLayer(params, "encoder", config.embed(), h) : new GruLayer(params, "encoder", config.embed(), h);
        decoder = lstm ? new LstmLayer(params, "decoder", config.embed(), h) : new GruLayer(params, "decoder", config.embed(), h);
        attention = config.attends() ? new Attention(params, "attention", config.score(), h) : null;
        combine = config.attends() ? new Linear(params, "combine", 2 * h, h) : null;
        out = new Linear(params, "out", h, vocab);
        loss = new SoftmaxCrossEntropy(dataType, vocab);
        params.allocate();
        SplittableRandom rng = new SplittableRandom(seed);
        srcEmbed.initialize(rng);
        tgtEmbed.initialize(rng);
        encoder.initialize(rng);
        decoder.initialize(rng);
        if (attention != null) {
            attention.initialize(rng);
            combine.initialize(rng);
        }
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

    /**
     * Teacher-forced forward pass.
     *
     * @param source        [Ts*B] left-padded ids
     * @param lengths       [B] real source lengths
     * @param targetIn      [Tt*B] ⟨s⟩ y_1 … y_m
     * @param targets       [Tt*B] y_1 … y_m ⟨/s⟩, −1 beyond
     * @return the mean loss over target symbols, nats
     */
    @Override
    public double forward(int[] source, int[] lengths, int ts, int[] targetIn, int[] targets, int tt, int batch) {
        this.tt = tt;
        this.ts = ts;
        this.batch = batch;
        Encoded enc = encode(source, lengths, ts, batch);
        HostArray hd = decoder.forward(tgtEmbed.forward(targetIn, tt, batch), tt, batch, ((RecurrentState) enc.start()).h()); // [Tt*B, H]
        top = output(hd.array(), enc, tt, batch);
        logits = out.forward(top, tt, batch);
        return loss.forward(logits, targets, null, tt, batch);
    }

    /** The most likely symbol at every row of the last teacher-forced forward [Tt*B]. */
    @Override
    public int[] lastPredictions() {
        int rows = tt * batch;
        double[] y = new double[rows * vocab];
        logits.read(0, y, 0, y.length);
        int[] best = new int[rows];
        for (int r = 0; r < rows; r++) {
            best[r] = Seq2SeqModel.bestOutput(y, r, vocab);
        }
        return best;
    }

    /** −log p(target) per row of the last forward, nats (0 where no target). */
    @Override
    public double[] lastRowLosses() {
        return loss.rowLosses();
    }

    /** The gradient of the last forward's loss, into {@link #parameters()}. */
    @Override
    public void backward() {
        int h = config.hidden();
        INDArray dTop = out.backward(loss.gradient().array()).array();              // ∂L/∂o [Tt*B, H]
        double[] dHe = new double[ts * batch * h];
        INDArray dHd;
        if (attention != null) {
            INDArray dPre = dTop.mul(top.mul(top).rsubi(1.0));                       // through tanh: ∂o ⊙ (1 − o²)
            INDArray dCat = combine.backward(dPre).array();                          // [Tt*B, 2H]
            dHd = dCat.get(NDArrayIndex.all(), NDArrayIndex.interval(0, h)).dup();
            double[] dh = dHd.reshape((long) tt * batch * h).toDoubleVector();
            double[] dCtx = dCat.get(NDArrayIndex.all(), NDArrayIndex.interval(h, 2 * h)).dup().reshape((long) tt * batch * h).toDoubleVector();
            attention.backward(dCtx, dh, dHe, params.dataType());
            dHd = Nd4j.create(dh, new long[] {(long) tt * batch, h}, params.dataType());
        } else {
            dHd = dTop;
        }
        tgtEmbed.backward(decoder.backward(host(dHd)));
        LayerState dStart = decoder.startGradient();                                // ∂L/∂h_0 = ∂L/∂e_n (and ∂L/∂c_0)
        srcEmbed.backward(encoder.backward(host(Nd4j.create(dHe, new long[] {(long) ts * batch, h}, params.dataType())), dStart));
    }

    /** Runs the encoder over left-padded sources. */
    @Override
    public Encoded encode(int[] source, int[] lengths, int ts, int batch) {
        HostArray he = encoder.forward(srcEmbed.forward(source, ts, batch), ts, batch, null);
        double[] states = new double[ts * batch * config.hidden()];
        he.read(0, states, 0, states.length);
        LayerState last = encoder.finalState();
        return new Encoded(states, ts, batch, lengths, new RecurrentState(last), last.h().clone());
    }

    /**
     * One decoding step for B hypotheses, each reading its previous symbol from its state; hypothesis b reads
     * source row {@code rowOf[b]} of the encoded batch.
     */
    @Override
    public StepOut step(Encoded enc, int[] rowOf, int[] previous, DecoderState state) {
        int b = previous.length;
        HostArray hd = decoder.forward(tgtEmbed.forward(previous, 1, b), 1, b, ((RecurrentState) state).h());
        Encoded mine = select(enc, rowOf);
        INDArray o = output(hd.array(), mine, 1, b);
        double[][] logProbs = Seq2SeqModel.logSoftmax(out.forward(o, 1, b).array().reshape((long) b * vocab).toDoubleVector(), b, vocab);
        double[][] weights = new double[b][];
        if (attention != null) {
            double[] a = attention.weights();                                       // [B][1][Ts]
            for (int i = 0; i < b; i++) {
                weights[i] = Arrays.copyOfRange(a, i * enc.steps(), (i + 1) * enc.steps());
            }
        }
        return new StepOut(logProbs, new RecurrentState(decoder.finalState()), weights);
    }

    private INDArray output(INDArray hd, Encoded enc, int steps, int b) {
        if (attention == null) {
            return hd;
        }
        int h = config.hidden();
        double[] hdv = hd.reshape((long) steps * b * h).toDoubleVector();
        double[] ctx = attention.forward(hdv, enc.states(), enc.lengths(), steps, enc.steps(), b, params.dataType());
        INDArray cat = Nd4j.hstack(hd, Nd4j.create(ctx, new long[] {(long) steps * b, h}, params.dataType()));
        return Transforms.tanh(combine.forward(cat, steps, b).array(), true);       // o = tanh([h; c] W_c + b_c)
    }

    /** The encoded rows the hypotheses read (a beam's hypotheses share one source). */
    private Encoded select(Encoded enc, int[] rowOf) {
        int h = config.hidden();
        int b = rowOf.length;
        double[] states = new double[enc.steps() * b * h];
        int[] lengths = new int[b];
        for (int i = 0; i < b; i++) {
            lengths[i] = enc.lengths()[rowOf[i]];
            for (int j = 0; j < enc.steps(); j++) {
                System.arraycopy(enc.states(), (j * enc.batch() + rowOf[i]) * h, states, (j * b + i) * h, h);
            }
        }
        return new Encoded(states, enc.steps(), b, lengths, null, null);
    }

    private HostArray host(INDArray a) {
        HostArray h = new HostArray(params.dataType(), a.rows(), a.columns());
        h.array().assign(a);
        return h;
    }
}
