package org.seqlab.engine.model;

/**
 * The hyperparameters that define a model's architecture. Sizes a family does not use are ignored.
 *
 * @param family  which family
 * @param embed   embedding width D (0: same as hidden)
 * @param hidden  hidden width H of each recurrent layer
 * @param layers  number of stacked layers
 */
public record ModelConfig(Family family, int embed, int hidden, int layers) {

    public static final int MAX_WIDTH = 4096;
    public static final int MAX_LAYERS = 16;

    public ModelConfig {
        if (family == null) {
            throw new IllegalArgumentException("choose a model family");
        }
        check("hidden size", hidden, 1, MAX_WIDTH);
        check("embedding size", embed, 0, MAX_WIDTH);
        check("layers", layers, 1, MAX_LAYERS);
    }

    /** A small default for the family: 1 layer of 64 units. */
    public static ModelConfig defaults(Family family) {
        return new ModelConfig(family, 0, 64, 1);
    }

    /** Embedding width actually used. */
    public int embedWidth() {
        return embed > 0 ? embed : hidden;
    }

    public ModelConfig withHidden(int h) {
        return new ModelConfig(family, embed, h, layers);
    }

    public ModelConfig withLayers(int l) {
        return new ModelConfig(family, embed, hidden, l);
    }

    public ModelConfig withEmbed(int e) {
        return new ModelConfig(family, e, hidden, layers);
    }

    /** "LSTM 1×64". */
    public String describe() {
        return family.label() + " " + layers + "×" + hidden;
    }

    static void check(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be between " + min + " and " + max + ", not " + value);
        }
    }
}
