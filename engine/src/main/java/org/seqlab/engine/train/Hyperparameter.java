package org.seqlab.engine.train;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;

/**
 * The one table of a language model's settings: the key a lesson's model block writes, the option the command line
 * takes, the name and sentence the lab's settings show, and the families that read it. The lesson loader's keys, the
 * command line's refusal of an option the chosen model does not read, the lab's settings for each model (in this
 * order), and the authors' guide (a test holds {@code lessons/README.md} to this list) all come from here; the
 * defaults are {@link RunConfig#defaults}'s.
 */
public enum Hyperparameter {
    HIDDEN("hidden", "--hidden", "Hidden units", "Width H of each recurrent layer", Family.values()),
    LAYERS("layers", "--layers", "Layers", "Stacked recurrent layers", Family.RNN, Family.LSTM, Family.GRU, Family.TRANSFORMER,
            Family.CONV1D, Family.PIXELCNN, Family.GATED_PIXELCNN),
    EMBED("embed", "--embed", "Embedding width", "Width of the character embedding (0: same as hidden)", Family.RNN, Family.LSTM,
            Family.GRU),
    HEADS("heads", "--heads", "Heads", "Attention heads per block (must divide the width)", Family.TRANSFORMER),
    CONTEXT("context", "--context", "Context", "The longest sequence it can read (≥ sequence length)", Family.TRANSFORMER),
    POSITIONS("positions", "--positions", "Positions", "Sinusoidal table, learned vectors, none (order-blind), ALiBi (a distance"
            + " penalty on the scores) or RoPE (rotated queries and keys)", Family.TRANSFORMER),
    KV_HEADS("kv_heads", "--kv-heads", "Key/value heads", "Heads of keys and values, each shared by a group of the heads: as many"
            + " as the heads for standard attention, 1 for multi-query; the cache shrinks by the share", Family.TRANSFORMER),
    NORM("norm", "--norm", "LayerNorm", "Pre-LN: x + f(LN(x)); post-LN: LN(x + f(x)), the original Transformer's", Family.TRANSFORMER),
    KERNEL("kernel", "--kernel", "Kernel", "Taps per convolution", Family.CONV1D, Family.PIXELCNN, Family.GATED_PIXELCNN),
    DILATION("dilation", "--no-dilation", "Dilation", "Dilations 1, 2, 4, …: the receptive field doubles per layer", Family.CONV1D),
    OPTIMIZER("optimizer", "--optimizer", "Optimiser", "Adam (each weight's step scaled by its gradient's size) or plain SGD (the"
            + " step is α times the gradient: where clipping matters)", Family.values()),
    LR("lr", "--lr", "Learning rate", "The step size α", Family.values()),
    SCHEDULE("schedule", "--schedule", "Schedule", "Constant, or warm-up then cosine decay", Family.values()),
    WARMUP("warmup", "--warmup", "Warm-up steps", "With warm-up and cosine decay: steps over which the rate climbs from 0",
            Family.values()),
    DECAY("decay", null, "Decay steps", "With warm-up and cosine decay: steps over which the rate falls to a tenth", Family.values()),
    CLIP("clip", "--clip", "Clip threshold", "The largest gradient norm let through (the gradient is rescaled above it)",
            Family.values()),
    ORDER("order", "--order", "Pixel order", "The order this model reads each digit's pixels in: raster, snake, column by column,"
            + " along a Hilbert curve, or one fixed random permutation", Family.RNN, Family.LSTM, Family.GRU, Family.TRANSFORMER,
            Family.CONV1D),
    SCHEDULED_SAMPLING("scheduled_sampling", "--scheduled-sampling", "Scheduled sampling", "ε: the share of inputs replaced by the"
            + " model's own draws while it trains (0: teacher forcing only). See the Exposure bias view", Family.RNN, Family.LSTM,
            Family.GRU, Family.TRANSFORMER, Family.CONV1D),
    RAMP("ramp", "--ss-ramp", "Sampling ramp", "Steps over which ε grows from 0 to its value", Family.RNN, Family.LSTM, Family.GRU,
            Family.TRANSFORMER, Family.CONV1D);

    private final String key;
    private final String option;
    private final String label;
    private final String description;
    private final Set<Family> families;

    Hyperparameter(String key, String option, String label, String description, Family... families) {
        this.key = key;
        this.option = option;
        this.label = label;
        this.description = description;
        this.families = EnumSet.copyOf(Arrays.asList(families));
    }

    /** Its name in the lab's settings, in the family's own words ("Channels" of a convolution, "Blocks" of a Transformer). */
    public String label(Family f) {
        return switch (this) {
            case HIDDEN -> switch (f) {
                case TRANSFORMER -> "Model width";
                case CONV1D, PIXELCNN, GATED_PIXELCNN -> "Channels";
                default -> label;
            };
            case LAYERS -> f == Family.TRANSFORMER ? "Blocks" : label;
            default -> label;
        };
    }

    /** What it does, in a sentence, for the family. */
    public String description(Family f) {
        return switch (this) {
            case HIDDEN -> switch (f) {
                case TRANSFORMER -> "d_model: the width of every token's vector";
                case CONV1D, PIXELCNN, GATED_PIXELCNN -> "Channels C of every layer";
                case MADE -> "Masked hidden units, each numbered 1 … D−1: it sees the pixels up to its number, and the pixels after it"
                        + " read it";
                default -> description;
            };
            case LAYERS -> switch (f) {
                case TRANSFORMER -> "Stacked attention + MLP blocks";
                case CONV1D -> "Gated causal convolution layers";
                case PIXELCNN -> "Masked convolutions: one type A, then type B";
                case GATED_PIXELCNN -> "Gated layers (vertical and horizontal stacks)";
                default -> description;
            };
            case KERNEL -> switch (f) {
                case PIXELCNN -> "Size of the first, type A kernel (odd)";
                case GATED_PIXELCNN -> "Size of the vertical and horizontal kernels";
                default -> description;
            };
            default -> description;
        };
    }

    /**
     * The whole numbers it takes, {min, max}, as the lesson loader checks them (the engine's own limits: ModelConfig's
     * widths, layers and context), or null for a setting that is not a whole number.
     */
    public int[] range() {
        return switch (this) {
            case HIDDEN -> new int[] {1, ModelConfig.MAX_WIDTH};
            case LAYERS -> new int[] {1, ModelConfig.MAX_LAYERS};
            case EMBED -> new int[] {0, ModelConfig.MAX_WIDTH};
            case HEADS, KV_HEADS -> new int[] {1, 64};
            case CONTEXT -> new int[] {1, ModelConfig.MAX_CONTEXT};
            case KERNEL -> new int[] {1, 31};
            case WARMUP, RAMP -> new int[] {0, 1_000_000};
            case DECAY -> new int[] {1, 1_000_000};
            default -> null;
        };
    }

    /** As a lesson's model block writes it ({@code kv_heads}). */
    public String key() {
        return key;
    }

    /** The command line's option ({@code --kv-heads}), or null where the command line derives it (the decay's length). */
    public String option() {
        return option;
    }

    public boolean appliesTo(Family f) {
        return families.contains(f);
    }

    /** The families that read it, as a sentence names them: "the Transformer", "rnn, lstm and gru", "every model but made". */
    public String whose() {
        if (families.size() == Family.values().length) {
            return "every model";
        }
        if (families.size() == Family.values().length - 1) {
            return "every model but " + EnumSet.complementOf(EnumSet.copyOf(families)).iterator().next().id();
        }
        if (families.size() == 1) {
            Family f = families.iterator().next();
            return "the " + f.label() + (f.label().equalsIgnoreCase(f.id()) ? "" : " (" + f.id() + ")");
        }
        List<String> ids = families.stream().map(Family::id).toList();
        return String.join(", ", ids.subList(0, ids.size() - 1)) + " and " + ids.get(ids.size() - 1);
    }
}
