package org.seqlab.engine.model;

/**
 * The hyperparameters that define a model's architecture. Sizes a family does not use are ignored.
 *
 * @param family     which family
 * @param embed      embedding width D of a recurrent model (0: same as hidden); a Transformer's is {@code hidden}
 * @param hidden     hidden width H of each recurrent layer; a Transformer's model width d_model
 * @param layers     number of stacked layers (Transformer blocks)
 * @param heads      attention heads per block (Transformer); must divide {@code hidden}
 * @param context    the longest sequence a Transformer can read (its positional table's length)
 * @param positional sinusoidal or learned positions (Transformer)
 */
public record ModelConfig(Family family, int embed, int hidden, int layers, int heads, int context, Positional positional) {

    public static final int MAX_WIDTH = 4096;
    public static final int MAX_LAYERS = 16;
    public static final int MAX_CONTEXT = 4096;

    public ModelConfig {
        if (family == null) {
            throw new IllegalArgumentException("choose a model family");
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
        check(family == Family.TRANSFORMER ? "model width" : "hidden size", hidden, 1, MAX_WIDTH);
        check("embedding size", embed, 0, MAX_WIDTH);
        check("layers", layers, 1, MAX_LAYERS);
        if (family == Family.TRANSFORMER) {
            check("heads", heads, 1, hidden);
            if (hidden % heads != 0) {
                throw new IllegalArgumentException("the model width (" + hidden + ") must be a multiple of the number of heads (" + heads + ")");
            }
            check("context", context, 2, MAX_CONTEXT);
        }
    }

    /** A recurrent configuration (heads, context and positions take their defaults). */
    public ModelConfig(Family family, int embed, int hidden, int layers) {
        this(family, embed, hidden, layers, 0, 0, null);
    }

    /** A small default for the family: 1 recurrent layer of 64 units, or 2 blocks of width 64 with 4 heads. */
    public static ModelConfig defaults(Family family) {
        return family == Family.TRANSFORMER
                ? new ModelConfig(family, 0, 64, 2, 4, 128, Positional.SINUSOIDAL)
                : new ModelConfig(family, 0, 64, 1);
    }

    /** Embedding width actually used. */
    public int embedWidth() {
        return family == Family.TRANSFORMER ? hidden : embed > 0 ? embed : hidden;
    }

    public ModelConfig withHidden(int h) {
        return new ModelConfig(family, embed, h, layers, heads, context, positional);
    }

    public ModelConfig withLayers(int l) {
        return new ModelConfig(family, embed, hidden, l, heads, context, positional);
    }

    public ModelConfig withContext(int c) {
        return new ModelConfig(family, embed, hidden, layers, heads, c, positional);
    }

    /** "LSTM 1×64", "Transformer 2×64 4h". */
    public String describe() {
        String s = family.label() + " " + layers + "×" + hidden;
        return family == Family.TRANSFORMER ? s + " " + heads + "h" + (positional == Positional.LEARNED ? " learned-pos" : "") : s;
    }

    static void check(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be between " + min + " and " + max + ", not " + value);
        }
    }
}
