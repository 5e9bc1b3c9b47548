package org.seqlab.engine.expect;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;

/** The vocabulary of measurements an {@link Expectation} can make, each on the real models (see {@link SessionMeasures}). */
public enum Measure {
    BITS("bits", true, 0, "the model's validation loss now, in bits per symbol (per pixel for images)"),
    BITS_PER_CHAR("bits_per_char", true, 0, "the validation loss in bits per character: bits per token divided by the"
            + " characters a token covers on the validation part (equal to bits for character models; on BPE tokens it compares)"),
    TRAIN_BITS("train_bits", true, 0, "the model's training loss now (the mean of its last 25 steps), in bits per symbol"),
    FLOOR("floor", false, 0, "the source's exact entropy floor, in bits per symbol (synthetic sources only)"),
    GREEDY_LOOP("greedy_loop", true, 0, "greedy decoding caught in a loop: 200 symbols decoded greedily after the scene's input,"
            + " then the smallest period (1 to 50) with which their last 100 repeat exactly, 0 if they do not (text models)"),
    CACHE("cache", true, 0, "the numbers a Transformer's key/value cache holds per token, counted on its real cache: 2 · L · n_kv"
            + " · d_k (Transformers)"),
    UNIGRAM("unigram", true, 0, "the yardstick that reads no context: validation bits per symbol of the symbol frequencies"
            + " counted on model A's training windows, scored on A's validation batches (for binarised images a constant ink rate)"),
    PER_POSITION("per_position", true, 0, "the same with one distribution per position of the window (for images each pixel"
            + " its own ink rate: the best model that draws every pixel independently)"),
    GRAD_NORM("grad_norm", true, 0, "the norm of the model's last gradient, before any clipping"),
    DIVERGED("diverged", true, 0, "1 when the model's loss diverged and the lab stopped it (not finite, above 10× a uniform guess,"
            + " or above 2× it for 5 steps), else 0"),
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
    LONG_BITS("long_bits", true, 1, "validation bits per symbol on windows k times the training length (k = 2 or 4); a"
            + " Transformer past its context on a copy with a longer one (sinusoidal or no positions), NaN with a learned table"),
    HEAD_OFF("head_off", true, 2, "extra validation bits per symbol when head h of block l is switched off (its rows of the"
            + " output projection zeroed): head_off(A, l, h), blocks and heads from 0 (Transformers)"),
    INDUCTION_OFF("induction_off", true, 0, "extra validation bits per symbol when the head with the highest induction score is"
            + " switched off (Transformers)"),
    HEAD_INDUCTION("head_induction", true, 2, "one head's induction score, head_induction(A, l, h) (Transformers)"),
    GATE_OFF("gate_off", true, 2, "extra validation bits per symbol when gate g of LSTM layer l is held at 0: gate_off(A, l, g),"
            + " g = 0 input, 1 forget, 2 output, 3 candidate (LSTMs)"),
    UNIT_OFF("unit_off", true, 2, "extra validation bits per symbol when hidden unit j of layer l is switched off (nothing"
            + " reads it): unit_off(A, l, j) (recurrent models)"),
    LAYER_OFF("layer_off", true, 1, "extra validation bits per symbol when convolution layer l adds nothing (its residual and"
            + " skip weights zeroed) (causal convolutions)"),
    LENS_BITS("lens_bits", true, 1, "the logit lens: validation bits when the residual stream before block l is read out"
            + " through the final LayerNorm and output layer (l = 0 the embeddings alone, l = L the model's own) (Transformers)"),
    PATCHED("patched", true, 1, "activation patching on the scene's input with its first symbol changed: the state after"
            + " position t patched in from the clean input, then the mean total variation distance between the patched and the"
            + " clean next-symbol distributions after t (0: fully restored); a Transformer's patch is position t's keys and values"
            + " in every block (recurrent models and Transformers)"),
    PATCHED_ALL("patched_all", true, 1, "the same with the whole state patched: for a Transformer its key/value cache, every"
            + " position up to t in every block (the control: 0 when the cache is all a Transformer carries forward)"),
    PERM_GAP("perm_gap", true, 0, "the scene's input and the same with the symbols before the last reversed, through the"
            + " Transformer with its causal mask removed: the largest distance between a symbol's next-symbol distribution before"
            + " and after (0: the outputs permute with the inputs, as attention without positions must) (Transformers)"),
    PERM_LAST("perm_last", true, 0, "the same with the causal mask, at the last position only: 0 when a one-block model without"
            + " positions cannot tell the order of what it read (Transformers)"),
    UPDATE_RATIO("update_ratio", true, 0, "the median size of the last 50 updates against the weights, ‖Δθ‖ ÷ ‖θ‖ (about 1e-3 is"
            + " healthy for Adam; the tutor's measure of the learning rate)"),
    CLIPPED("clipped", true, 0, "the share of the last 50 steps whose gradient norm was over the clipping threshold (0 without clipping)"),
    SATURATED("saturated", true, 0, "on the scene's input, the share of the LSTM's input, forget and output gate values within 0.02"
            + " of 0 or 1 (LSTMs; 0 for other models)"),
    PINNED("pinned", true, 0, "on the scene's input, the share of hidden units that keep one sign with |h| above 0.95 at every"
            + " position: units that carry nothing (recurrent models)"),
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
    public boolean suits(Family f) {
        return switch (this) {
            case GRAD_RATIO -> f.recurrent();
            case INDUCTION -> f == Family.TRANSFORMER;
            case FIELD -> f == Family.CONV1D;
            case BLIND_SPOT, AUC -> f.image();
            case FREE_GAP, RECALL, GREEDY_LOOP -> !f.image();
            case EXACT -> false;   // encoder–decoders only: they have no family of their own
            case LONG_BITS -> !f.image();
            case HEAD_OFF, INDUCTION_OFF, HEAD_INDUCTION, LENS_BITS, PERM_GAP, PERM_LAST, CACHE -> f == Family.TRANSFORMER;
            case GATE_OFF -> f == Family.LSTM;
            case UNIT_OFF -> f.recurrent();
            case LAYER_OFF -> f == Family.CONV1D;
            case PATCHED, PATCHED_ALL -> f.recurrent() || f == Family.TRANSFORMER;
            case SATURATED -> f == Family.LSTM;
            case PINNED -> f.recurrent();
            default -> true;
        };
    }

    /**
     * Why these whole-number arguments cannot be measured on a model of this configuration, or null: checked when a
     * lesson loads, so that a point that can never be measured is a mistake with a line, not an error at run time.
     */
    public String outOfRange(List<Integer> args, ModelConfig m) {
        return switch (this) {
            case GRAD_RATIO -> within("k", args.get(0), 1, ModelConfig.MAX_CONTEXT);
            case AUC -> within("k", args.get(0), 1, 3);
            case LONG_BITS -> within("k", args.get(0), 1, 8);
            case PATCHED, PATCHED_ALL -> within("t", args.get(0), 0, ModelConfig.MAX_CONTEXT);
            case HEAD_OFF, HEAD_INDUCTION -> firstNonNull(within("the block l", args.get(0), 0, m.layers() - 1),
                    within("the head h", args.get(1), 0, m.heads() - 1));
            case GATE_OFF -> firstNonNull(within("the layer l", args.get(0), 0, m.layers() - 1), within("the gate g", args.get(1), 0, 3));
            case UNIT_OFF -> firstNonNull(within("the layer l", args.get(0), 0, m.layers() - 1),
                    within("the unit j", args.get(1), 0, m.hidden() - 1));
            case LAYER_OFF -> within("the layer l", args.get(0), 0, m.layers() - 1);
            case LENS_BITS -> within("the stage l", args.get(0), 0, m.layers());
            default -> null;
        };
    }

    /** An encoder–decoder's {@code exact(A, n)}: sources of n − 2 to n + 2 symbols. */
    public static final int MAX_EXACT_LENGTH = 100;

    private String within(String what, int v, int lo, int hi) {
        return v >= lo && v <= hi ? null : String.format("%s: %s runs from %,d to %,d on this model, not %,d", usage(), what, lo, hi, v);
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    /** How it is written: {@code grad_ratio(A, k)}. */
    public String usage() {
        StringBuilder sb = new StringBuilder(id).append('(');
        if (model) {
            sb.append('A');
        }
        if (numbers == 1) {
            sb.append(model ? ", k" : "k");
        } else if (numbers == 2) {
            sb.append(", l, i");
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
