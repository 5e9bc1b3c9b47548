package org.seqlab.app.describe;

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
        d.say("A %s-pixel image drawn one pixel at a time, each from the model's probability of ink given the pixels before it.", d.count(count()));
        d.say("%s of the pixels were given; %s are ink; the mean probability of ink was %s.", d.count(countAbove("given", 0.5)),
                d.percent(mean("value")), d.number(mean("p_ink")));
    }

    static void anomaly(Describer d, String title) {
        for (String set : d.distinct("set")) {
            if (!set.startsWith("auc:")) {
                d.say("%s: %s bits per pixel on average over %s images.", d.text(text("set").where("set", set)),
                        d.number(mean("bits_per_dim").where("set", set)), d.count(count().where("set", set)));
            }
        }
        for (String set : d.distinct("set")) {
            if (set.startsWith("auc:")) {
                d.say("Ranked by that score, %s digits are told from ordinary ones with an area under the ROC curve of %s (a half is chance).",
                        set.substring("auc:".length()), d.number(first("bits_per_dim").where("set", set)));
            }
        }
        d.say("A likelihood model flags what it finds surprising: more bits per pixel.");
    }

    static void decoding(Describer d, String title) {
        String who = (String) text("branch").ask(d.table());
        Query step = first("step");
        String s = String.valueOf((long) d.value(step));
        d.say("The next-symbol distribution over %s symbols at step %s, and what %s decoding does with it.",
                d.count(Query.distinct("token").where("branch", who).where("step", s)), d.count(step), d.text(text("branch")));
        d.say("The most likely symbol is '%s' with p = %s; the strategy keeps %s symbols and picks '%s'.",
                d.text(argMax("raw", "token").where("branch", who).where("step", s)), d.number(max("raw").where("branch", who).where("step", s)),
                d.count(Query.distinct("token").where("branch", who).where("step", s).where("kept", "true")),
                d.text(text("token").where("branch", who).where("step", s).where("chosen", "true")));
    }

    static void beam(Describer d, String title) {
        d.say("Beam search's tree: %s hypotheses, %s pruned and %s finished.", d.count(count()), d.count(count().where("pruned", "true")),
                d.count(count().where("finished", "true")));
        d.say("The best continuation is \"%s\" with log-probability %s (%s per token).", d.text(text("continuation").where("rank", 1)),
                d.number(first("logprob").where("rank", 1)), d.number(first("per_token").where("rank", 1)));
    }

    static void exposure(Describer d, String title) {
        d.say("Bits per symbol along %s steps, when the model reads the true text (teacher forcing) and when it reads its own output (free running).",
                d.count(count()));
        for (String c : d.columns(".* mean_tf_bits")) {
            String id = c.substring(0, c.length() - " mean_tf_bits".length());
            d.say("%s: %s bits teacher-forced, %s free-running; by the last step %s of its runs have left the reference.", id,
                    d.number(mean(quote(c))), d.number(mean(quote(id + " mean_fr_bits"))), d.percent(Query.last(quote(id + " diverged_share"))));
        }
        d.say("The gap is exposure bias: trained only on true prefixes, the model never learnt to recover from its own mistakes.");
    }

    static void strategies(Describer d, String title) {
        d.say("%s decoding strategies compared on their samples.", d.count(count()));
        d.say("Most varied: %s (distinct-2 ratio %s); most repetitive: %s (%s of 4-grams repeated); most likely under the model: %s (%s bits per token).",
                d.text(argMax("distinct_2", "strategy")), d.number(max("distinct_2")), d.text(argMax("repetition_4", "strategy")),
                d.percent(max("repetition_4")), d.text(argMin("bits_per_token", "strategy")), d.number(Query.min("bits_per_token")));
        d.say("Greedy and beam search find likely text that repeats; sampling with a temperature, top-k or top-p trades likelihood for variety.");
    }

    static void ablation(Describer d, String title) {
        d.say("The loss at each of %s positions with one part of the model switched off, against the model intact.", d.count(count()));
        d.say("Switching it off costs %s bits per symbol on average; most at position %s, before '%s' (%s bits).", d.number(mean("extra_bits")),
                d.text(argMax("extra_bits", "position")), d.text(argMax("extra_bits", "next_symbol")), d.number(max("extra_bits")));
    }

    static void patching(Describer d, String title) {
        Query clean = mean("clean_bits");
        Query corrupted = mean("corrupted_bits");
        Query patched = mean("patched_bits");
        d.say("Activation patching over %s positions: %s bits on the clean input, %s on the corrupted one, %s with the clean state patched in.",
                d.count(count()), d.number(clean), d.number(corrupted), d.number(patched));
        d.say("The patch restores %s of what the corruption cost: that is how much of the difference the patched state carries.",
                d.percent(Query.ratio(difference(corrupted, patched), difference(corrupted, clean))));
    }

    static void lens(Describer d, String title) {
        d.say("The logit lens: the output layer applied to the residual stream after each stage, read as the probability of the true next symbol.");
        for (String stage : d.distinct("stage")) {
            d.say("%s: p = %s on average.", d.text(text("stage").where("stage", stage)), d.number(mean("p_next").where("stage", stage)));
        }
        d.say("Where p jumps is the block that did the work.");
    }

    static void induction(Describer d, String title) {
        d.say("Induction scores of %s heads: the weight a head puts, on a repeated random sequence, on the symbol after the earlier copy of the current one.",
                d.count(count()));
        Query best = max("induction_score");
        d.say("Highest: block %s, head %s, at %s%s", d.text(argMax("induction_score", "block")), d.text(argMax("induction_score", "head")),
                d.number(best), d.value(best) > 0.3 ? ": an induction head, which copies what followed last time." : "; no head copies yet.");
    }
}
