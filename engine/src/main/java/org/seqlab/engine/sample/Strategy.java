package org.seqlab.engine.sample;
import org.seqlab.engine.io.BadValue;

/** How the next token is chosen from the model's distribution. */
public enum Strategy {
    /** Always the most likely token. */
    GREEDY("greedy", "Greedy"),
    /** Drawn from softmax(logits / T). */
    SAMPLE("sample", "Sampling"),
    /** Drawn from the k most likely tokens, renormalised (Fan et al. 2018). */
    TOP_K("top-k", "Top-k"),
    /** Drawn from the smallest set of tokens whose mass reaches p, renormalised (nucleus sampling, Holtzman et al. 2020). */
    TOP_P("top-p", "Top-p"),
    /** Keeps the W most probable continuations at every step. */
    BEAM("beam", "Beam search");

    private final String id;
    private final String label;

    Strategy(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public static Strategy parse(String s) {
        for (Strategy v : values()) {
            if (v.id.equalsIgnoreCase(s.trim())) {
                return v;
            }
        }
        throw BadValue.says("config.unknownStrategy", s);
    }

    @Override
    public String toString() {
        return label;
    }
}
