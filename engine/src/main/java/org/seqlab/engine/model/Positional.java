package org.seqlab.engine.model;

/** How a Transformer learns where a token is. */
public enum Positional {
    /** The fixed table PE(pos, 2i) = sin(pos / 10000^{2i/d}), PE(pos, 2i+1) = cos(…) of Vaswani et al. 2017. */
    SINUSOIDAL("sinusoidal", "Sinusoidal"),
    /** A learned vector per position, as in GPT. */
    LEARNED("learned", "Learned");

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
        throw new IllegalArgumentException("unknown positional encoding '" + s + "'; choose sinusoidal or learned");
    }

    @Override
    public String toString() {
        return label;
    }
}
