package org.seqlab.engine.model;
import org.seqlab.engine.io.Says;
import org.seqlab.engine.io.BadValue;

/**
 * The hyperparameters that define a model's architecture. Sizes a family does not use are ignored.
 *
 * @param family     which family
 * @param embed      embedding width of a recurrent model (0: same as hidden)
 * @param hidden     hidden width of a recurrent layer; a Transformer's d_model; a convolution's channels
 * @param layers     stacked layers (Transformer blocks, convolution layers)
 * @param heads      attention heads per block (Transformer); must divide {@code hidden}
 * @param context    the longest sequence a Transformer can read (its positional table's length)
 * @param positional sinusoidal, learned, none, ALiBi or RoPE (Transformer)
 * @param kernel     convolution kernel size: the causal conv's taps; the first (type A) layer of a PixelCNN; a
 *                   gated PixelCNN's vertical and horizontal kernels
 * @param dilated    causal conv: dilations 1, 2, 4, … (true) or all 1
 * @param height     image models: rows of the image
 * @param width      image models: columns of the image
 * @param kvHeads    key/value heads per block (Transformer), shared by the heads in groups: {@code heads} (0 by default)
 *                   for standard multi-head attention, 1 for multi-query, between for grouped-query attention
 * @param norm       where a Transformer block puts its LayerNorms: pre (default) or post
 */
public record ModelConfig(Family family, int embed, int hidden, int layers, int heads, int context, Positional positional,
        int kernel, boolean dilated, int height, int width, int kvHeads, Norm norm, Activation activation, Boolean bias) {

    public static final int MAX_WIDTH = 4096;
    public static final int MAX_LAYERS = 16;
    public static final int MAX_CONTEXT = 4096;

    public ModelConfig {
        if (family == null) {
            throw BadValue.says("config.noFamily");
        }
        if (heads == 0) {
            heads = 4;
        }
        if (context == 0) {
            context = 128;
        }
        if (positional == null) {
            positional = Positional.SINUSOIDAL;
        }
        if (kvHeads == 0) {
            kvHeads = heads;                  // every head its own keys and values
        }
        if (norm == null) {
            norm = Norm.PRE;
        }
        if (activation == null) {
            activation = Activation.GELU_SIGMOID;   // SeqLab's; saved files from before it was a setting mean this one
        }
        if (bias == null) {
            bias = Boolean.TRUE;                    // every layer has its bias, but an imported nanoGPT's bias=False Transformer
        }
        if (kernel == 0) {
            kernel = family == Family.PIXELCNN ? 5 : family == Family.GATED_PIXELCNN ? 3 : 2;
        }
        check(family == Family.TRANSFORMER ? "what.modelWidth" : family.recurrent() ? "what.hiddenSize" : "what.channels", hidden, 1, MAX_WIDTH);
        check("what.embeddingSize", embed, 0, MAX_WIDTH);
        check("what.layers", layers, 1, MAX_LAYERS);
        if (family == Family.TRANSFORMER) {
            check("what.heads", heads, 1, hidden);
            if (hidden % heads != 0) {
                throw BadValue.says("config.widthHeads", hidden, heads);
            }
            check("what.context", context, 2, MAX_CONTEXT);
            check("what.kvHeads", kvHeads, 1, heads);
            if (heads % kvHeads != 0) {
                throw BadValue.says("config.kvHeads", heads, kvHeads);
            }
            if (positional == Positional.ROPE && (hidden / heads) % 2 != 0) {
                throw BadValue.says("config.ropeEven", hidden, heads, hidden / heads);
            }
        }
        if (family == Family.CONV1D) {
            check("what.kernelSize", kernel, 2, 16);
        }
        if (family.image()) {
            check("what.kernelSize", kernel, 2, 15);
            if (family == Family.MADE) {
                check("what.madeLayers", layers, 1, 1);
            }
            if (family == Family.PIXELCNN && kernel % 2 == 0) {
                throw BadValue.says("config.oddKernel", kernel);
            }
            check("what.imageHeight", height, 1, 512);
            check("what.imageWidth", width, 1, 512);
        }
    }

    /** With SeqLab's GELU, x·σ(1.702x). */
    public ModelConfig(Family family, int embed, int hidden, int layers, int heads, int context, Positional positional, int kernel,
            boolean dilated, int height, int width, int kvHeads, Norm norm) {
        this(family, embed, hidden, layers, heads, context, positional, kernel, dilated, height, width, kvHeads, norm, null, null);
    }

    /** Without the Transformer's key/value heads and norm placement: every head its own keys and values, pre-LN. */
    public ModelConfig(Family family, int embed, int hidden, int layers, int heads, int context, Positional positional, int kernel,
            boolean dilated, int height, int width) {
        this(family, embed, hidden, layers, heads, context, positional, kernel, dilated, height, width, 0, null);
    }

    /** A recurrent configuration (the other sizes take their defaults). */
    public ModelConfig(Family family, int embed, int hidden, int layers) {
        this(family, embed, hidden, layers, 0, 0, null, 0, true, 0, 0);
    }

    /** A Transformer configuration. */
    public ModelConfig(Family family, int embed, int hidden, int layers, int heads, int context, Positional positional) {
        this(family, embed, hidden, layers, heads, context, positional, 0, true, 0, 0);
    }

    /** A causal convolution stack over text. */
    public static ModelConfig conv1d(int channels, int layers, int kernel, boolean dilated) {
        return new ModelConfig(Family.CONV1D, 0, channels, layers, 0, 0, null, kernel, dilated, 0, 0);
    }

    /** A PixelCNN (plain or gated) for images of height × width. */
    public static ModelConfig pixelCnn(boolean gated, int channels, int layers, int kernel, int height, int width) {
        return new ModelConfig(gated ? Family.GATED_PIXELCNN : Family.PIXELCNN, 0, channels, layers, 0, 0, null, kernel, true,
                height, width);
    }

    /** A MADE of {@code hiddenUnits} masked hidden units for images of height × width. */
    public static ModelConfig made(int hiddenUnits, int height, int width) {
        return new ModelConfig(Family.MADE, 0, hiddenUnits, 1, 0, 0, null, 0, true, height, width);
    }

    /** A small default for the family. */
    public static ModelConfig defaults(Family family) {
        return switch (family) {
            case TRANSFORMER -> new ModelConfig(family, 0, 64, 2, 4, 128, Positional.SINUSOIDAL);
            case CONV1D -> conv1d(64, 6, 2, true);
            case PIXELCNN -> pixelCnn(false, 32, 6, 5, 14, 14);
            case GATED_PIXELCNN -> pixelCnn(true, 32, 6, 3, 14, 14);
            case MADE -> made(256, 14, 14);
            default -> new ModelConfig(family, 0, 64, 1);
        };
    }

    /** Embedding width actually used. */
    public int embedWidth() {
        return family.recurrent() ? (embed > 0 ? embed : hidden) : hidden;
    }

    /** The same Transformer with {@code kv} key/value heads shared by its heads (multi-query: 1; grouped: between). */
    public ModelConfig withKvHeads(int kv) {
        return new ModelConfig(family, embed, hidden, layers, heads, context, positional, kernel, dilated, height, width, kv, norm, activation, bias);
    }

    /** The same Transformer with another form of GELU in its MLPs (an imported checkpoint's). */
    public ModelConfig withActivation(Activation a) {
        return new ModelConfig(family, embed, hidden, layers, heads, context, positional, kernel, dilated, height, width, kvHeads, norm, a, bias);
    }

    /** The same Transformer with or without biases in its maps and LayerNorms (nanoGPT's {@code bias=False}: without). */
    public ModelConfig withBias(boolean b) {
        return new ModelConfig(family, embed, hidden, layers, heads, context, positional, kernel, dilated, height, width, kvHeads, norm,
                activation, b);
    }

    /** Whether the Transformer's maps and LayerNorms have biases. */
    public boolean biased() {
        return bias == null || bias;
    }

    public ModelConfig withNorm(Norm n) {
        return new ModelConfig(family, embed, hidden, layers, heads, context, positional, kernel, dilated, height, width, kvHeads, n, activation, bias);
    }

    /** Key and value entries cached per token, all blocks: 2 · L · n_kv · d_k (Transformers), 0 for the others. */
    public long cachePerToken() {
        return family == Family.TRANSFORMER ? 2L * layers * kvHeads * (hidden / heads) : 0;
    }

    public ModelConfig withPositional(Positional p) {
        return new ModelConfig(family, embed, hidden, layers, heads, context, p, kernel, dilated, height, width, kvHeads, norm, activation, bias);
    }

    public ModelConfig withContext(int c) {
        return new ModelConfig(family, embed, hidden, layers, heads, c, positional, kernel, dilated, height, width, kvHeads, norm, activation, bias);
    }

    public ModelConfig withDilated(boolean d) {
        return new ModelConfig(family, embed, hidden, layers, heads, context, positional, kernel, d, height, width, kvHeads, norm, activation, bias);
    }

    /** The same model for images of another size. */
    public ModelConfig withImage(int h, int w) {
        return new ModelConfig(family, embed, hidden, layers, heads, context, positional, kernel, dilated, h, w, kvHeads, norm, activation, bias);
    }

    /** The causal conv's receptive field, 1 + (k − 1) Σ_l d_l: 2^L for k = 2 with dilations 2^l. */
    public int receptiveField() {
        int sum = 0;
        for (int l = 0; l < layers; l++) {
            sum += dilated ? 1 << l : 1;
        }
        return 1 + (kernel - 1) * sum;
    }

    /** "LSTM 1×64", "Transformer 2×64 4h", "Causal conv 6×64 k2". */
    public String describe() {
        String s = family.label() + " " + layers + "×" + hidden;
        return switch (family) {
            case TRANSFORMER -> s + " " + heads + "h" + (kvHeads == heads ? "" : kvHeads == 1 ? " MQA" : " " + kvHeads + "kv")
                    + switch (positional) {
                        case LEARNED -> " learned-pos";
                        case NONE -> " no-pos";
                        case ALIBI -> " ALiBi";
                        case ROPE -> " RoPE";
                        default -> "";
                    } + (norm == Norm.POST ? " post-LN" : "") + (activation == Activation.GELU_SIGMOID ? "" : " " + activation.id())
                    + (biased() ? "" : " no-bias");
            case CONV1D -> s + " k" + kernel + (dilated ? "" : " undilated");
            case PIXELCNN, GATED_PIXELCNN -> s + " k" + kernel;
            case MADE -> family.label() + " " + hidden + " units";
            default -> s;
        };
    }

    /** {@code what} is the key of the setting's name in says.properties ("what.layers"). */
    static void check(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw BadValue.says("config.between", Says.of(what), min, max, value);
        }
    }
}
