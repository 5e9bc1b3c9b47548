package org.seqlab.app.describe;

import org.seqlab.app.text.Texts;
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
        d.say(Texts.get("desc.hidden.1.f"),
                d.count(Query.columns("h\\d+")), d.count(count()));
        d.say(Texts.get("desc.hidden.2.f"), d.percent(saturated), d.given(0.95),
                d.number(absMax("h\\d+")));
        d.say(d.value(saturated) > 0.5 ? Texts.get("desc.hidden.3")
                : Texts.get("desc.hidden.4"));
    }

    static void gates(Describer d, String title) {
        d.say(Texts.get("desc.gates.1.f"), d.count(count().where("quantity", "gate.f")), d.count(Query.columns("unit\\d+")));
        Query forget = mean("unit\\d+").where("quantity", "gate.f");
        d.say(Texts.get("desc.gates.2.f"), d.number(forget),
                d.number(mean("unit\\d+").where("quantity", "gate.i")), d.number(mean("unit\\d+").where("quantity", "gate.o")),
                d.number(absMax("unit\\d+").where("quantity", "c")));
        d.say(d.value(forget) > 0.7 ? Texts.get("desc.gates.3")
                : Texts.get("desc.gates.4"));
    }

    static void attention(Describer d, String title) {
        d.say(Texts.get("desc.attention.1.f"),
                d.count(Query.distinct("block")), d.count(Query.distinct("head")), d.count(Query.distinct("query")));
        d.say(Texts.get("desc.attention.2.f"), d.text(argMax("weight", "block")),
                d.text(argMax("weight", "head")), d.text(argMax("weight", "query")), d.text(argMax("weight", "query_char")), d.number(max("weight")),
                d.text(argMax("weight", "key")), d.text(argMax("weight", "key_char")));
        Query sink = mean("weight").where("key", 0);
        d.say(Texts.get("desc.attention.3.f"), d.percent(sink),
                d.value(sink) > 0.5 ? Texts.get("desc.attention.4") : Texts.get("desc.end"));
    }

    static void mask(Describer d, String title) {
        d.say(Texts.get("desc.mask.1.f"), d.count(count()));
        d.say(Texts.get("desc.mask.2.f"),
                d.count(count().where("mask", "-inf")), d.number(max("softmax").where("mask", "-inf")));
        d.say(Texts.get("desc.mask.3"));
    }

    static void query(Describer d, String title) {
        d.say(Texts.get("desc.query.1.f"), d.count(count()));
        d.say(Texts.get("desc.query.2.f"), d.number(max("softmax")), d.text(argMax("softmax", "key")), d.text(argMax("softmax", "key_char")));
    }

    static void positions(Describer d, String title) {
        d.say(Texts.get("desc.positions.1.f"), d.count(count()),
                d.count(Query.columns("d\\d+")), d.number(absMax("d\\d+")));
        d.say(Texts.get("desc.positions.2"));
    }

    static void orderBlind(Describer d, String title) {
        d.say(Texts.get("desc.orderBlind.1.f"), d.count(count()));
        d.say(Texts.get("desc.orderBlind.2.f"),
                d.number(max("distance_unmasked")), d.number(max("distance_causal")));
    }

    static void convStack(Describer d, String title) {
        d.say(Texts.get("desc.convStack.1.f"),
                d.count(max("dilation")));
        d.say(Texts.get("desc.convStack.2.f"),
                d.count(countAbove("grad_norm", 0).where("layer_input", 0)));
    }

    static void maskKernels(Describer d, String title) {
        for (String m : d.distinct("mask")) {
            boolean causal = m.startsWith("causal");   // a 1D convolution's taps: the centre is the current position, always open
            d.say(Texts.get("desc.maskKernels.1.f"), d.text(text("mask").where("mask", m)),
                    d.count(countAbove("on", 0.5).where("mask", m)), d.count(count().where("mask", m)),
                    causal ? Texts.get("desc.maskKernels.2")
                            : d.value(countAbove("on", 0.5).where("mask", m).where("is_centre", 1)) > 0
                                    ? Texts.get("desc.maskKernels.3")
                                    : Texts.get("desc.maskKernels.4"));
        }
    }

    static void field(Describer d, String title) {
        for (String m : d.distinct("model")) {
            Query top = max("layer_input").where("model", m);
            int layer = (int) d.value(top);
            d.say(Texts.get("desc.field.1.f"),
                    d.name(text("model").where("model", m)), d.count(countAbove("grad_norm", 0).where("model", m).where("layer_input", layer)),
                    d.count(countAbove("blind_spot", 0.5).where("model", m).where("layer_input", layer)));
        }
        d.say(Texts.get("desc.field.2"));
    }

}
