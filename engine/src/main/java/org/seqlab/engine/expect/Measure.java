package org.seqlab.engine.expect;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The vocabulary of measurements an {@link Expectation} can make, each on the real models (see {@link SessionMeasures}). */
public enum Measure {
    BITS("bits", true, 0, "the model's validation loss now, in bits per symbol (per pixel for images)"),
    TRAIN_BITS("train_bits", true, 0, "the model's training loss now (the mean of its last 25 steps), in bits per symbol"),
    FLOOR("floor", false, 0, "the source's exact entropy floor, in bits per symbol (synthetic sources only)"),
    GRAD_NORM("grad_norm", true, 0, "the norm of the model's last gradient, before any clipping"),
    FIELD("field", true, 0, "the receptive field measured: how many of a validation window's inputs the loss at its last"
            + " position has a non-zero gradient on (causal convolutions)"),
    GRAD_RATIO("grad_ratio", true, 1, "‖∂L_T/∂h_{T−k}‖ ÷ ‖∂L_T/∂h_T‖ on the scene's input: how much of the last loss's gradient"
            + " still reaches k steps back (recurrent models)"),
    INDUCTION("induction", true, 0, "the best head's induction score: on a random string repeated twice, the mean attention"
            + " a token in the repeat pays to the token after its first occurrence (Transformers; chance is about 1/t)"),
    BLIND_SPOT("blind_spot", true, 0, "how many earlier pixels of the image, inside the box the gradient reaches, the middle"
            + " pixel's prediction cannot see (PixelCNNs; 0 for a gated one)"),
    AUC("auc", true, 1, "ROC AUC of bits per dimension separating held-out digits from damaged ones: k = 1 noisy, 2 shifted,"
            + " 3 inverted (PixelCNNs on digits; 0.5 is chance)"),
    FREE_GAP("free_gap", true, 0, "exposure bias: on 32 validation windows continued from their first half, how many bits per"
            + " step the true next tokens cost more after the model's own greedy history than after the true one"),
    RECALL("recall", true, 0, "on the recall task, the share of recalls (their cue inside the window) where the model's"
            + " most likely symbol is the cue: 1 remembers, about 0.25 guesses"),
    LONG_BITS("long_bits", true, 1, "validation bits per symbol on windows k times the training length (k = 2 or 4); NaN where"
            + " a Transformer cannot read that far (its context)"),
    EXACT("exact", true, 1, "an encoder–decoder's exact match: the share of test sources of n − 2 to n + 2 symbols (those longer"
            + " than training from the long split) whose greedy output equals the reference exactly");

    private final String id;
    private final boolean model;
    private final int numbers;
    private final String description;

    Measure(String id, boolean model, int numbers, String description) {
        this.id = id;
        this.model = model;
        this.numbers = numbers;
        this.description = description;
    }

    public String id() {
        return id;
    }

    /** Whether the first argument is a model's letter. */
    public boolean model() {
        return model;
    }

    /** How many whole-number arguments follow. */
    public int numbers() {
        return numbers;
    }

    public String description() {
        return description;
    }

    /** Whether it can be measured on a model of this family (a lesson's loader refuses the others with their line). */
    public boolean suits(org.seqlab.engine.model.Family f) {
        return switch (this) {
            case GRAD_RATIO -> f.recurrent();
            case INDUCTION -> f == org.seqlab.engine.model.Family.TRANSFORMER;
            case FIELD -> f == org.seqlab.engine.model.Family.CONV1D;
            case BLIND_SPOT, AUC -> f.image();
            case FREE_GAP, RECALL -> !f.image();
            case EXACT -> false;   // encoder–decoders only: they have no family of their own
            case LONG_BITS -> !f.image();
            default -> true;
        };
    }

    /** How it is written: {@code grad_ratio(A, k)}. */
    public String usage() {
        StringBuilder sb = new StringBuilder(id).append('(');
        if (model) {
            sb.append('A');
        }
        if (numbers > 0) {
            sb.append(model ? ", k" : "k");
        }
        return sb.append(')').toString();
    }

    static Measure byId(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst().orElse(null);
    }

    static String names() {
        return Arrays.stream(values()).map(Measure::id).collect(Collectors.joining(", "));
    }
}
