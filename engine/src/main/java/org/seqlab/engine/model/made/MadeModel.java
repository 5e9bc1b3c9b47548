package org.seqlab.engine.model.made;

import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.Parameters;
import org.seqlab.engine.model.conv.Mask;
import org.seqlab.engine.model.conv.PixelModel;
import org.seqlab.engine.model.layers.HostArray;
import org.seqlab.engine.model.layers.ShapeCache;

/**
 * MADE, the masked autoencoder for distribution estimation (Germain, Gregor, Murray &amp; Larochelle 2015): an MLP over
 * the whole image whose weight matrices are multiplied by binary masks so that pixel i's output reads only pixels
 * before it in raster order. Every hidden unit k gets a number m(k) ∈ {1 … D−1} (here m(k) = k mod (D−1) + 1, so
 * every number is used as evenly as the width allows); with pixels numbered i = 1 … D,
 * <pre>
 *   M₁[i, k] = 1 if m(k) ≥ i            input i may reach hidden unit k
 *   M₂[k, i] = 1 if i > m(k)            output i may read hidden unit k
 *   h = ReLU(x (W₁ ∘ M₁) + b₁)                     (B, D) × (D, K) → (B, K)
 *   f_i = h (W₂ ∘ M₂)_{·,i} + b₂,i                  (B, K) × (K, D·F) → (B, D·F): F features per pixel
 * </pre>
 * and the pixel head every image model shares turns f_i into the Bernoulli logit. So output i reads hidden units with
 * m(k) < i, which read inputs ≤ m(k) < i: only the past. Pixel 1 reads nothing (its logit is a learned constant).
 * Backward is the MLP's, each weight gradient multiplied by its mask: {@code dW₂ = hᵀ dF ∘ M₂},
 * {@code dh = dF (W₂ ∘ M₂)ᵀ ⊙ [h > 0]}, {@code dW₁ = xᵀ dh ∘ M₁}.
 */
public final class MadeModel extends PixelModel {

    /** Features each pixel's output hands to the shared pixel head. */
    public static final int FEATURES = 4;

    private final int pixels;
    private final int hiddenUnits;
    private final Parameters.Tensor w1;
    private final Parameters.Tensor b1;
    private final Parameters.Tensor w2;
    private final Parameters.Tensor b2;
    private final INDArray m1;   // [D, K]
    private final INDArray m2;   // [K, D·F]
    private final ShapeCache<HostArray> features;
    private final ShapeCache<HostArray> inputGrads;
    private INDArray lastX;
    private INDArray lastH;

    public MadeModel(ModelConfig config, DataType dataType, long seed) {
        super(config, dataType, FEATURES);
        if (config.family() != Family.MADE) {
            throw new IllegalArgumentException(config.family() + " is not a MADE");
        }
        pixels = height * width;
        hiddenUnits = config.hidden();
        w1 = params.add("made.W1", pixels, hiddenUnits);
        b1 = params.add("made.b1", hiddenUnits);
        w2 = params.add("made.W2", hiddenUnits, (long) pixels * FEATURES);
        b2 = params.add("made.b2", (long) pixels * FEATURES);
        double[][] mask1 = new double[pixels][hiddenUnits];
        double[][] mask2 = new double[hiddenUnits][pixels * FEATURES];
        for (int k = 0; k < hiddenUnits; k++) {
            int m = number(k, pixels);
            for (int i = 1; i <= pixels; i++) {
                mask1[i - 1][k] = m >= i ? 1 : 0;
                for (int f = 0; f < FEATURES; f++) {
                    mask2[k][(i - 1) * FEATURES + f] = i > m ? 1 : 0;
                }
            }
        }
        m1 = Nd4j.create(mask1).castTo(dataType);
        m2 = Nd4j.create(mask2).castTo(dataType);
        features = new ShapeCache<>(s -> new HostArray(dataType, s[0] * s[1], FEATURES));
        inputGrads = new ShapeCache<>(s -> new HostArray(dataType, s[0] * s[1], 1));
        finish(config, seed);
    }

    /** Hidden unit k's number m(k) ∈ {1 … D−1}: it may see pixels 1 … m(k), and pixels after m(k) may read it. */
    static int number(int k, int pixels) {
        return pixels < 2 ? 1 : k % (pixels - 1) + 1;
    }

    @Override
    protected void initializeBody(SplittableRandom rng) {
        // uniform ±1/√fan-in, as a Linear layer (the masks leave fewer inputs per unit; the scale stays simple)
        Parameters.uniform(w1, 1 / Math.sqrt(pixels), rng);
        Parameters.uniform(w2, 1 / Math.sqrt(hiddenUnits), rng);
        b1.value().assign(0);
        b2.value().assign(0);
    }

    @Override
    protected HostArray body(HostArray image, int batch) {
        INDArray x = image.array().reshape('c', batch, pixels);                              // (B, D)
        INDArray h = x.mmul(w1.value().mul(m1)).addiRowVector(b1.value());                   // x (W₁ ∘ M₁) + b₁
        Transforms.relu(h, false);                                                          // h = ReLU(·)
        INDArray f = h.mmul(w2.value().mul(m2)).addiRowVector(b2.value());                   // (B, D·F)
        HostArray out = features.get(pixels, batch);
        out.array().assign(f.reshape('c', (long) batch * pixels, FEATURES));                 // rows b·D + i
        lastX = x.dup();
        lastH = h;
        return out;
    }

    @Override
    protected double[][] bodyBackward(HostArray dFeatures, int batch, boolean traced) {
        INDArray dF = dFeatures.array().reshape('c', batch, (long) pixels * FEATURES);         // (B, D·F)
        w2.grad().assign(lastH.transpose().mmul(dF).muli(m2));                               // dW₂ = hᵀ dF ∘ M₂
        b2.grad().assign(dF.sum(0));
        INDArray dH = dF.mmul(w2.value().mul(m2).transpose());                              // dF (W₂ ∘ M₂)ᵀ
        dH.muli(lastH.gt(0).castTo(dH.dataType()));                                         // through the ReLU
        w1.grad().assign(lastX.transpose().mmul(dH).muli(m1));                               // dW₁ = xᵀ dh ∘ M₁
        b1.grad().assign(dH.sum(0));
        if (!traced) {
            return new double[1][];
        }
        HostArray dX = inputGrads.get(pixels, batch);
        dX.array().assign(dH.mmul(w1.value().mul(m1).transpose()).reshape('c', (long) batch * pixels, 1)); // ∂L/∂x per pixel
        return new double[][] {pixelNorms(read(dX), batch, 1)};
    }

    @Override
    public int depth() {
        return 1;
    }

    /** No convolution masks: MADE's masks are over the whole image, one number per hidden unit. */
    @Override
    public List<Mask> masks() {
        return List.of();
    }
}
