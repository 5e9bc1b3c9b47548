package org.seqlab.engine.model.conv;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.layers.HostArray;
import org.seqlab.engine.model.layers.ShapeCache;

/**
 * The original PixelCNN (van den Oord, Kalchbrenner &amp; Kavukcuoglu 2016): a k×k convolution with mask A, then
 * 3×3 convolutions with mask B, each with a ReLU and a residual connection:
 * <pre>
 *   h₀ = ReLU(W_A ∗ x)                   (N, C)
 *   h_l = h_{l−1} + ReLU(W_B,l ∗ h_{l−1})
 * </pre>
 * Stacking masked kernels leaves a blind spot: pixels above and to the right that are earlier in raster order
 * but that no path through the masks reaches. The receptive-field view shows it as exactly zero gradient.
 */
public final class PixelCnnModel extends PixelModel {

    private final MaskedConv first;
    private final List<MaskedConv> rest = new ArrayList<>();
    private final List<HostArray> activated = new ArrayList<>(); // ReLU(conv) of each layer (its own buffer)
    // batch-major rows in raster order, (b·H + r)·W + c, [B·H·W, C]
    private final List<ShapeCache<HostArray>> sums = new ArrayList<>();
    private final List<ShapeCache<HostArray>> grads = new ArrayList<>();
    private final ShapeCache<HostArray> dConv;

    public PixelCnnModel(ModelConfig config, DataType dataType, long seed) {
        super(config, dataType);
        if (config.family() != Family.PIXELCNN) {
            throw new IllegalArgumentException(config.family() + " is not a plain PixelCNN");
        }
        first = new MaskedConv(params, "convA", 1, channels, Mask.typeA(config.kernel()), work1, work2);
        for (int l = 1; l < config.layers(); l++) {
            rest.add(new MaskedConv(params, "convB" + l, channels, channels, Mask.typeB(3), work1, work2));
            sums.add(new ShapeCache<>(s -> new HostArray(dataType, s[0] * s[1], channels)));
            grads.add(new ShapeCache<>(s -> new HostArray(dataType, s[0] * s[1], channels)));
        }
        dConv = new ShapeCache<>(s -> new HostArray(dataType, s[0] * s[1], channels));
        finish(config, seed);
    }

    @Override
    protected void initializeBody(SplittableRandom rng) {
        first.initialize(rng);
        rest.forEach(c -> c.initialize(rng));
    }

    @Override
    public int depth() {
        return 1 + rest.size();
    }

    @Override
    public List<Mask> masks() {
        List<Mask> m = new ArrayList<>(List.of(first.mask()));
        rest.forEach(c -> m.add(c.mask()));
        return m;
    }

    @Override
    protected HostArray body(HostArray image, int batch) {
        int pixels = height * width;
        activated.clear();
        HostArray h = first.forward(image, batch, height, width);                      // W_A ∗ x
        Transforms.relu(h.array(), false);                                            // h₀ = ReLU(·), in place
        activated.add(h);
        for (int l = 0; l < rest.size(); l++) {
            HostArray c = rest.get(l).forward(h, batch, height, width);               // W_B ∗ h
            Transforms.relu(c.array(), false);
            activated.add(c);
            HostArray sum = sums.get(l).get(pixels, batch);
            h.array().add(c.array(), sum.array());                                    // h ← h + ReLU(W_B ∗ h)
            h = sum;
        }
        return h;
    }

    @Override
    protected double[][] bodyBackward(HostArray dFeatures, int batch, boolean traced) {
        int pixels = height * width;
        double[][] maps = new double[depth()][];
        HostArray dh = dFeatures;
        HostArray dc = dConv.get(pixels, batch);
        for (int l = rest.size() - 1; l >= 0; l--) {
            Nd4j.exec(new RectifiedLinearDerivative(activated.get(l + 1).array(), dh.array(), dc.array())); // through the ReLU
            HostArray din = rest.get(l).backward(dc);
            HostArray next = grads.get(l).get(pixels, batch);
            dh.array().add(din.array(), next.array());                                // residual: both paths
            dh = next;
            if (traced) {
                maps[l + 1] = pixelNorms(read(dh), batch, channels);
            }
        }
        Nd4j.exec(new RectifiedLinearDerivative(activated.get(0).array(), dh.array(), dc.array()));
        HostArray dx = first.backward(dc);
        if (traced) {
            maps[0] = pixelNorms(read(dx), batch, 1);
        }
        return maps;
    }
}
