package org.seqlab.engine.model.conv;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.engine.model.layers.HostArray;
import org.seqlab.engine.model.layers.Scratch;
import org.seqlab.engine.model.layers.ShapeCache;

/**
 * The gated activation of WaveNet and the gated PixelCNN: the 2C channels of a convolution are split into a filter
 * and a gate, {@code z = tanh(a_f) ⊙ σ(a_g)}. Backward:
 * {@code da_f = dz ⊙ σ(a_g) ⊙ (1 − tanh²(a_f))}, {@code da_g = dz ⊙ tanh(a_f) ⊙ σ(a_g)(1 − σ(a_g))}.
 *
 * <p>One vectorised ND4J sigmoid covers all 2C channels; the filter's tanh then follows from its sigmoid s without
 * another exponential, {@code tanh(a) = (2s − 1)/(s² + (1 − s)²)} (as in the LSTM cell).
 */
public final class GatedActivation {

    private final int channels;
    // row-wise, so row order is the caller's: time-major (t·B + b) in recurrent models, batch-major (b·T + t) elsewhere
    private final ShapeCache<HostArray> outputs;
    private final ShapeCache<HostArray> grads;
    private final ShapeCache<HostArray> sigmoidsAll;    // σ(a) of all 2C channels, kept for the backward pass
    // transient Java work arrays, shared by a model's layers (a model runs on one thread): kept per layer they were
    // gigabytes for a gated PixelCNN on 28×28 digits
    private final Scratch wide;     // [N, 2C]: σ of both halves, then ∂L/∂a
    private final Scratch narrow;   // [N, C]: z, then ∂L/∂z
    private HostArray lastSigmoids;
    private int lastRows;
    private int lastBatch;

    /** With its own work arrays (for a layer on its own, as the gradient checks build it). */
    public GatedActivation(DataType dataType, int channels) {
        this(dataType, channels, new Scratch(), new Scratch());
    }

    /** With work arrays shared by the model's layers. */
    public GatedActivation(DataType dataType, int channels, Scratch wide, Scratch narrow) {
        this.channels = channels;
        this.wide = wide;
        this.narrow = narrow;
        this.outputs = new ShapeCache<>(s -> new HostArray(dataType, s[0] * s[1], channels));
        this.grads = new ShapeCache<>(s -> new HostArray(dataType, s[0] * s[1], 2L * channels));
        this.sigmoidsAll = new ShapeCache<>(s -> new HostArray(dataType, s[0] * s[1], 2L * channels));
    }

    /** a [N, 2C] (filter | gate) → z [N, C]; N = rows·batch. */
    public HostArray forward(HostArray a, int rows, int batch) {
        int n = rows * batch;
        HostArray sAll = sigmoidsAll.get(rows, batch);
        Nd4j.exec(new Sigmoid(a.array(), sAll.array()));                                     // σ of all 2C channels
        double[] in = wide.of(n * 2 * channels);
        sAll.read(0, in, 0, in.length);
        double[] z = narrow.of(n * channels);
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < channels; j++) {
                double sf = in[r * 2 * channels + j];
                double q = 1 - sf;
                double tf = (2 * sf - 1) / (sf * sf + q * q);                                 // tanh(a_f) from σ(a_f)
                double sg = in[r * 2 * channels + channels + j];                              // σ(a_g)
                z[r * channels + j] = tf * sg;
            }
        }
        HostArray out = outputs.get(rows, batch);
        out.write(0, z, 0, z.length);
        lastSigmoids = sAll;
        lastRows = rows;
        lastBatch = batch;
        return out;
    }

    /** dz [N, C] → da [N, 2C], from the σ values the forward kept (tanh follows from them again). */
    public HostArray backward(HostArray dz) {
        int n = lastRows * lastBatch;
        double[] d = narrow.of(n * channels);
        dz.read(0, d, 0, d.length);
        double[] s = wide.of(n * 2 * channels);
        lastSigmoids.read(0, s, 0, s.length);
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < channels; j++) {
                int f = r * 2 * channels + j;                                                 // filter half
                int g = f + channels;                                                         // gate half
                double sf = s[f];
                double q = 1 - sf;
                double tf = (2 * sf - 1) / (sf * sf + q * q);
                double sg = s[g];
                double dzk = d[r * channels + j];
                s[f] = dzk * sg * (1 - tf * tf);                                              // da_f, in place
                s[g] = dzk * tf * sg * (1 - sg);                                              // da_g
            }
        }
        HostArray out = grads.get(lastRows, lastBatch);
        out.write(0, s, 0, s.length);
        return out;
    }
}
