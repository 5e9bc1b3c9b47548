package org.seqlab.engine.model.transformer;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.seqlab.engine.model.Activation;
import org.seqlab.engine.model.Parameters;
import org.seqlab.engine.model.layers.HostArray;
import org.seqlab.engine.model.layers.Linear;
import org.seqlab.engine.model.layers.Scratch;
import org.seqlab.engine.model.layers.ShapeCache;

/**
 * The block's position-wise feed-forward network: {@code y = GELU(x W₁ + b₁) W₂ + b₂}, widening D to 4D and back.
 * GELU in its sigmoid form (Hendrycks &amp; Gimpel 2016, as ND4J's {@code GELU} op):
 * {@code GELU(a) = a · s} with {@code s = σ(1.702 a)}, whose derivative is {@code s + 1.702 a s (1 − s)}.
 * The forward keeps s, so the backward needs no exponential; both run in ND4J's native ops over the whole block.
 */
public final class Mlp {

    private final Linear fc;    // D → 4D
    private final Linear proj;  // 4D → D
    // row-wise, so row order is the caller's: time-major (t·B + b) in recurrent models, batch-major (b·T + t) elsewhere
    private final ShapeCache<HostArray> activations;
    private final ShapeCache<HostArray> grads;
    private final ShapeCache<HostArray> sigmoids;   // s = σ(1.702 a)
    private final Scratch aScratch = new Scratch();   // a = x W₁ + b₁      [N·4D]
    private final Scratch sScratch = new Scratch();   // s = σ(1.702 a)
    private final Scratch work = new Scratch();
    private double[] lastA;       // the erf and tanh forms: a and GELU'(a), in Java
    private double[] lastS;
    private HostArray lastPre;    // the sigmoid form: a and s, left in ND4J
    private HostArray lastSig;
    private int lastSteps;
    private int lastBatch;

    private final Activation activation;

    /** With SeqLab's GELU, a·σ(1.702a). */
    public Mlp(Parameters params, String name, int dim) {
        this(params, name, dim, Activation.GELU_SIGMOID);
    }

    /** With another form of GELU (an imported checkpoint's: the erf form, or the tanh form). */
    public Mlp(Parameters params, String name, int dim, Activation activation) {
        this(params, name, dim, activation, true);
    }

    /** @param bias whether its two maps add biases (nanoGPT's {@code bias=False} models have none) */
    public Mlp(Parameters params, String name, int dim, Activation activation, boolean bias) {
        this.activation = activation;
        this.fc = new Linear(params, name + ".fc", dim, 4 * dim, bias);
        this.proj = new Linear(params, name + ".proj", 4 * dim, dim, bias);
        DataType dt = params.dataType();
        this.activations = new ShapeCache<>(s -> new HostArray(dt, s[0] * s[1], 4L * dim));
        this.grads = new ShapeCache<>(s -> new HostArray(dt, s[0] * s[1], 4L * dim));
        this.sigmoids = new ShapeCache<>(s -> new HostArray(dt, s[0] * s[1], 4L * dim));
    }

    public void initialize(SplittableRandom rng, int layers) {
        fc.initializeNormal(rng, 0.02);
        proj.initializeNormal(rng, 0.02 / Math.sqrt(2.0 * layers));
    }

    /** x [N, D] → y [N, D]. */
    public HostArray forward(HostArray x, int steps, int batch) {
        HostArray pre = fc.forward(x.array(), steps, batch);                  // a = x W₁ + b₁     (N, 4D)
        int n = (int) (pre.rows() * pre.cols());
        HostArray act = activations.get(steps, batch);
        lastSteps = steps;
        lastBatch = batch;
        if (activation == Activation.GELU_SIGMOID) {
            // natively: ND4J's exponential over the whole block runs twice as fast as Math.exp in a Java loop here
            // (2048 × 512: 6–10 ms against 13–21 ms), and the exponential was a tenth of a Transformer's step; a and s
            // stay in ND4J for the backward (copying both out to Java arrays cost more than the backward's own ops)
            HostArray s = sigmoids.get(steps, batch);
            pre.array().mul(1.702, s.array());
            Transforms.sigmoid(s.array(), false);                               // s = σ(1.702 a)
            pre.array().mul(s.array(), act.array());                            // h = GELU(a) = a s
            lastPre = pre;
            lastSig = s;
            lastA = null;
        } else {
            double[] a = aScratch.of(n);
            pre.read(0, a, 0, n);
            double[] sig = sScratch.of(n);
            double[] h = work.of(n);
            for (int i = 0; i < n; i++) {
                h[i] = activation.value(a[i]);                                  // h = GELU(a), erf or tanh form
                sig[i] = activation.derivative(a[i]);                           // kept: GELU'(a) for the backward
            }
            act.write(0, h, 0, n);
            lastA = a;
            lastS = sig;
        }
        return proj.forward(act.array(), steps, batch);                         // y = h W₂ + b₂     (N, D)
    }

    /** dy [N, D] → dx [N, D]. */
    public HostArray backward(HostArray dy) {
        HostArray dh = proj.backward(dy.array());                               // (N, 4D)
        HostArray da = grads.get(lastSteps, lastBatch);
        if (activation == Activation.GELU_SIGMOID) {
            // GELU'(a) = s + 1.702 a s (1 − s), in five native passes over the block, then da = dh ⊙ GELU'(a)
            INDArray g = da.array();
            lastSig.array().rsub(1.0, g);                                       // 1 − s
            g.muli(lastSig.array()).muli(lastPre.array()).muli(1.702).addi(lastSig.array());
            g.muli(dh.array());
            return fc.backward(g);                                              // (N, D)
        }
        int n = lastA.length;
        double[] d = work.of(n);
        dh.read(0, d, 0, n);
        for (int i = 0; i < n; i++) {
            d[i] *= lastS[i];                                                   // da = dh ⊙ GELU'(a), kept by the forward
        }
        da.write(0, d, 0, n);
        return fc.backward(da.array());                                         // (N, D)
    }
}
