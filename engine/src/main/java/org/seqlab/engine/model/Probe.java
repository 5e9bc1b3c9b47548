package org.seqlab.engine.model;

/**
 * One quantity a model computed for batch item 0 of a traced input, as a {@link Trace} holds it: the key views ask
 * for instead of a name. Each probe knows its shape; every family lists the probes it fills
 * ({@link SequenceModel#probes()}), and {@code ProbesTest} checks that a trace holds exactly those, shaped so.
 *
 * <p>Row order: time (or the query position) along the first axis; {@code T} is the number of traced positions
 * (for an image, height × width in raster order), {@code H} the layer's width, {@code hs} a head's width.
 */
public sealed interface Probe {

    /** The shape of this probe's array for a traced input of {@code steps} positions of a model built as {@code spec}. */
    int[] shape(ModelSpec spec, int steps);

    /** h_t of layer l, [T, H]: a recurrent layer's hidden state, a causal convolution's output. */
    record Hidden(int layer) implements Probe {
        @Override
        public int[] shape(ModelSpec spec, int steps) {
            return new int[] {steps, spec.config().hidden()};
        }
    }

    /** The LSTM's cell state c_t of layer l, [T, H]. */
    record Cell(int layer) implements Probe {
        @Override
        public int[] shape(ModelSpec spec, int steps) {
            return new int[] {steps, spec.config().hidden()};
        }
    }

    /** The LSTM's gates. */
    enum Gate {
        /** Input gate i_t in (0, 1). */
        INPUT,
        /** Forget gate f_t in (0, 1). */
        FORGET,
        /** Output gate o_t in (0, 1). */
        OUTPUT,
        /** The candidate g_t in (−1, 1). */
        CANDIDATE
    }

    /** One LSTM gate of layer l, [T, H]. */
    record GateValues(Gate gate, int layer) implements Probe {
        @Override
        public int[] shape(ModelSpec spec, int steps) {
            return new int[] {steps, spec.config().hidden()};
        }
    }

    /** What a gradient norm is taken of, at each position t of layer l. */
    enum GradientOf {
        /** ‖∂L/∂h_t‖, a recurrent layer's hidden state (backward through time). */
        HIDDEN,
        /** ‖∂L/∂c_t‖, the LSTM's cell state. */
        CELL,
        /** ‖∂L/∂x_t‖, the input of a Transformer block or a convolution layer. */
        LAYER_INPUT
    }

    /** ‖∂L/∂·_t‖ of layer l at each position, [T]; filled by {@link SequenceModel#backward()}. */
    record GradientNorm(GradientOf of, int layer) implements Probe {
        @Override
        public int[] shape(ModelSpec spec, int steps) {
            return new int[] {steps};
        }
    }

    /**
     * A PixelCNN's receptive field at layer l's input, [height, width]: ‖∂L/∂x‖ per pixel, summed over the batch
     * (for a single traced pixel's loss, only the pixels it depends on are nonzero). Filled by backward.
     */
    record ReceptiveField(int layer) implements Probe {
        @Override
        public int[] shape(ModelSpec spec, int steps) {
            return new int[] {spec.config().height(), spec.config().width()};
        }
    }

    /** log p(target_t | x_{<t}) in nats at each position, [T]. */
    record LogProb() implements Probe {
        @Override
        public int[] shape(ModelSpec spec, int steps) {
            return new int[] {steps};
        }
    }

    /** An image model's p(x_i = 1 | x_{<i}) at every pixel, [height, width]. */
    record PixelProbability() implements Probe {
        @Override
        public int[] shape(ModelSpec spec, int steps) {
            return new int[] {spec.config().height(), spec.config().width()};
        }
    }

    /** The traced image itself, [height, width] of 0/1. */
    record Image() implements Probe {
        @Override
        public int[] shape(ModelSpec spec, int steps) {
            return new int[] {spec.config().height(), spec.config().width()};
        }
    }

    /** The residual stream entering Transformer block l, [T, D]. */
    record BlockInput(int layer) implements Probe {
        @Override
        public int[] shape(ModelSpec spec, int steps) {
            return new int[] {steps, spec.config().hidden()};
        }
    }

    /** The Transformer's positional table, [context, D] (zeros when it uses none). */
    record PositionTable() implements Probe {
        @Override
        public int[] shape(ModelSpec spec, int steps) {
            return new int[] {spec.context(), spec.config().hidden()};
        }
    }

    /** The stages of one attention head, in the order the lab's step-through shows them. */
    enum Stage {
        /** q_t = x_t W_q, [T, hs]. */
        QUERY,
        /** k_t, [T, hs]. */
        KEY,
        /** v_t, [T, hs]. */
        VALUE,
        /** q_t · k_j, [T, T]. */
        RAW_SCORES,
        /** q_t · k_j / √hs, [T, T]. */
        SCALED_SCORES,
        /** The scaled scores with −∞ above the diagonal (j > t), [T, T]. */
        MASKED_SCORES,
        /** softmax over j of the masked scores, [T, T]: the attention weights. */
        WEIGHTS,
        /** Σ_j weights_tj v_j, [T, hs]. */
        OUTPUT;

        /** Whether this stage is a [T, T] matrix of query against key (else [T, hs]). */
        public boolean queryByKey() {
            return this == RAW_SCORES || this == SCALED_SCORES || this == MASKED_SCORES || this == WEIGHTS;
        }
    }

    /** One stage of head h in Transformer block l. */
    record Attention(Stage stage, int layer, int head) implements Probe {
        @Override
        public int[] shape(ModelSpec spec, int steps) {
            return stage.queryByKey() ? new int[] {steps, steps} : new int[] {steps, spec.config().hidden() / spec.config().heads()};
        }
    }

    /** The attention weights of head h in block l, [T, T]. */
    static Attention weights(int layer, int head) {
        return new Attention(Stage.WEIGHTS, layer, head);
    }

    /** The mean loss of an inspected batch, [1] (nats). */
    record Loss() implements Probe {
        @Override
        public int[] shape(ModelSpec spec, int steps) {
            return new int[] {1};
        }
    }

    /** ‖∂L/∂θ‖ over all weights, before clipping, [1]. */
    record ParameterGradientNorm() implements Probe {
        @Override
        public int[] shape(ModelSpec spec, int steps) {
            return new int[] {1};
        }
    }
}
