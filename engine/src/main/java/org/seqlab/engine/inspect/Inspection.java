package org.seqlab.engine.inspect;

import java.util.BitSet;
import org.seqlab.engine.data.Batch;
import org.seqlab.engine.model.Forward;
import org.seqlab.engine.model.Probe;
import org.seqlab.engine.model.SequenceModel;
import org.seqlab.engine.model.Trace;
import org.seqlab.engine.model.TraceLevel;

/**
 * Everything the views show about one model on one input string (or image), computed from the model as it is now.
 *
 * <p>Two passes. The first scores the whole string and traces every intermediate (hidden states, gates).
 * The second keeps only the loss at the last position, L_T = −log p(x_T | x_{&lt;T}), and back-propagates
 * it, so {@link Probe.GradientNorm} of the hidden state holds ‖∂L_T/∂h_t‖ for every t: how much the last prediction can still
 * teach step t. For a vanilla RNN it typically falls by orders of magnitude going back in time (the
 * vanishing gradient); an LSTM's cell path keeps it up. {@link Probe.ParameterGradientNorm} [1] is ‖∇_θ L_T‖, which
 * gradient clipping compares with its threshold.
 */
public final class Inspection {

    private Inspection() {
    }

    /** @param tokens the input string as ids, at least two */
    public static Trace of(SequenceModel model, int[] tokens) {
        return of(model, tokens, -1);
    }

    /**
     * @param tokens   the input string as ids (for an image model, its pixels)
     * @param position the output whose loss is back-propagated, or −1 for the last (an image: the pixel whose
     *                 receptive field {@code grad.x.layer<l>} maps)
     */
    public static Trace of(SequenceModel model, int[] tokens, int position) {
        Batch all = model.spec().family().image() ? Batch.ofImage(tokens) : Batch.ofSequence(tokens);
        Forward f = model.forward(all, TraceLevel.FULL);
        Trace forward = f.trace();

        model.forward(position < 0 ? all.lastPositionOnly() : all.onlyAt(Math.min(position, all.steps() - 1)), TraceLevel.FULL);
        Trace gradients = model.backward();
        double paramNorm = model.parameters().flatGradient().norm2Number().doubleValue();
        Trace extra = Trace.builder()
                .put(new Probe.ParameterGradientNorm(), new int[] {1}, new double[] {paramNorm})
                .put(new Probe.Loss(), new int[] {1}, new double[] {f.loss()})
                .build();
        return forward.with(gradients).with(extra);
    }

    /**
     * A PixelCNN's blind spot from one pixel's receptive-field gradient ({@link Probe.ReceptiveField}, one value per
     * pixel, {@code width} pixels a row): the earlier pixels, inside the bounding box of those the gradient reaches,
     * that it does not reach.
     */
    public static BitSet blindSpot(Trace.Array grad, int pixel, int width) {
        int r0 = Integer.MAX_VALUE;
        int r1 = -1;
        int c0 = Integer.MAX_VALUE;
        int c1 = -1;
        for (int i = 0; i < grad.data().length; i++) {
            if (grad.get(i) != 0) {
                r0 = Math.min(r0, i / width);
                r1 = Math.max(r1, i / width);
                c0 = Math.min(c0, i % width);
                c1 = Math.max(c1, i % width);
            }
        }
        BitSet blind = new BitSet();
        for (int i = 0; i < pixel; i++) {
            int r = i / width;
            int c = i % width;
            if (r >= r0 && r <= r1 && c >= c0 && c <= c1 && grad.get(i) == 0) {
                blind.set(i);
            }
        }
        return blind;
    }
}
