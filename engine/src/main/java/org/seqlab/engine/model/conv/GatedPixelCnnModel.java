package org.seqlab.engine.model.conv;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.layers.HostArray;
import org.seqlab.engine.model.layers.Linear;
import org.seqlab.engine.model.layers.ShapeCache;

/**
 * The gated PixelCNN (van den Oord et al. 2016, "Conditional image generation with PixelCNN decoders"): two stacks
 * with no blind spot. The vertical stack v sees every row above; the horizontal stack h sees the current row to the
 * left and, through a 1×1 link, the vertical features shifted down one row (so only rows strictly above).
 * Layer l:
 * <pre>
 *   v̂ = W_v ∗ v                       vertical mask (rows ≤ centre)                     (N, 2C)
 *   v ← tanh(v̂_f) ⊙ σ(v̂_g)                                                             (N, C)
 *   ĥ = W_h ∗ h + shift↓(v̂) W_link     horizontal mask (A in layer 0, then B)            (N, 2C)
 *   h ← h + (tanh(ĥ_f) ⊙ σ(ĥ_g)) W_res  (no residual in layer 0, whose input is the image) (N, C)
 * </pre>
 * The head reads the horizontal stack.
 */
public final class GatedPixelCnnModel extends PixelModel {

    private final List<MaskedConv> vertical = new ArrayList<>();
    private final List<MaskedConv> horizontal = new ArrayList<>();
    private final List<Linear> link = new ArrayList<>();
    private final List<Linear> residual = new ArrayList<>();
    private final List<GatedActivation> vGate = new ArrayList<>();
    private final List<GatedActivation> hGate = new ArrayList<>();
    /** Per layer: shift↓(v̂), ĥ, the new h; and for backward: ∂L/∂ĥ's vertical part, ∂L/∂v̂, ∂L/∂h. */
    // batch-major rows in raster order, (b·H + r)·W + c
    private final List<ShapeCache<HostArray>> shifted = new ArrayList<>();
    private final List<ShapeCache<HostArray>> hHats = new ArrayList<>();
    private final List<ShapeCache<HostArray>> hOuts = new ArrayList<>();
    private final List<ShapeCache<HostArray>> dvHats = new ArrayList<>();
    private final List<ShapeCache<HostArray>> dhIns = new ArrayList<>();
    private final ShapeCache<HostArray> zerosV;

    public GatedPixelCnnModel(ModelConfig config, DataType dataType, long seed) {
        super(config, dataType);
        if (config.family() != Family.GATED_PIXELCNN) {
            throw new IllegalArgumentException(config.family() + " is not a gated PixelCNN");
        }
        int k = config.kernel() % 2 == 1 ? config.kernel() : config.kernel() + 1;
        for (int l = 0; l < config.layers(); l++) {
            int in = l == 0 ? 1 : channels;
            vertical.add(new MaskedConv(params, "v" + l, in, 2 * channels, Mask.vertical(k), work1, work2));
            horizontal.add(new MaskedConv(params, "h" + l, in, 2 * channels, Mask.horizontal(k, l > 0), work1, work2));
            link.add(new Linear(params, "link" + l, 2 * channels, 2 * channels));
            residual.add(new Linear(params, "res" + l, channels, channels));
            vGate.add(new GatedActivation(dataType, channels, work1, work2));
            hGate.add(new GatedActivation(dataType, channels, work1, work2));
            shifted.add(buffers(2 * channels));
            hHats.add(buffers(2 * channels));
            hOuts.add(buffers(channels));
            dvHats.add(buffers(2 * channels));
            dhIns.add(buffers(in));
        }
        zerosV = buffers(channels);
        finish(config, seed);
    }

    private ShapeCache<HostArray> buffers(int cols) {
        return new ShapeCache<>(s -> new HostArray(dataType, s[0] * s[1], cols));
    }

    @Override
    protected void initializeBody(SplittableRandom rng) {
        for (int l = 0; l < vertical.size(); l++) {
            vertical.get(l).initialize(rng);
            horizontal.get(l).initialize(rng);
            link.get(l).initialize(rng);
            residual.get(l).initialize(rng);
        }
    }

    @Override
    public int depth() {
        return vertical.size();
    }

    @Override
    public List<Mask> masks() {
        List<Mask> m = new ArrayList<>();
        for (int l = 0; l < vertical.size(); l++) {
            m.add(vertical.get(l).mask());
            m.add(horizontal.get(l).mask());
        }
        return m;
    }

    /** out[b, r, ·] = in[b, r − 1, ·]; row 0 gets zeros (rows as views of [B, H, W·C]). */
    private void shiftDown(INDArray in, INDArray out, int batch, int c) {
        INDArray i3 = in.reshape('c', batch, height, (long) width * c);
        INDArray o3 = out.reshape('c', batch, height, (long) width * c);
        o3.get(all(), interval(0, 1), all()).assign(0);
        o3.get(all(), interval(1, height), all()).assign(i3.get(all(), interval(0, height - 1), all()));
    }

    /** The transpose of shiftDown: out[b, r, ·] = in[b, r + 1, ·]; the last row gets zeros. */
    private void shiftUp(INDArray in, INDArray out, int batch, int c) {
        INDArray i3 = in.reshape('c', batch, height, (long) width * c);
        INDArray o3 = out.reshape('c', batch, height, (long) width * c);
        o3.get(all(), interval(height - 1, height), all()).assign(0);
        o3.get(all(), interval(0, height - 1), all()).assign(i3.get(all(), interval(1, height), all()));
    }

    @Override
    protected HostArray body(HostArray image, int batch) {
        int pixels = height * width;
        HostArray v = image;
        HostArray h = image;
        for (int l = 0; l < vertical.size(); l++) {
            HostArray vHat = vertical.get(l).forward(v, batch, height, width);                 // v̂ = W_v ∗ v    (N, 2C)
            HostArray vNext = vGate.get(l).forward(vHat, pixels, batch);                        // gated           (N, C)
            HostArray down = shifted.get(l).get(pixels, batch);
            shiftDown(vHat.array(), down.array(), batch, 2 * channels);                          // rows above only
            HostArray fromV = link.get(l).forward(down.array(), pixels, batch);                  // shift↓(v̂) W_link
            HostArray hHat = hHats.get(l).get(pixels, batch);
            horizontal.get(l).forward(h, batch, height, width).array().add(fromV.array(), hHat.array()); // ĥ = W_h ∗ h + …
            HostArray hg = hGate.get(l).forward(hHat, pixels, batch);                           // (N, C)
            HostArray res = residual.get(l).forward(hg.array(), pixels, batch);                // (N, C)
            HostArray hNext = hOuts.get(l).get(pixels, batch);
            if (l > 0) {
                res.array().add(h.array(), hNext.array());                                      // h ← h + …
            } else {
                hNext.array().assign(res.array());
            }
            v = vNext;
            h = hNext;
        }
        return h;
    }

    @Override
    protected double[][] bodyBackward(HostArray dFeatures, int batch, boolean traced) {
        int pixels = height * width;
        double[][] maps = new double[depth()][];
        HostArray dh = dFeatures;
        HostArray dv = zerosV.get(pixels, batch);                       // the top vertical output feeds nothing
        dv.array().assign(0);
        for (int l = vertical.size() - 1; l >= 0; l--) {
            int in = l == 0 ? 1 : channels;
            HostArray dhg = residual.get(l).backward(dh.array());                               // (N, C)
            HostArray dhHat = hGate.get(l).backward(dhg);                                       // (N, 2C)
            HostArray dDown = link.get(l).backward(dhHat.array());                              // (N, 2C)
            HostArray dhConv = horizontal.get(l).backward(dhHat);                               // (N, in)
            HostArray dhIn = dhIns.get(l).get(pixels, batch);
            if (l > 0) {
                dhConv.array().add(dh.array(), dhIn.array());                                   // the residual path
            } else {
                dhIn.array().assign(dhConv.array());
            }
            HostArray dvHat = dvHats.get(l).get(pixels, batch);
            shiftUp(dDown.array(), dvHat.array(), batch, 2 * channels);                          // v̂ also fed ĥ, a row below
            dvHat.array().addi(vGate.get(l).backward(dv).array());
            HostArray dvIn = vertical.get(l).backward(dvHat);                                   // (N, in)
            if (traced) {
                double[] both = pixelNorms(read(dvIn), batch, in);
                double[] b = pixelNorms(read(dhIn), batch, in);
                for (int p = 0; p < pixels; p++) {
                    both[p] += b[p];
                }
                maps[l] = both;
            }
            dh = dhIn;
            dv = dvIn;
        }
        return maps;
    }
}
