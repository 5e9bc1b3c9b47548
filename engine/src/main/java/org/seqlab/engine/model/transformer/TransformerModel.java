package org.seqlab.engine.model.transformer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.seqlab.engine.data.Batch;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.Forward;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.ModelSpec;
import org.seqlab.engine.model.Parameters;
import org.seqlab.engine.model.Probe;
import org.seqlab.engine.model.SequenceModel;
import org.seqlab.engine.model.Step;
import org.seqlab.engine.model.StepState;
import org.seqlab.engine.model.Trace;
import org.seqlab.engine.model.TraceLevel;
import org.seqlab.engine.model.layers.Embedding;
import org.seqlab.engine.model.layers.HostArray;
import org.seqlab.engine.model.layers.LayerNorm;
import org.seqlab.engine.model.layers.Linear;
import org.seqlab.engine.model.layers.SoftmaxCrossEntropy;

/**
 * A decoder-only Transformer in the shape of minGPT: token embedding + positional encoding → N pre-LN blocks
 * of causal self-attention and MLP → final LayerNorm → output projection → softmax. Rows are batch-major
 * ({@code n = b·T + t}).
 *
 * <p>Generation keeps a key/value cache per layer, so each new token costs one row through the network plus
 * attention to the cached positions. When a sequence reaches the context length, the cache is rebuilt from the
 * last {@code context − 1} tokens (the same crop an uncached model applies).
 */
public final class TransformerModel implements SequenceModel {

    private final ModelSpec spec;
    private final Parameters params;
    private final Embedding embed;
    private final PositionalEncoding pos;
    private final List<TransformerBlock> blocks = new ArrayList<>();
    private final LayerNorm lnf;
    private final Linear head;
    private final SoftmaxCrossEntropy loss;
    private final int vocab;
    private final int dim;
    private final int context;
    private boolean lastTraced;
    private int lastSteps;

    /** Every layer's key/value cache and the tokens seen, per sequence. */
    public record State(List<MultiHeadAttention.Cache> caches, int[][] history, int length) implements StepState {
        @Override
        public int batchSize() {
            return history.length;
        }
    }

    public TransformerModel(ModelConfig config, int vocab, DataType dataType, long seed) {
        if (config.family() != Family.TRANSFORMER) {
            throw new IllegalArgumentException(config.family() + " is not a Transformer");
        }
        this.vocab = vocab;
        this.dim = config.hidden();
        this.context = config.context();
        this.params = new Parameters(dataType);
        this.embed = new Embedding(params, "embed", vocab, dim);
        this.pos = new PositionalEncoding(params, "pos", config.positional(), context, dim);
        for (int l = 0; l < config.layers(); l++) {
            blocks.add(new TransformerBlock(params, "block" + l, dim, config.heads(), config.kvHeads(), config.positional(), config.norm(),
                    config.activation(), config.biased()));
        }
        this.lnf = new LayerNorm(params, "lnf", dim, config.biased());
        this.head = new Linear(params, "head", dim, vocab, config.biased());
        this.loss = new SoftmaxCrossEntropy(dataType, vocab);
        params.allocate();
        SplittableRandom rng = new SplittableRandom(seed);
        // Token embeddings N(0, 1) (PyTorch's nn.Embedding default, as in makemore), not GPT-2's 0.02: next to the
        // sinusoidal table, whose entries are ±1, tokens that small vanish after LayerNorm, and on the repeat task
        // a 2×64 model then sat on the uniform loss for thousands of steps (measured); at N(0, 1) it reaches the
        // floor's neighbourhood in about 1,000 steps with either kind of position.
        embed.initialize(rng, 1.0);
        pos.initialize(rng);
        for (TransformerBlock b : blocks) {
            b.initialize(rng, config.layers());
        }
        lnf.initialize();
        head.initializeNormal(rng, 0.02);
        this.spec = new ModelSpec(config, vocab, params.size(), context);
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public Parameters parameters() {
        return params;
    }

    @Override
    public List<Probe> probes() {
        List<Probe> probes = new ArrayList<>();
        for (int l = 0; l < blocks.size(); l++) {
            for (int h = 0; h < spec().config().heads(); h++) {
                for (Probe.Stage stage : Probe.Stage.values()) {
                    probes.add(new Probe.Attention(stage, l, h));
                }
            }
            probes.add(new Probe.BlockInput(l));
            probes.add(new Probe.GradientNorm(Probe.GradientOf.LAYER_INPUT, l));
        }
        probes.add(new Probe.PositionTable());
        probes.add(new Probe.LogProb());
        return probes;
    }

    @Override
    public Forward forward(Batch batch, TraceLevel level) {
        int steps = batch.steps();
        int b = batch.batch();
        if (steps > context) {
            throw new IllegalArgumentException("a sequence of " + steps + " tokens is longer than the Transformer's context of " + context);
        }
        HostArray x = pos.forward(embed.forward(batch.inputs(), steps, b), steps, b, 0);   // (B·T, D)
        List<HostArray> inputs = new ArrayList<>();
        for (TransformerBlock block : blocks) {
            inputs.add(x);
            x = block.forward(x, steps, b);                                                  // (B·T, D)
        }
        HostArray logits = head.forward(lnf.forward(x, steps, b).array(), steps, b);        // (B·T, V)
        double mean = loss.forward(logits, batch.targets(), batch.weights(), steps, b);
        lastTraced = level == TraceLevel.FULL;
        lastSteps = steps;
        Trace trace = Trace.EMPTY;
        if (lastTraced) {
            Trace.Builder tb = Trace.builder();
            for (int l = 0; l < blocks.size(); l++) {
                blocks.get(l).attn.trace(tb, l);
                tb.put(new Probe.BlockInput(l), new int[] {steps, dim}, item0(inputs.get(l), steps));
            }
            tb.put(new Probe.PositionTable(), new int[] {context, dim}, pos.table());
            double[] rowLoss = loss.rowLosses();
            double[] logprob = new double[steps];
            for (int t = 0; t < steps; t++) {
                logprob[t] = -rowLoss[t]; // batch item 0's rows come first
            }
            tb.put(new Probe.LogProb(), new int[] {steps}, logprob);
            trace = tb.build();
        }
        return new Forward(b, steps, vocab, mean, trace, () -> {
            double[] v = new double[steps * b * vocab];
            logits.read(0, v, 0, v.length);
            float[] f = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                f[i] = (float) v[i];
            }
            return f;
        });
    }

    /**
     * The logit lens (nostalgebraist 2020): the residual stream before the first block, between blocks and after the
     * last, each read out through the final LayerNorm and the output layer as if the model stopped there.
     *
     * @return L + 1 arrays of logits, batch-major {@code [(b·T + t)·V + v]}; the last is the model's own output
     */
    public List<float[]> lens(Batch batch) {
        int steps = batch.steps();
        int b = batch.batch();
        List<float[]> out = new ArrayList<>();
        HostArray x = pos.forward(embed.forward(batch.inputs(), steps, b), steps, b, 0);   // (B·T, D)
        for (int l = 0; l <= blocks.size(); l++) {
            HostArray logits = head.forward(lnf.forward(x, steps, b).array(), steps, b); // (B·T, V), read out at once
            double[] v = new double[steps * b * vocab];
            logits.read(0, v, 0, v.length);
            float[] f = new float[v.length];   // as Forward.logits(): what every reader of logits takes
            for (int i = 0; i < v.length; i++) {
                f[i] = (float) v[i];
            }
            out.add(f);
            if (l < blocks.size()) {
                x = blocks.get(l).forward(x, steps, b);
            }
        }
        return out;
    }

    /**
     * The logits (B·T·V, batch-major) with the causal mask removed from every block: each position reads the whole
     * input, as an encoder does. For inspection only (what order-blindness means without the mask); the mask is back
     * before this returns, and no backward pass may follow.
     */
    public float[] unmaskedLogits(Batch batch) {
        blocks.forEach(b -> b.attn.causal = false);
        try {
            return forward(batch, TraceLevel.NONE).logits().clone();
        } finally {
            blocks.forEach(b -> b.attn.causal = true);
        }
    }

    /**
     * Activation patching: {@code target} with position {@code t}'s keys and values, in every block, taken from
     * {@code source} (a run on another input). Later positions then read position t as the other input left it.
     */
    public StepState patched(StepState target, StepState source, int t) {
        State into = (State) target;
        State from = (State) source;
        if (t < 0 || t >= Math.min(into.length(), from.length())) {
            throw new IllegalArgumentException("position " + t + " is not in both states");
        }
        List<MultiHeadAttention.Cache> caches = new ArrayList<>();
        for (int l = 0; l < blocks.size(); l++) {
            MultiHeadAttention.Cache c = into.caches().get(l).prefix(into.length());
            c.copyPosition(from.caches().get(l), t);
            caches.add(c);
        }
        return new State(caches, into.history(), into.length());
    }

    private double[] item0(HostArray rows, int steps) {
        double[] out = new double[steps * dim];
        rows.read(0, out, 0, out.length);
        return out;
    }

    @Override
    public Trace backward() {
        HostArray dx = lnf.backward(head.backward(loss.gradient().array()));               // (B·T, D)
        double[][] norms = new double[blocks.size()][];
        for (int l = blocks.size() - 1; l >= 0; l--) {
            dx = blocks.get(l).backward(dx);
            if (lastTraced) {
                norms[l] = rowNorms(dx, lastSteps);
            }
        }
        pos.backward(dx);
        embed.backward(dx);
        if (!lastTraced) {
            return Trace.EMPTY;
        }
        Trace.Builder tb = Trace.builder();
        for (int l = 0; l < blocks.size(); l++) {
            tb.put(new Probe.GradientNorm(Probe.GradientOf.LAYER_INPUT, l), new int[] {lastSteps}, norms[l]);
        }
        return tb.build();
    }

    /** ‖row t‖ for t = 0..steps-1 of batch item 0. */
    private double[] rowNorms(HostArray a, int steps) {
        double[] v = new double[steps * dim];
        a.read(0, v, 0, v.length);
        double[] n = new double[steps];
        for (int t = 0; t < steps; t++) {
            double s = 0;
            for (int j = 0; j < dim; j++) {
                s += v[t * dim + j] * v[t * dim + j];
            }
            n[t] = Math.sqrt(s);
        }
        return n;
    }

    /**
     * The numbers its key/value cache holds per token of one sequence, counted on a real cache: 2 · L · n_kv · d_k (keys
     * and values, every block). Multi-query and grouped-query attention shrink it by n_h / n_kv.
     */
    public long cachePerToken() {
        long n = 0;
        for (MultiHeadAttention.Cache c : ((State) start(1)).caches()) {
            n += c.keys.length + c.values.length;
        }
        return n / context;
    }

    @Override
    public StepState start(int batchSize) {
        List<MultiHeadAttention.Cache> caches = new ArrayList<>();
        for (TransformerBlock b : blocks) {
            caches.add(MultiHeadAttention.Cache.of(b.attn, batchSize, context));
        }
        return new State(caches, new int[batchSize][0], 0);
    }

    @Override
    public Step step(StepState state, int[] tokens) {
        State s = (State) state;
        int batch = tokens.length;
        if (s.batchSize() != batch) {
            throw new IllegalArgumentException("state carries " + s.batchSize() + " sequences, got " + batch + " tokens");
        }
        if (s.length() >= context) {
            s = rebuild(s);
        }
        // Each token's key and value are appended to the cache in place. A state is still a value: stepping an older
        // state again (decoding forks: teacher-forced and free-running from one prefix) first copies its prefix.
        List<MultiHeadAttention.Cache> caches = new ArrayList<>();
        for (MultiHeadAttention.Cache c : s.caches()) {
            caches.add(c.length == s.length() ? c : c.prefix(s.length()));
        }
        HostArray x = pos.forward(embed.forward(tokens.clone(), 1, batch), 1, batch, s.length());   // (B, D)
        for (int l = 0; l < blocks.size(); l++) {
            x = blocks.get(l).step(x, batch, caches.get(l));                                 // appends position s.length()
        }
        HostArray logits = head.forward(lnf.forward(x, 1, batch).array(), 1, batch);               // (B, V)
        double[] v = new double[batch * vocab];
        logits.read(0, v, 0, v.length);
        float[][] out = new float[batch][vocab];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < vocab; j++) {
                out[b][j] = (float) v[b * vocab + j];
            }
        }
        int[][] history = new int[batch][];
        for (int b = 0; b < batch; b++) {
            int[] h = s.history()[b];
            int from = Math.max(0, h.length + 1 - context); // only the last context tokens can matter again
            history[b] = Arrays.copyOfRange(h, from, h.length + 1);
            history[b][history[b].length - 1] = tokens[b];
        }
        return new Step(out, new State(caches, history, s.length() + 1));
    }

    /**
     * A full cache: start again from the last context − 1 tokens of each sequence, with one forward pass over
     * them whose keys and values fill fresh caches (the positions shift, so the old keys are no longer valid).
     */
    private State rebuild(State s) {
        int keep = context - 1;
        int batch = s.batchSize();
        int[] window = new int[batch * keep];
        int[] none = new int[batch * keep];
        java.util.Arrays.fill(none, -1);
        int[][] history = new int[batch][];
        for (int b = 0; b < batch; b++) {
            int[] h = s.history()[b];
            System.arraycopy(h, h.length - keep, window, b * keep, keep);
            history[b] = Arrays.copyOfRange(h, h.length - keep, h.length);
        }
        forward(new Batch(batch, keep, window, none), TraceLevel.NONE);
        List<MultiHeadAttention.Cache> caches = new ArrayList<>();
        for (TransformerBlock block : blocks) {
            MultiHeadAttention.Cache c = MultiHeadAttention.Cache.of(block.attn, batch, context);
            block.attn.fillCache(c);
            caches.add(c);
        }
        return new State(caches, history, keep);
    }
}
