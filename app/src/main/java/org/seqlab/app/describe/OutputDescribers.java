package org.seqlab.app.describe;

import org.seqlab.app.text.Texts;
import static org.seqlab.app.describe.Query.argMax;
import static org.seqlab.app.describe.Query.argMin;
import static org.seqlab.app.describe.Query.count;
import static org.seqlab.app.describe.Query.countAbove;
import static org.seqlab.app.describe.Query.difference;
import static org.seqlab.app.describe.Query.first;
import static org.seqlab.app.describe.Query.max;
import static org.seqlab.app.describe.Query.mean;
import static org.seqlab.app.describe.Query.quote;
import static org.seqlab.app.describe.Query.text;

/** Descriptions of what a model produces (images, decodings, samples) and of the Take apart experiments on it. */
final class OutputDescribers {

    private OutputDescribers() {
    }

    static void drawing(Describer d, String title) {
        d.say(Texts.get("desc.drawing.1.f"), d.count(count()));
        d.say(Texts.get("desc.drawing.2.f"), d.count(countAbove("given", 0.5)),
                d.percent(mean("value")), d.number(mean("p_ink")));
    }

    static void anomaly(Describer d, String title) {
        for (String set : d.distinct("set")) {
            if (!set.startsWith("auc:")) {
                d.say(Texts.get("desc.anomaly.1.f"), d.text(text("set").where("set", set)),
                        d.number(mean("bits_per_dim").where("set", set)), d.count(count().where("set", set)));
            }
        }
        for (String set : d.distinct("set")) {
            if (set.startsWith("auc:")) {
                d.say(Texts.get("desc.anomaly.2.f"),
                        set.substring("auc:".length()), d.number(first("bits_per_dim").where("set", set)));
            }
        }
        d.say(Texts.get("desc.anomaly.3"));
    }

    static void decoding(Describer d, String title) {
        String who = (String) text("branch").ask(d.table());
        Query step = first("step");
        String s = String.valueOf((long) d.value(step));
        d.say(Texts.get("desc.decoding.1.f"),
                d.count(Query.distinct("token").where("branch", who).where("step", s)), d.count(step), d.text(text("branch")));
        d.say(Texts.get("desc.decoding.2.f"),
                d.text(argMax("raw", "token").where("branch", who).where("step", s)), d.number(max("raw").where("branch", who).where("step", s)),
                d.count(Query.distinct("token").where("branch", who).where("step", s).where("kept", "true")),
                d.text(text("token").where("branch", who).where("step", s).where("chosen", "true")));
    }

    static void beam(Describer d, String title) {
        d.say(Texts.get("desc.beam.1.f"), d.count(count()), d.count(count().where("pruned", "true")),
                d.count(count().where("finished", "true")));
        d.say(Texts.get("desc.beam.2.f"), d.text(text("continuation").where("rank", 1)),
                d.number(first("logprob").where("rank", 1)), d.number(first("per_token").where("rank", 1)));
    }

    static void exposure(Describer d, String title) {
        d.say(Texts.get("desc.exposure.1.f"),
                d.count(count()));
        for (String c : d.columns(".* mean_tf_bits")) {
            String id = c.substring(0, c.length() - " mean_tf_bits".length());
            d.say(Texts.get("desc.exposure.2.f"), id,
                    d.number(mean(quote(c))), d.number(mean(quote(id + " mean_fr_bits"))), d.percent(Query.last(quote(id + " diverged_share"))));
        }
        d.say(Texts.get("desc.exposure.3"));
    }

    static void strategies(Describer d, String title) {
        d.say(Texts.get("desc.strategies.1.f"), d.count(count()));
        d.say(Texts.get("desc.strategies.2.f"),
                d.text(argMax("distinct_2", "strategy")), d.number(max("distinct_2")), d.text(argMax("repetition_4", "strategy")),
                d.percent(max("repetition_4")), d.text(argMin("bits_per_token", "strategy")), d.number(Query.min("bits_per_token")));
        d.say(Texts.get("desc.strategies.3"));
    }

    static void ablation(Describer d, String title) {
        d.say(Texts.get("desc.ablation.1.f"), d.count(count()));
        d.say(Texts.get("desc.ablation.2.f"), d.number(mean("extra_bits")),
                d.text(argMax("extra_bits", "position")), d.text(argMax("extra_bits", "next_symbol")), d.number(max("extra_bits")));
    }

    static void patching(Describer d, String title) {
        Query clean = mean("clean_bits");
        Query corrupted = mean("corrupted_bits");
        Query patched = mean("patched_bits");
        d.say(Texts.get("desc.patching.1.f"),
                d.count(count()), d.number(clean), d.number(corrupted), d.number(patched));
        d.say(Texts.get("desc.patching.2.f"),
                d.percent(Query.ratio(difference(corrupted, patched), difference(corrupted, clean))));
    }

    static void lens(Describer d, String title) {
        d.say(Texts.get("desc.lens.1"));
        for (String stage : d.distinct("stage")) {
            d.say(Texts.get("desc.lens.2.f"), d.text(text("stage").where("stage", stage)), d.number(mean("p_next").where("stage", stage)));
        }
        d.say(Texts.get("desc.lens.3"));
    }

    static void induction(Describer d, String title) {
        d.say(Texts.get("desc.induction.1.f"),
                d.count(count()));
        Query best = max("induction_score");
        d.say(Texts.get("desc.induction.highest.f"), d.text(argMax("induction_score", "block")), d.text(argMax("induction_score", "head")),
                d.number(best), d.value(best) > 0.3 ? Texts.get("desc.induction.2") : Texts.get("desc.induction.3"));
    }
}
