package org.seqlab.app.describe;

import static org.seqlab.app.describe.Query.count;
import static org.seqlab.app.describe.Query.first;
import static org.seqlab.app.describe.Query.last;
import static org.seqlab.app.describe.Query.max;
import static org.seqlab.app.describe.Query.mean;
import static org.seqlab.app.describe.Query.text;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.seqlab.app.figures.Figure;
import org.seqlab.app.figures.Table;

/**
 * Every figure's description, by its name: what is shown, the salient facts with their numbers, and what they mean.
 * The training views are here; the views inside a model in {@link InsideDescribers}, its outputs and the Take apart
 * experiments in {@link OutputDescribers}.
 */
public final class Describers {

    private static final Map<String, BiConsumer<Describer, String>> BY_NAME = Map.ofEntries(
            Map.entry("loss", Describers::loss), Map.entry("samples", Describers::samples),
            Map.entry("gradient-flow", Describers::gradientFlow), Map.entry("costs", Describers::costs),
            Map.entry("length", Describers::length), Map.entry("metrics", Describers::metrics), Map.entry("tutor", Describers::tutor),
            Map.entry("forward-reverse-kl", Describers::kl),
            Map.entry("hidden-state", InsideDescribers::hidden), Map.entry("lstm-gates", InsideDescribers::gates),
            Map.entry("attention", InsideDescribers::attention), Map.entry("causal-mask", InsideDescribers::mask),
            Map.entry("attention-query", InsideDescribers::query), Map.entry("positional-encoding", InsideDescribers::positions),
            Map.entry("order-blind", InsideDescribers::orderBlind), Map.entry("conv-stack", InsideDescribers::convStack),
            Map.entry("mask-kernels", InsideDescribers::maskKernels), Map.entry("receptive-field", InsideDescribers::field),
            Map.entry("pixel-sampling", OutputDescribers::drawing), Map.entry("pixel-completion", OutputDescribers::drawing),
            Map.entry("anomaly", OutputDescribers::anomaly), Map.entry("decoding", OutputDescribers::decoding),
            Map.entry("beam-search", OutputDescribers::beam), Map.entry("exposure-bias", OutputDescribers::exposure),
            Map.entry("decoding-strategies", OutputDescribers::strategies), Map.entry("switch-off", OutputDescribers::ablation),
            Map.entry("patching", OutputDescribers::patching), Map.entry("logit-lens", OutputDescribers::lens),
            Map.entry("induction-heads", OutputDescribers::induction));

    private Describers() {
    }

    /** Whether this figure has a describer of its own (every view of the catalogue has). */
    public static boolean knows(String figureName) {
        return BY_NAME.containsKey(figureName);
    }

    /** The figure's description, computed from its table. */
    public static Description of(Figure f) {
        Table t = f.table();
        Describer d = new Describer(t);
        if (f.placeholder()) {
            d.say("Nothing is drawn yet: %s", d.text(text("note")));
        } else if (t.rows().isEmpty()) {
            d.say("The figure holds no numbers yet.");
        } else if (BY_NAME.containsKey(f.name())) {
            BY_NAME.get(f.name()).accept(d, f.title());
        } else {
            d.say("A table of %s rows: %s.", d.count(count()), String.join(", ", t.columns()));
        }
        return d.build(f.title());
    }

    static void loss(Describer d, String title) {
        List<String> models = d.distinct("model").stream().filter(m -> !m.equals("entropy floor")).toList();
        if (models.isEmpty()) {
            d.say("Loss in bits per symbol against training steps: no model has trained a step yet.");
        } else {
            d.say("Loss in bits per symbol against training steps, solid for the training batches and dashed for the validation text, for %s %s.",
                    models.size(), models.size() == 1 ? "model" : "models");
        }
        boolean floor = d.distinct("split").contains("floor");
        for (String m : models) {
            Query v = last("bits_per_char").where("model", m).where("split", "validation");
            Query tr = last("bits_per_char").where("model", m).where("split", "train");
            if (Double.isNaN(d.value(v))) {
                d.say("%s: %s bits on its training batches at step %s, not validated yet.", d.text(text("model").where("model", m)),
                        d.number(tr), d.count(last("step").where("model", m).where("split", "train")));
                continue;
            }
            d.say("%s: %s bits on the validation text at step %s, against %s on its training batches.", d.text(text("model").where("model", m)),
                    d.number(v), d.count(last("step").where("model", m).where("split", "validation")), d.number(tr));
            if (floor) {
                d.say("That is %s bits above the entropy floor, the best any model can do on this source.",
                        d.number(Query.difference(v, first("bits_per_char").where("split", "floor"))));
            }
        }
        if (floor) {
            d.say("The floor is %s bits.", d.number(first("bits_per_char").where("split", "floor")));
        }
    }

    static void samples(Describer d, String title) {
        for (String m : d.distinct("model")) {
            d.say("%s at step %s, %s decoding: \"%s\".", d.text(text("model").where("model", m)), d.count(first("step").where("model", m)),
                    d.text(text("decoding").where("model", m)), d.text(text("text").where("model", m)));
        }
        d.say("Text close to the data's shows what the model has learnt; read it against the loss.");
    }

    static void gradientFlow(Describer d, String title) {
        d.say("How much of the last position's loss gradient reaches each earlier position (‖∂L_T/∂h_t‖ against t), over %s positions.",
                d.count(count()));
        for (String c : d.columns(".* relative_to_T")) {
            String id = c.substring(0, c.length() - " relative_to_T".length());
            double reached = d.value(first(Query.quote(c)));
            d.say("%s: %s of it reaches the first position%s", id, d.number(first(Query.quote(c))),
                    reached < 1e-2 ? ", so the gradient has vanished before it gets there." : reached > 10 ? ", so it has grown on the way back: it explodes."
                            : ", so the early positions still get a useful signal.");
        }
    }

    static void costs(Describer d, String title) {
        for (String m : d.distinct("model")) {
            Query tMax = max("T").where("model", m);
            d.say("%s: a forward pass over %s positions takes %s ms (%s ms over %s) and %s bytes.", d.text(text("model").where("model", m)),
                    d.count(tMax), d.number(max("forward_ms").where("model", m)), d.number(Query.min("forward_ms").where("model", m)),
                    d.count(Query.min("T").where("model", m)), d.number(max("memory_bytes").where("model", m)));
            if (!Double.isNaN(d.value(mean("uncached_step_ms").where("model", m)))) {
                d.say("Generating one token takes %s ms with the cache and %s ms recomputing the whole prefix.",
                        d.number(mean("step_ms").where("model", m)), d.number(mean("uncached_step_ms").where("model", m)));
            } else if (!Double.isNaN(d.value(mean("step_ms").where("model", m)))) {
                d.say("Generating one token takes %s ms, whatever came before.", d.number(mean("step_ms").where("model", m)));
            }
        }
    }

    static void length(Describer d, String title) {
        List<String> lengths = d.columns("bits at \\d+");
        String shortest = lengths.get(0);
        String longest = lengths.get(lengths.size() - 1);
        for (String m : d.distinct("model")) {
            Query far = first(longest).where("model", m);
            d.say("%s: %s bits per symbol on sequences of %s, %s", d.text(text("model").where("model", m)),
                    d.number(first(shortest).where("model", m)), shortest.substring(8), Double.isNaN(d.value(far))
                            ? "and it cannot read sequences of " + longest.substring(8) + " at all: they are longer than its context."
                            : d.number(far) + " on sequences of " + longest.substring(8) + ".");
        }
        d.say("A model that only learnt the lengths it was trained on gets worse beyond them.");
    }

    static void metrics(Describer d, String title) {
        String val = d.table().columns().get(3);
        for (String m : d.distinct("model")) {
            d.say("%s: %s %s, perplexity %s, %s parameters.", d.text(text("model").where("model", m)), d.number(first(Query.quote(val)).where("model", m)),
                    val, d.number(first(Query.quote(d.table().columns().get(5))).where("model", m)), d.text(text("params").where("model", m)));
        }
        if (d.distinct("model").size() > 1) {
            d.say("Lowest on the validation text: %s.", d.text(Query.argMin(Query.quote(val), "model")));
        }
    }

    static void tutor(Describer d, String title) {
        for (String m : d.distinct("model")) {
            String cause = d.value(count().where("model", m)) > 0 ? (String) text("cause").where("model", m).ask(d.table()) : "";
            if (cause.isEmpty()) {
                d.say("%s: %s", d.text(text("model").where("model", m)), d.text(text("says").where("model", m)));
            } else {
                d.say("%s, step %s: %s. %s Test it: %s.", d.text(text("model").where("model", m)), d.count(first("step").where("model", m)),
                        d.text(text("cause").where("model", m)), d.text(text("says").where("model", m)),
                        d.text(text("counter_experiment").where("model", m)));
            }
        }
    }

    static void kl(Describer d, String title) {
        double forward = d.value(last("forward fit sigma"));
        double reverse = d.value(last("reverse fit sigma"));
        d.say("One Gaussian fitted to a two-mode mixture, over %s steps.", d.count(last("step")));
        d.say("Minimising the forward KL(p‖q) gives σ = %s centred at %s; minimising the reverse KL(q‖p) gives σ = %s at %s.",
                d.number(last("forward fit sigma")), d.number(last("forward fit mu")), d.number(last("reverse fit sigma")), d.number(last("reverse fit mu")));
        d.say(forward > reverse ? "The forward fit spreads to cover both modes (mass-covering); the reverse fit settles on one (mode-seeking)."
                : "Here the two fits are as wide as each other: they have not separated yet.");
    }
}
