package org.seqlab.engine.model;

/** How a Transformer learns where a token is. */
public enum Positional {
    /** The fixed table PE(pos, 2i) = sin(pos / 10000^{2i/d}), PE(pos, 2i+1) = cos(…) of Vaswani et al. 2017. */
    SINUSOIDAL("sinusoidal", "Sinusoidal"),
    /** A learned vector per position, as in GPT. */
    LEARNED("learned", "Learned"),
    /**
     * None at all. Attention is blind to order: in one block, a position's output depends only on which tokens came
     * before it, not in what order. The causal mask still lets order leak in: stacked blocks see how each earlier
     * position's own prefix differed (Haviv et al. 2022).
     */
    NONE("none", "None");

    private final String id;
    private final String label;

    Positional(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public static Positional parse(String s) {
        for (Positional p : values()) {
            if (p.id.equalsIgnoreCase(s.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown positional encoding '" + s + "'; choose sinusoidal, learned or none");
    }

    @Override
    public String toString() {
        return label;
    }
}
