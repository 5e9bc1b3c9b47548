package org.seqlab.engine.train;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.seqlab.engine.model.Family;

/**
 * The one table of a language model's settings: the key a lesson's model block writes, the option the command line
 * takes, and the families that read it. The lesson loader's keys, the command line's refusal of an option the chosen
 * model does not read, and the authors' guide (a test holds {@code lessons/README.md} to this list) all come from here;
 * the defaults are {@link RunConfig#defaults}'s.
 */
public enum Hyperparameter {
    HIDDEN("hidden", "--hidden", Family.values()),
    LAYERS("layers", "--layers", Family.RNN, Family.LSTM, Family.GRU, Family.TRANSFORMER, Family.CONV1D, Family.PIXELCNN,
            Family.GATED_PIXELCNN),
    EMBED("embed", "--embed", Family.RNN, Family.LSTM, Family.GRU),
    HEADS("heads", "--heads", Family.TRANSFORMER),
    KV_HEADS("kv_heads", "--kv-heads", Family.TRANSFORMER),
    CONTEXT("context", "--context", Family.TRANSFORMER),
    POSITIONS("positions", "--positions", Family.TRANSFORMER),
    NORM("norm", "--norm", Family.TRANSFORMER),
    KERNEL("kernel", "--kernel", Family.CONV1D, Family.PIXELCNN, Family.GATED_PIXELCNN),
    DILATION("dilation", "--no-dilation", Family.CONV1D),
    OPTIMIZER("optimizer", "--optimizer", Family.values()),
    LR("lr", "--lr", Family.values()),
    CLIP("clip", "--clip", Family.values()),
    SCHEDULE("schedule", "--schedule", Family.values()),
    WARMUP("warmup", "--warmup", Family.values()),
    DECAY("decay", null, Family.values()),
    SCHEDULED_SAMPLING("scheduled_sampling", "--scheduled-sampling", Family.RNN, Family.LSTM, Family.GRU, Family.TRANSFORMER,
            Family.CONV1D),
    RAMP("ramp", "--ss-ramp", Family.RNN, Family.LSTM, Family.GRU, Family.TRANSFORMER, Family.CONV1D),
    ORDER("order", "--order", Family.RNN, Family.LSTM, Family.GRU, Family.TRANSFORMER, Family.CONV1D);

    private final String key;
    private final String option;
    private final Set<Family> families;

    Hyperparameter(String key, String option, Family... families) {
        this.key = key;
        this.option = option;
        this.families = EnumSet.copyOf(Arrays.asList(families));
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
