package org.seqlab.engine.model;
import org.seqlab.engine.io.BadValue;

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
    NONE("none", "None"),
    /**
     * No vectors added; instead every head's score for key j from query t is lowered by m_h·(t − j), a penalty linear
     * in the distance, with slopes m_h = 2^(−8(h+1)/n_h) (Press et al. 2022, ALiBi). Nothing depends on the absolute
     * position, so it reads past its training length as it does within it.
     */
    ALIBI("alibi", "ALiBi"),
    /**
     * No vectors added; instead each head's queries and keys are rotated, pair of dimensions (2i, 2i+1) by the angle
     * t·θ_i with θ_i = 10000^(−2i/d_k), so that q_t·k_j depends on t − j only (Su et al. 2021, RoPE).
     */
    ROPE("rope", "RoPE");

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
        throw BadValue.says("config.unknownPositional", s);
    }

    @Override
    public String toString() {
        return label;
    }
}
