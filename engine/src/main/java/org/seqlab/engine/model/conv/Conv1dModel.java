package org.seqlab.engine.model.conv;

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
import org.seqlab.engine.model.layers.Linear;
import org.seqlab.engine.model.layers.Scratch;
import org.seqlab.engine.model.layers.ShapeCache;
import org.seqlab.engine.model.layers.SoftmaxCrossEntropy;

/**
 * A WaveNet-style stack (van den Oord et al. 2016) over characters: embedding, then L layers of
 * <pre>
 *   a = W ∗_d x                       causal convolution, k taps spaced d = 2^l apart      (N, 2C)
 *   z = tanh(a_f) ⊙ σ(a_g)            gated activation                                    (N, C)
 *   x ← x + z W_res,  skip ← skip + z W_skip                                              (N, C)
 * </pre>
 * then {@code logits = ReLU(skip) W_out + b}. Output t reads inputs t − (RF − 1) … t, with the receptive field
 * {@code RF = 1 + (k − 1) Σ_l d_l} (2^L for k = 2); without dilation it grows only linearly,
 * {@code 1 + (k − 1) L}. Rows are batch-major (a sequence is an image one row high).
 */
public final class Conv1dModel implements SequenceModel, Masked {

    private final ModelSpec spec;
    private final Parameters params;
    private final Embedding embed;
    private final List<MaskedConv> convs = new ArrayList<>();
    private final List<GatedActivation> gates = new ArrayList<>();
    private final List<Linear> resSkip = new ArrayList<>();
    private final Linear out;
    private final SoftmaxCrossEntropy loss;
    private final int channels;
    private final int vocab;
    private final int field;
    private final DataType dataType;

    // the last forward, for backward and traces
    private int lastSteps;
    private int lastBatch;
    private boolean lastTraced;
    private double[] skip;
    private final List<HostArray> inputs = new ArrayList<>();
    // work arrays reused from step to step, one per purpose (N = B·T rows): fresh ones were megabytes a layer a step
    private final Scratch work1 = new Scratch();          // transient work arrays the layers share
    private final Scratch work2 = new Scratch();
    private final Scratch residualWork = new Scratch();   // x [N, C], the residual stream
    private final Scratch skipWork = new Scratch();       // Σ skips [N, C], kept for the ReLU's backward
    private final Scratch wideWork = new Scratch();       // [N, 2C]: res|skip outputs, then their gradients
    private final Scratch narrowWork = new Scratch();     // [N, C]: ReLU(skip), then ∂L/∂skip
    private final Scratch gradWork = new Scratch();       // ∂L/∂x [N, C]
    private final Scratch branchWork = new Scratch();     // ∂L/∂(conv input) [N, C]
    // batch-major rows, b·T + t, as the convolutions read them
    private final ShapeCache<HostArray[]> layerOutputs;   // x after each layer, for the next layer's convolution
    private final ShapeCache<HostArray> reluOutputs;
    private final ShapeCache<HostArray> wideGrads;
    private final ShapeCache<HostArray> embedGrads;
    private final List<HostArray> gated = new ArrayList<>();

    /** The last RF − 1 tokens of each sequence: all a step needs. */
    public record State(int[][] history) implements StepState {
        @Override
        public int batchSize() {
            return history.length;
        }
    }

    public Conv1dModel(ModelConfig config, int vocab, DataType dataType, long seed) {
        if (config.family() != Family.CONV1D) {
            throw new IllegalArgumentException(config.family() + " is not a causal conv stack");
        }
        this.channels = config.hidden();
        int c = config.hidden();
        int depth = config.layers();
        this.layerOutputs = new ShapeCache<>(sh -> {
            HostArray[] a = new HostArray[depth];
            for (int l = 0; l < depth; l++) {
                a[l] = new HostArray(dataType, sh[0] * sh[1], c);
            }
            return a;
        });
        this.reluOutputs = new ShapeCache<>(sh -> new HostArray(dataType, sh[0] * sh[1], c));
        this.wideGrads = new ShapeCache<>(sh -> new HostArray(dataType, sh[0] * sh[1], 2L * c));
        this.embedGrads = new ShapeCache<>(sh -> new HostArray(dataType, sh[0] * sh[1], c));
        this.vocab = vocab;
        this.field = config.receptiveField();
        this.dataType = dataType;
        this.params = new Parameters(dataType);
        this.embed = new Embedding(params, "embed", vocab, channels);
        for (int l = 0; l < config.layers(); l++) {
            int dilation = config.dilated() ? 1 << l : 1;
            convs.add(new MaskedConv(params, "conv" + l, channels, 2 * channels, Mask.causal1d(config.kernel(), dilation), work1, work2));
            gates.add(new GatedActivation(dataType, channels, work1, work2));
            resSkip.add(new Linear(params, "resskip" + l, channels, 2 * channels));
        }
        this.out = new Linear(params, "out", channels, vocab);
        this.loss = new SoftmaxCrossEntropy(dataType, vocab);
        params.allocate();
        SplittableRandom rng = new SplittableRandom(seed);
        embed.initialize(rng);
        for (int l = 0; l < convs.size(); l++) {
            convs.get(l).initialize(rng);
            resSkip.get(l).initialize(rng);
        }
        out.initialize(rng);
        this.spec = new ModelSpec(config, vocab, params.size(), 0);
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public Parameters parameters() {
        return params;
    }

    /** The masks of every layer, bottom first (drawn by the stack view). */
    @Override
    public List<Mask> masks() {
        return convs.stream().map(MaskedConv::mask).toList();
    }

    @Override
    public List<Probe> probes() {
        List<Probe> probes = new ArrayList<>();
        for (int l = 0; l < convs.size(); l++) {
            probes.add(new Probe.Hidden(l));
            probes.add(new Probe.GradientNorm(Probe.GradientOf.LAYER_INPUT, l));
        }
        probes.add(new Probe.LogProb());
        return probes;
    }

    @Override
    public Forward forward(Batch batch, TraceLevel level) {
        int steps = batch.steps();
        int b = batch.batch();
        int n = steps * b;
        HostArray x = embed.forward(batch.inputs(), steps, b);                          // (N, C)
        double[] xs = residualWork.of(n * channels);
        x.read(0, xs, 0, xs.length);
        skip = skipWork.of(n * channels);
        Arrays.fill(skip, 0.0);
        HostArray[] outputs = layerOutputs.get(steps, b);
        inputs.clear();
        gated.clear();
        for (int l = 0; l < convs.size(); l++) {
            inputs.add(x);
            HostArray a = convs.get(l).forward(x, b, 1, steps);                          // a = W ∗_d x     (N, 2C)
            HostArray z = gates.get(l).forward(a, steps, b);                             // z = tanh ⊙ σ    (N, C)
            gated.add(z);
            HostArray rs = resSkip.get(l).forward(z.array(), steps, b);                  // z [W_res W_skip] (N, 2C)
            double[] r = wideWork.of(n * 2 * channels);
            rs.read(0, r, 0, r.length);
            for (int row = 0; row < n; row++) {
                for (int j = 0; j < channels; j++) {
                    xs[row * channels + j] += r[row * 2 * channels + j];                  // x ← x + z W_res
                    skip[row * channels + j] += r[row * 2 * channels + channels + j];     // skip ← skip + z W_skip
                }
            }
            x = outputs[l];
            x.write(0, xs, 0, xs.length);
        }
        double[] relu = narrowWork.of(n * channels);
        for (int i = 0; i < relu.length; i++) {
            relu[i] = Math.max(0, skip[i]);
        }
        HostArray hr = reluOutputs.get(steps, b);
        hr.write(0, relu, 0, relu.length);
        HostArray logits = out.forward(hr.array(), steps, b);                            // (N, V)
        double mean = loss.forward(logits, batch.targets(), batch.weights(), steps, b);
        lastSteps = steps;
        lastBatch = b;
        lastTraced = level == TraceLevel.FULL;
        Trace trace = Trace.EMPTY;
        if (lastTraced) {
            Trace.Builder tb = Trace.builder();
            for (int l = 0; l < gated.size(); l++) {
                double[] z = new double[steps * channels];
                gated.get(l).read(0, z, 0, z.length);
                tb.put(new Probe.Hidden(l), new int[] {steps, channels}, z);
            }
            double[] rowLoss = loss.rowLosses();
            tb.put(new Probe.LogProb(), new int[] {steps}, Arrays.stream(Arrays.copyOf(rowLoss, steps)).map(v -> -v).toArray());
            trace = tb.build();
        }
        return new Forward(b, steps, vocab, mean, trace, () -> {
            double[] v = new double[n * vocab];
            logits.read(0, v, 0, v.length);
            float[] f = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                f[i] = (float) v[i];
            }
            return f;
        });
    }

    @Override
    public Trace backward() {
        int n = lastSteps * lastBatch;
        HostArray dr = out.backward(loss.gradient().array());                           // (N, C)
        double[] dSkip = narrowWork.of(n * channels);
        dr.read(0, dSkip, 0, dSkip.length);
        for (int i = 0; i < dSkip.length; i++) {
            if (skip[i] <= 0) {
                dSkip[i] = 0;                                                            // through the ReLU
            }
        }
        double[] dx = gradWork.of(n * channels);                                         // ∂L/∂x above the top layer: 0
        Arrays.fill(dx, 0.0);
        double[][] norms = new double[convs.size()][];
        for (int l = convs.size() - 1; l >= 0; l--) {
            double[] drs = wideWork.of(n * 2 * channels);                                // [∂L/∂res | ∂L/∂skip]
            for (int row = 0; row < n; row++) {
                System.arraycopy(dx, row * channels, drs, row * 2 * channels, channels);
                System.arraycopy(dSkip, row * channels, drs, row * 2 * channels + channels, channels);
            }
            HostArray drsArray = wideGrads.get(lastSteps, lastBatch);
            drsArray.write(0, drs, 0, drs.length);
            HostArray dz = resSkip.get(l).backward(drsArray.array());                    // (N, C)
            HostArray da = gates.get(l).backward(dz);                                    // (N, 2C)
            HostArray dConvIn = convs.get(l).backward(da);                               // (N, C)
            double[] dc = branchWork.of(n * channels);
            dConvIn.read(0, dc, 0, dc.length);
            for (int i = 0; i < dx.length; i++) {
                dx[i] += dc[i];                                                          // residual: both paths
            }
            if (lastTraced) {
                norms[l] = GradientNorms.perPosition(dx, lastBatch, lastSteps, channels);
            }
        }
        HostArray dEmbed = embedGrads.get(lastSteps, lastBatch);
        dEmbed.write(0, dx, 0, dx.length);
        embed.backward(dEmbed);
        if (!lastTraced) {
            return Trace.EMPTY;
        }
        Trace.Builder tb = Trace.builder();
        for (int l = 0; l < norms.length; l++) {
            tb.put(new Probe.GradientNorm(Probe.GradientOf.LAYER_INPUT, l), new int[] {lastSteps}, norms[l]);
        }
        return tb.build();
    }

    /** The receptive field: how many of the latest inputs one output reads. */
    public int receptiveField() {
        return field;
    }

    @Override
    public StepState start(int batchSize) {
        return new State(new int[batchSize][0]);
    }

    /** One token per sequence: a forward over the last RF tokens gives exactly the full model's last output. */
    @Override
    public Step step(StepState state, int[] tokens) {
        State s = (State) state;
        int batch = tokens.length;
        int[][] history = new int[batch][];
        for (int b = 0; b < batch; b++) {
            int[] h = s.history()[b];
            int keep = Math.min(h.length, field - 1);
            history[b] = Arrays.copyOfRange(h, h.length - keep, h.length + 1);
            history[b][keep] = tokens[b];
        }
        int w = history[0].length;
        int[] window = new int[batch * w];
        int[] none = new int[batch * w];
        Arrays.fill(none, -1);
        for (int b = 0; b < batch; b++) {
            System.arraycopy(history[b], 0, window, b * w, w);
        }
        float[] flat = forward(new Batch(batch, w, window, none), TraceLevel.NONE).logits();
        float[][] logits = new float[batch][vocab];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(flat, (b * w + w - 1) * vocab, logits[b], 0, vocab);
        }
        return new Step(logits, new State(history));
    }
}
