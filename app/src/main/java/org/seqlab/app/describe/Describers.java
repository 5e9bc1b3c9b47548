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
import org.seqlab.app.text.Texts;

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
            d.say(Texts.get("desc.of.1.f"), d.text(text("note")));
        } else if (t.rows().isEmpty()) {
            d.say(Texts.get("desc.of.2"));
        } else if (BY_NAME.containsKey(f.name())) {
            BY_NAME.get(f.name()).accept(d, f.title());
        } else {
            d.say(Texts.get("desc.of.3.f"), d.count(count()), String.join(", ", t.columns()));
        }
        return d.build(f.title());
    }

    static void loss(Describer d, String title) {
        List<String> models = d.distinct("model").stream().filter(m -> !m.equals("entropy floor")).toList();
        if (models.isEmpty()) {
            d.say(Texts.get("desc.loss.1"));
        } else {
            d.say(Texts.get(models.size() == 1 ? "desc.loss.2.one.f" : "desc.loss.2.f"), models.size());
        }
        boolean floor = d.distinct("split").contains("floor");
        for (String m : models) {
            Query v = last("bits_per_char").where("model", m).where("split", "validation");
            Query tr = last("bits_per_char").where("model", m).where("split", "train");
            if (Double.isNaN(d.value(v))) {
                d.say(Texts.get("desc.loss.3.f"), d.name(text("model").where("model", m)),
                        d.number(tr), d.count(last("step").where("model", m).where("split", "train")));
                continue;
            }
            d.say(Texts.get("desc.loss.4.f"), d.name(text("model").where("model", m)),
                    d.number(v), d.count(last("step").where("model", m).where("split", "validation")), d.number(tr));
            if (floor) {
                d.say(Texts.get("desc.loss.5.f"),
                        d.number(Query.difference(v, first("bits_per_char").where("split", "floor"))));
            }
        }
        if (floor) {
            d.say(Texts.get("desc.loss.6.f"), d.number(first("bits_per_char").where("split", "floor")));
        }
    }

    static void samples(Describer d, String title) {
        for (String m : d.distinct("model")) {
            d.say(Texts.get("desc.samples.1.f"), d.name(text("model").where("model", m)), d.count(first("step").where("model", m)),
                    d.text(text("decoding").where("model", m)), d.text(text("text").where("model", m)));
        }
        d.say(Texts.get("desc.samples.2"));
    }

    static void gradientFlow(Describer d, String title) {
        d.say(Texts.get("desc.gradientFlow.1.f"),
                d.count(count()));
        for (String c : d.columns(".* relative_to_T")) {
            String id = c.substring(0, c.length() - " relative_to_T".length());
            double reached = d.value(first(Query.quote(c)));
            d.say(Texts.get("desc.gradientFlow.2.f"), id, d.number(first(Query.quote(c))),
                    reached < 1e-2 ? Texts.get("desc.gradientFlow.3") : reached > 10 ? Texts.get("desc.gradientFlow.4")
                            : Texts.get("desc.gradientFlow.5"));
        }
    }

    static void costs(Describer d, String title) {
        for (String m : d.distinct("model")) {
            Query tMax = max("T").where("model", m);
            d.say(Texts.get("desc.costs.1.f"), d.name(text("model").where("model", m)),
                    d.count(tMax), d.number(max("forward_ms").where("model", m)), d.number(Query.min("forward_ms").where("model", m)),
                    d.count(Query.min("T").where("model", m)), d.number(max("memory_bytes").where("model", m)));
            if (!Double.isNaN(d.value(mean("uncached_step_ms").where("model", m)))) {
                d.say(Texts.get("desc.costs.2.f"),
                        d.number(mean("step_ms").where("model", m)), d.number(mean("uncached_step_ms").where("model", m)));
            } else if (!Double.isNaN(d.value(mean("step_ms").where("model", m)))) {
                d.say(Texts.get("desc.costs.3.f"), d.number(mean("step_ms").where("model", m)));
            }
        }
    }

    static void length(Describer d, String title) {
        List<String> lengths = d.columns("bits at \\d+");
        String shortest = lengths.get(0);
        String longest = lengths.get(lengths.size() - 1);
        for (String m : d.distinct("model")) {
            Query far = first(longest).where("model", m);
            d.say(Texts.get("desc.length.1.f"), d.name(text("model").where("model", m)),
                    d.number(first(shortest).where("model", m)), shortest.substring(8), Double.isNaN(d.value(far))
                            ? String.format(Texts.get("desc.length.cannot.f"), longest.substring(8))
                            : String.format(Texts.get("desc.length.far.f"), d.number(far), longest.substring(8)));
        }
        d.say(Texts.get("desc.length.5"));
    }

    static void metrics(Describer d, String title) {
        String val = d.table().columns().get(3);
        for (String m : d.distinct("model")) {
            d.say(Texts.get("desc.metrics.row.f"), d.name(text("model").where("model", m)), d.number(first(Query.quote(val)).where("model", m)),
                    val, d.number(first(Query.quote(d.table().columns().get(5))).where("model", m)), d.text(text("params").where("model", m)));
        }
        if (d.distinct("model").size() > 1) {
            d.say(Texts.get("desc.metrics.1.f"), d.name(Query.argMin(Query.quote(val), "model")));
        }
    }

    static void tutor(Describer d, String title) {
        for (String m : d.distinct("model")) {
            String cause = d.value(count().where("model", m)) > 0 ? (String) text("cause").where("model", m).ask(d.table()) : "";
            if (cause.isEmpty()) {
                d.say(Texts.get("desc.tutor.calm.f"), d.name(text("model").where("model", m)), d.text(text("says").where("model", m)));
            } else {
                boolean english = Texts.locale().getLanguage().equals("en");   // the CSV keeps the engine's English diagnosis
                d.say(Texts.get("desc.tutor.1.f"), d.name(text("model").where("model", m)), d.count(first("step").where("model", m)),
                        d.text(text("cause").where("model", m)),
                        english ? d.text(text("says").where("model", m)) : d.tutor(text("cause").where("model", m), Fact.Kind.CAUSE),
                        english ? d.text(text("counter_experiment").where("model", m))
                                : d.tutor(text("cause").where("model", m), Fact.Kind.COUNTER));
            }
        }
    }

    static void kl(Describer d, String title) {
        double forward = d.value(last("forward fit sigma"));
        double reverse = d.value(last("reverse fit sigma"));
        d.say(Texts.get("desc.kl.1.f"), d.count(last("step")));
        d.say(Texts.get("desc.kl.2.f"),
                d.number(last("forward fit sigma")), d.number(last("forward fit mu")), d.number(last("reverse fit sigma")), d.number(last("reverse fit mu")));
        d.say(forward > reverse ? Texts.get("desc.kl.3")
                : Texts.get("desc.kl.4"));
    }
}
