package org.seqlab.engine.model.conv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.seqlab.engine.data.Batch;
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
import org.seqlab.engine.model.layers.HostArray;
import org.seqlab.engine.model.layers.Linear;
import org.seqlab.engine.model.layers.Scratch;
import org.seqlab.engine.model.layers.ShapeCache;
import org.seqlab.engine.model.layers.SoftmaxCrossEntropy;

/**
 * What the PixelCNNs share: a binary image is a sequence of H·W pixels in raster order, and the model gives every
 * pixel its own Bernoulli, {@code p(x_i = 1 | x_<i) = σ(ℓ_i)}, at its own position (inputs and targets are the same
 * pixels; the masks keep x_i out of ℓ_i). The head is {@code ℓ = ReLU(f W₁ + b₁) W₂ + b₂} over the body's
 * features f. For the shared softmax loss and samplers the logit is written as the two-class pair [0, ℓ], whose
 * softmax is exactly (1 − σ(ℓ), σ(ℓ)); the mean loss is then nats per dimension.
 *
 * <p>Generation: {@code step} fills in the next pixel and runs the network on the partly drawn images to get the
 * following pixel's logit (the masks make the unfilled pixels irrelevant).
 */
public abstract class PixelModel implements SequenceModel, Masked {

    protected final int height;
    protected final int width;
    protected final int channels;
    protected final DataType dataType;
    protected final Parameters params;
    private final Linear head1;
    private final Linear head2;
    private final SoftmaxCrossEntropy loss;
    private ModelSpec spec;
    private int lastBatch;
    private boolean lastTraced;
    private HostArray hiddenHead;  // ReLU(f W₁ + b₁) of the last forward
    // batch-major rows in raster order, (b·H + r)·W + c
    private final ShapeCache<HostArray> pairs;
    private final ShapeCache<HostArray> images;
    private final ShapeCache<HostArray> dPre;
    private final ShapeCache<HostArray> dLogit;

    /** The images drawn so far. */
    public record State(int[][] pixels, int length) implements StepState {
        @Override
        public int batchSize() {
            return pixels.length;
        }
    }

    private final Scratch pixelWork = new Scratch();
    /** Transient Java work arrays the body's layers share (one thread runs a model). */
    protected final Scratch work1 = new Scratch();
    protected final Scratch work2 = new Scratch();

    protected PixelModel(ModelConfig config, DataType dataType) {
        this(config, dataType, config.hidden());
    }

    /** @param channels the width of the features the body hands to the pixel head */
    protected PixelModel(ModelConfig config, DataType dataType, int channels) {
        this.height = config.height();
        this.width = config.width();
        this.channels = channels;
        this.dataType = dataType;
        this.params = new Parameters(dataType);
        this.head1 = new Linear(params, "head1", channels, channels);
        this.head2 = new Linear(params, "head2", channels, 1);
        this.loss = new SoftmaxCrossEntropy(dataType, 2);
        this.pairs = new ShapeCache<>(s -> new HostArray(dataType, s[0] * s[1], 2));
        this.images = new ShapeCache<>(s -> new HostArray(dataType, s[0] * s[1], 1));
        this.dPre = new ShapeCache<>(s -> new HostArray(dataType, s[0] * s[1], channels));
        this.dLogit = new ShapeCache<>(s -> new HostArray(dataType, s[0] * s[1], 1));
    }

    /** Subclasses call this at the end of their constructor, after registering their layers. */
    protected final void finish(ModelConfig config, long seed) {
        params.allocate();
        SplittableRandom rng = new SplittableRandom(seed);
        initializeBody(rng);
        head1.initialize(rng);
        head2.initialize(rng);
        this.spec = new ModelSpec(config, 2, params.size(), 0);
    }

    protected abstract void initializeBody(SplittableRandom rng);

    /** The image [N, 1] (N = B·H·W) → features [N, C]. */
    protected abstract HostArray body(HostArray image, int batch);

    /**
     * ∂L/∂features → for every layer l, ∂L/∂(layer l's input) as a norm per pixel summed over the batch [H·W]
     * (only when {@code traced}); fills the body's weight gradients.
     */
    protected abstract double[][] bodyBackward(HostArray dFeatures, int batch, boolean traced);

    /** Number of layers the body reports gradients for. */
    public abstract int depth();

    @Override
    public List<Probe> probes() {
        List<Probe> probes = new ArrayList<>(List.of(new Probe.PixelProbability(), new Probe.Image(),
                new Probe.LogProb()));
        for (int l = 0; l < depth(); l++) {
            probes.add(new Probe.ReceptiveField(l));
        }
        return probes;
    }

    /** The masks of the body's layers (for the mask view). */
    @Override
    public abstract List<Mask> masks();

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public Parameters parameters() {
        return params;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    @Override
    public Forward forward(Batch batch, TraceLevel level) {
        int pixels = height * width;
        if (batch.steps() != pixels) {
            throw new IllegalArgumentException("a " + height + "×" + width + " image has " + pixels + " pixels, not " + batch.steps());
        }
        int b = batch.batch();
        int n = b * pixels;
        double[] x = pixelWork.of(n);
        int[] in = batch.inputs();
        for (int i = 0; i < n; i++) {
            x[i] = in[i];
        }
        HostArray image = images.get(pixels, b);
        image.write(0, x, 0, n);
        HostArray f = body(image, b);                                               // (N, C)
        HostArray hidden = head1.forward(f.array(), pixels, b);                     // (N, C)
        Transforms.relu(hidden.array(), false);                                     // ReLU, in place
        HostArray l = head2.forward(hidden.array(), pixels, b);                     // ℓ (N, 1)
        HostArray logits = pairs.get(pixels, b);
        logits.array().getColumn(0).assign(0);                                      // [0, ℓ]: softmax = (1 − σ(ℓ), σ(ℓ))
        logits.array().getColumn(1).assign(l.array().reshape(n));
        double mean = loss.forward(logits, batch.targets(), batch.weights(), pixels, b);
        hiddenHead = hidden;
        lastBatch = b;
        lastTraced = level == TraceLevel.FULL;
        Trace trace = Trace.EMPTY;
        if (lastTraced) {
            double[] pair = new double[2 * pixels];
            logits.read(0, pair, 0, pair.length);   // batch item 0
            double[] p = new double[pixels];
            double[] img = new double[pixels];
            for (int i = 0; i < pixels; i++) {
                p[i] = 1 / (1 + Math.exp(-pair[2 * i + 1]));
                img[i] = x[i];
            }
            trace = tracePut(Trace.builder(), p, img, loss.rowLosses()).build();
        }
        // read when asked (valid until the next forward, as every family's logits)
        return new Forward(b, pixels, 2, mean, trace, () -> {
            double[] pair = new double[2 * n];
            logits.read(0, pair, 0, pair.length);
            float[] flat = new float[2 * n];
            for (int i = 0; i < flat.length; i++) {
                flat[i] = (float) pair[i];
            }
            return flat;
        });
    }

    private Trace.Builder tracePut(Trace.Builder tb, double[] p, double[] img, double[] rowLoss) {
        int[] shape = {height, width};
        tb.put(new Probe.PixelProbability(), shape, p);      // p(x_i = 1 | x_<i) for batch item 0
        tb.put(new Probe.Image(), shape, img);
        double[] logprob = new double[height * width];
        for (int i = 0; i < logprob.length; i++) {
            logprob[i] = -rowLoss[i];
        }
        tb.put(new Probe.LogProb(), new int[] {height * width}, logprob);
        return tb;
    }

    @Override
    public Trace backward() {
        int pixels = height * width;
        HostArray dl = dLogit.get(pixels, lastBatch);
        // ℓ is the second class's logit; the first is a constant 0
        dl.array().reshape(lastBatch * pixels).assign(loss.gradient().array().getColumn(1));
        HostArray dHidden = head2.backward(dl.array());                            // (N, C)
        HostArray dp = dPre.get(pixels, lastBatch);
        Nd4j.exec(new RectifiedLinearDerivative(hiddenHead.array(), dHidden.array(), dp.array())); // through the ReLU
        HostArray dF = head1.backward(dp.array());                                  // (N, C)
        double[][] maps = bodyBackward(dF, lastBatch, lastTraced);
        if (!lastTraced) {
            return Trace.EMPTY;
        }
        Trace.Builder tb = Trace.builder();
        for (int l = 0; l < maps.length; l++) {
            tb.put(new Probe.ReceptiveField(l), new int[] {height, width}, maps[l]);
        }
        return tb.build();
    }

    /** ‖row‖ per pixel of a [B·H·W, C] gradient, summed over the batch. */
    protected double[] pixelNorms(double[] d, int batch, int c) {
        return GradientNorms.perPosition(d, batch, height * width, c);
    }

    /** max(0, v), a new array. */
    protected static double[] relu(double[] v) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(0, out[i]);
        }
        return out;
    }

    protected HostArray host(double[] v, int rows, int cols) {
        HostArray a = new HostArray(dataType, rows, cols);
        a.write(0, v, 0, v.length);
        return a;
    }

    protected static double[] read(HostArray a) {
        double[] v = new double[(int) (a.rows() * a.cols())];
        a.read(0, v, 0, v.length);
        return v;
    }

    @Override
    public StepState start(int batchSize) {
        return new State(new int[batchSize][height * width], 0);
    }

    @Override
    public Step step(StepState state, int[] tokens) {
        State s = (State) state;
        int pixels = height * width;
        if (s.length() >= pixels) {
            throw new IllegalArgumentException("the images are complete (" + pixels + " pixels)");
        }
        int batch = tokens.length;
        int[][] images = new int[batch][];
        int[] flat = new int[batch * pixels];
        for (int b = 0; b < batch; b++) {
            images[b] = s.pixels()[b].clone();
            images[b][s.length()] = tokens[b];
            System.arraycopy(images[b], 0, flat, b * pixels, pixels);
        }
        int next = s.length() + 1;
        float[][] logits = new float[batch][2];
        if (next < pixels) {
            int[] none = new int[flat.length];
            Arrays.fill(none, -1);
            float[] all = forward(new Batch(batch, pixels, flat, none), TraceLevel.NONE).logits();
            for (int b = 0; b < batch; b++) {
                logits[b][0] = all[(b * pixels + next) * 2];
                logits[b][1] = all[(b * pixels + next) * 2 + 1];
            }
        }
        return new Step(logits, new State(images, next));
    }
}
