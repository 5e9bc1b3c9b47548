package org.seqlab.app.describe;

import static org.seqlab.app.describe.Query.absMax;
import static org.seqlab.app.describe.Query.argMax;
import static org.seqlab.app.describe.Query.count;
import static org.seqlab.app.describe.Query.countAbove;

import static org.seqlab.app.describe.Query.max;
import static org.seqlab.app.describe.Query.mean;
import static org.seqlab.app.describe.Query.text;

/** Descriptions of the views inside a model: its states, gates, attention, positions and receptive fields. */
final class InsideDescribers {

    private InsideDescribers() {
    }

    static void hidden(Describer d, String title) {
        Query saturated = Query.shareAbsAbove("h\\d+", 0.95);
        d.say("The hidden state h_t of %s units at each of %s positions, red for positive and blue for negative.",
                d.count(Query.columns("h\\d+")), d.count(count()));
        d.say("%s of the values lie beyond ±%s, where tanh is saturated; the largest |h| is %s.", d.percent(saturated), d.given(0.95),
                d.number(absMax("h\\d+")));
        d.say(d.value(saturated) > 0.5 ? "Most units are pinned near ±1: they pass back almost no gradient."
                : "Units that change colour along the row follow the input; steady ones carry something forward.");
    }

    static void gates(Describer d, String title) {
        d.say("The LSTM's gates at each of %s positions for %s units.", d.count(count().where("quantity", "gate.f")), d.count(Query.columns("unit\\d+")));
        Query forget = mean("unit\\d+").where("quantity", "gate.f");
        d.say("The forget gate averages %s, the input gate %s and the output gate %s; the cell state reaches |c| = %s.", d.number(forget),
                d.number(mean("unit\\d+").where("quantity", "gate.i")), d.number(mean("unit\\d+").where("quantity", "gate.o")),
                d.number(absMax("unit\\d+").where("quantity", "c")));
        d.say(d.value(forget) > 0.7 ? "A forget gate near 1 keeps the cell's content from step to step: the path a gradient can travel back on."
                : "A forget gate well below 1 lets the cell forget quickly: its memory is short.");
    }

    static void attention(Describer d, String title) {
        d.say("Attention weights (blocks: %s; heads per block: %s) over %s positions: each row is a query, each column a key it may look at.",
                d.count(Query.distinct("block")), d.count(Query.distinct("head")), d.count(Query.distinct("query")));
        d.say("The strongest link is block %s, head %s: query %s '%s' puts %s of its weight on key %s '%s'.", d.text(argMax("weight", "block")),
                d.text(argMax("weight", "head")), d.text(argMax("weight", "query")), d.text(argMax("weight", "query_char")), d.number(max("weight")),
                d.text(argMax("weight", "key")), d.text(argMax("weight", "key_char")));
        Query sink = mean("weight").where("key", 0);
        d.say("On average a query puts %s of its weight on the first position%s", d.percent(sink),
                d.value(sink) > 0.5 ? ", a resting place for heads with nothing to look for." : ".");
    }

    static void mask(Describer d, String title) {
        d.say("Scores of one head before and after the causal mask, for %s query-key pairs.", d.count(count()));
        d.say("%s of them have the key after the query; the mask sets their score to minus infinity, and their largest weight after softmax is %s.",
                d.count(count().where("mask", "-inf")), d.number(max("softmax").where("mask", "-inf")));
        d.say("So no position sees the future: the property that lets one pass train every position at once.");
    }

    static void query(Describer d, String title) {
        d.say("One query's scores against its %s keys, scaled by 1/√d, masked and turned into weights by softmax.", d.count(count()));
        d.say("It puts %s of its weight on key %s '%s'.", d.number(max("softmax")), d.text(argMax("softmax", "key")), d.text(argMax("softmax", "key_char")));
    }

    static void positions(Describer d, String title) {
        d.say("The position vectors added to the embeddings: %s positions × %s dimensions, values up to |%s|.", d.count(count()),
                d.count(Query.columns("d\\d+")), d.number(absMax("d\\d+")));
        d.say("Each position gets its own pattern, so attention can tell where a symbol stands.");
    }

    static void orderBlind(Describer d, String title) {
        d.say("The same %s symbols in another order, through the model with its causal mask and without it.", d.count(count()));
        d.say("Without the mask (and without positions) each symbol's output moves by at most %s, so the model cannot tell the orders apart; with it, by up to %s.",
                d.number(max("distance_unmasked")), d.number(max("distance_causal")));
    }

    static void convStack(Describer d, String title) {
        d.say("Which input positions reach the last output through the stack of causal convolutions (dilations up to %s).",
                d.count(max("dilation")));
        d.say("%s positions of the input get a nonzero gradient: that is the receptive field, and everything before it is invisible to the model.",
                d.count(countAbove("grad_norm", 0).where("layer_input", 0)));
    }

    static void maskKernels(Describer d, String title) {
        for (String m : d.distinct("mask")) {
            boolean causal = m.startsWith("causal");   // a 1D convolution's taps: the centre is the current position, always open
            d.say("Mask %s lets %s of its %s weights through%s", d.text(text("mask").where("mask", m)),
                    d.count(countAbove("on", 0.5).where("mask", m)), d.count(count().where("mask", m)),
                    causal ? ": the current position and the ones before it, none after."
                            : d.value(countAbove("on", 0.5).where("mask", m).where("is_centre", 1)) > 0
                                    ? "; its centre is open (type B: the pixel's own features, in the later layers)."
                                    : "; its centre is closed (type A: the first layer, which must not see the pixel it predicts).");
        }
    }

    static void field(Describer d, String title) {
        for (String m : d.distinct("model")) {
            Query top = max("layer_input").where("model", m);
            int layer = (int) d.value(top);
            d.say("%s: %s pixels of the input reach the centre pixel's prediction through the layers; %s that come before it in raster order never do: the blind spot.",
                    d.text(text("model").where("model", m)), d.count(countAbove("grad_norm", 0).where("model", m).where("layer_input", layer)),
                    d.count(countAbove("blind_spot", 0.5).where("model", m).where("layer_input", layer)));
        }
        d.say("A gated PixelCNN's two stacks close the blind spot.");
    }

}
