package org.seqlab.engine.model;
import org.seqlab.engine.io.BadValue;

/** Where a Transformer block puts its LayerNorms. */
public enum Norm {
    /** Before each branch, {@code x + f(LN(x))} (GPT-2 and most models since): the residual path carries x untouched. */
    PRE("pre", "Pre-LN"),
    /**
     * After each residual addition, {@code LN(x + f(x))} (Vaswani et al. 2017): every block's output is normalised, and
     * the gradient to earlier blocks passes through every LayerNorm on the way (Xiong et al. 2020).
     */
    POST("post", "Post-LN");

    private final String id;
    private final String label;

    Norm(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public static Norm parse(String s) {
        for (Norm n : values()) {
            if (n.id.equalsIgnoreCase(s.trim())) {
                return n;
            }
        }
        throw BadValue.says("config.unknownNorm", s);
    }

    @Override
    public String toString() {
        return label;
    }
}
