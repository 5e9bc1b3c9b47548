package org.seqlab.engine.model.transformer;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.seqlab.engine.model.Activation;
import org.seqlab.engine.model.Norm;
import org.seqlab.engine.model.Parameters;
import org.seqlab.engine.model.Positional;
import org.seqlab.engine.model.layers.HostArray;
import org.seqlab.engine.model.layers.LayerNorm;
import org.seqlab.engine.model.layers.ShapeCache;

/**
 * One Transformer block. Pre-LayerNorm (GPT-2, the default): {@code x = x + attn(LN₁(x))}, then
 * {@code x = x + mlp(LN₂(x))}; the residual additions let the gradient reach every earlier block unchanged.
 * Post-LayerNorm (Vaswani et al. 2017): {@code x = LN₁(x + attn(x))}, then {@code x = LN₂(x + mlp(x))}; the gradient
 * to earlier blocks passes through every LayerNorm on the way.
 */
final class TransformerBlock {

    final LayerNorm ln1;
    final MultiHeadAttention attn;
    final LayerNorm ln2;
    final Mlp mlp;
    // batch-major rows, b·T + t, [B·T, D]
    private final ShapeCache<HostArray> mids;     // x + attn(LN₁ x)
    private final ShapeCache<HostArray> outs;     // … + mlp(LN₂ …)
    private final ShapeCache<HostArray> dMids;
    private final ShapeCache<HostArray> dIns;
    private int lastSteps;
    private int lastBatch;
    private final boolean post;

    TransformerBlock(Parameters params, String name, int dim, int heads, int kvHeads, Positional positions,
            Norm norm, Activation activation, boolean bias) {
        post = norm == Norm.POST;
        ln1 = new LayerNorm(params, name + ".ln1", dim, bias);
        attn = new MultiHeadAttention(params, name + ".attn", dim, heads, kvHeads, positions, bias);
        ln2 = new LayerNorm(params, name + ".ln2", dim, bias);
        mlp = new Mlp(params, name + ".mlp", dim, activation, bias);
        DataType dt = params.dataType();
        mids = new ShapeCache<>(s -> new HostArray(dt, s[0] * s[1], dim));
        outs = new ShapeCache<>(s -> new HostArray(dt, s[0] * s[1], dim));
        dMids = new ShapeCache<>(s -> new HostArray(dt, s[0] * s[1], dim));
        dIns = new ShapeCache<>(s -> new HostArray(dt, s[0] * s[1], dim));
    }

    void initialize(SplittableRandom rng, int layers) {
        ln1.initialize();
        attn.initialize(rng, layers);
        ln2.initialize();
        mlp.initialize(rng, layers);
    }

    /** x [B·T, D] → [B·T, D]. */
    HostArray forward(HostArray x, int steps, int batch) {
        lastSteps = steps;
        lastBatch = batch;
        if (post) {
            HostArray sum1 = mids.get(steps, batch);
            x.array().add(attn.forward(x, steps, batch).array(), sum1.array());             // x + attn(x)
            HostArray x1 = ln1.forward(sum1, steps, batch);                                  // LN₁(·)
            HostArray sum2 = outs.get(steps, batch);
            x1.array().add(mlp.forward(x1, steps, batch).array(), sum2.array());            // x₁ + mlp(x₁)
            return ln2.forward(sum2, steps, batch);                                          // LN₂(·)
        }
        HostArray mid = mids.get(steps, batch);
        x.array().add(attn.forward(ln1.forward(x, steps, batch), steps, batch).array(), mid.array()); // x + attn(LN₁ x)
        HostArray out = outs.get(steps, batch);
        mid.array().add(mlp.forward(ln2.forward(mid, steps, batch), steps, batch).array(), out.array()); // + mlp(LN₂ ·)
        return out;
    }

    /** ∂L/∂out → ∂L/∂x: each residual branch adds its gradient to the one passing straight through. */
    HostArray backward(HostArray dOut) {
        if (post) {
            HostArray dSum2 = ln2.backward(dOut);
            HostArray dX1 = dMids.get(lastSteps, lastBatch);
            dSum2.array().add(mlp.backward(dSum2).array(), dX1.array());                    // both paths into x₁
            HostArray dSum1 = ln1.backward(dX1);
            HostArray dIn = dIns.get(lastSteps, lastBatch);
            dSum1.array().add(attn.backward(dSum1).array(), dIn.array());                   // both paths into x
            return dIn;
        }
        HostArray dMid = dMids.get(lastSteps, lastBatch);
        dOut.array().add(ln2.backward(mlp.backward(dOut)).array(), dMid.array());
        HostArray dIn = dIns.get(lastSteps, lastBatch);
        dMid.array().add(ln1.backward(attn.backward(dMid)).array(), dIn.array());
        return dIn;
    }

    /** One new position per sequence, attending to the cache. */
    HostArray step(HostArray x, int batch, MultiHeadAttention.Cache cache) {
        if (post) {
            HostArray sum1 = mids.get(1, batch);
            x.array().add(attn.step(x, batch, cache).array(), sum1.array());
            HostArray x1 = ln1.forward(sum1, 1, batch);
            HostArray sum2 = outs.get(1, batch);
            x1.array().add(mlp.forward(x1, 1, batch).array(), sum2.array());
            return ln2.forward(sum2, 1, batch);
        }
        HostArray mid = mids.get(1, batch);
        x.array().add(attn.step(ln1.forward(x, 1, batch), batch, cache).array(), mid.array());
        HostArray out = outs.get(1, batch);
        mid.array().add(mlp.forward(ln2.forward(mid, 1, batch), 1, batch).array(), out.array());
        return out;
    }
}
