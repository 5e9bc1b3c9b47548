package org.seqlab.app.text;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.seqlab.engine.data.PixelOrder;
import org.seqlab.engine.data.tasks.Task;
import org.seqlab.engine.model.Family;

/**
 * The engine's names for what the user chose or loaded, in the interface's language: a model's label ("A · Vanilla RNN
 * 1×64"), a data source's description ("order-2 Markov chain over {a,b,c,d} …"), a decoding rule ("sample T=0.80"),
 * a part switched off ("head 1 of block 0"), a task. The engine writes them in English for the command line, the CSVs
 * and as the runs' identities; only what is shown goes through here. Each known form is a pattern whose groups fill a
 * key's placeholders; a form SeqLab does not know shows as the engine wrote it. {@code EngineNamesTest} builds every
 * model, data source and rule the engine offers and holds these patterns to what it writes.
 */
public final class EngineNames {

    /** A pattern, and what to put in its place given the match. */
    private record Form(Pattern pattern, Function<MatchResult, String> shown) {
    }

    private static Form form(String regex, String key) {
        return new Form(Pattern.compile(regex), m -> shown(key, groups(m)));
    }

    private static Form form(String regex, Function<MatchResult, String> shown) {
        return new Form(Pattern.compile(regex), shown);
    }

    /** A printf key ({@code .f}: its text may hold braces) or a MessageFormat one. */
    private static String shown(String key, Object... args) {
        return key.endsWith(".f") ? Texts.format(key, args) : Texts.get(key, args);
    }

    private static Object[] groups(MatchResult m) {
        Object[] args = new Object[m.groupCount()];
        for (int i = 0; i < args.length; i++) {
            args[i] = m.group(i + 1);   // as written: a String, so MessageFormat adds no grouping of its own
        }
        return args;
    }

    // the words inside a model's label (ModelConfig.describe, Seq2SeqConfig.describe, ModelRun.label), longest first
    private static final List<Form> MODEL_WORDS = List.of(
            form("GRU encoder–decoder with attention", "name.seq2seq.attention"),
            form("(GRU|LSTM|Transformer) encoder–decoder", "name.seq2seq"),
            form("(\\d+) heads\\b", "name.heads"),
            form("\\b(dot|additive) attention", m -> Texts.get("name.attention", Texts.get("name.score." + m.group(1)))),
            form("Vanilla RNN", "name.rnn"),
            form("Causal conv", "name.conv1d"),
            form("\\blearned-pos\\b", "name.learnedPos"),
            form("\\bno-pos\\b", "name.noPos"),
            form("\\bno-bias\\b", "name.noBias"),
            form("\\bundilated\\b", "name.undilated"),
            form("\\b(\\d+) units\\b", "name.units"),
            form(" · (raster|snake|column|hilbert|random)$", m -> " · " + order(m.group(1))),
            form("sched\\. sampling ε→(\\S+) over (\\d+)$", "name.scheduled"));

    // a data source's description, whole (DataSource.description and its implementations)
    private static final List<Form> DATA = List.of(
            form("order-(\\d+) Markov chain over \\{(.*)\\}, random table \\(Dirichlet α=(.+), seed (\\d+)\\)", "data.markov.f"),
            form("embedded Reber grammar \\(strings one after another\\)", "data.reber.f"),
            form("delayed recall: a cue from \\{(.*)\\}, (\\d+) to (\\d+) dots, \\?, the cue again", "data.recall.f"),
            form("order: two letters from \\{(.*)\\}, =, then the first again", "data.firstAgain.f"),
            form("balanced brackets (.+), depth ≤ (\\d+), p\\(open\\) = (.+)", "data.brackets.f"),
            form("a random string of (\\d+)–(\\d+) letters from \\{a…(.)\\}, then copies of it, each ended by (.) \\(the induction pattern\\)",
                    "data.repeat.f"),
            form("First names \\((.+) names, one per line\\)", "data.names.f"),
            form("First names", "data.firstNames.f"),
            form("(.+) in (\\d+) BPE tokens learned on its training part \\((.+) characters per token; first merges (.+)\\)",
                    m -> shown("data.bpe.f", data(m.group(1)), m.group(2), m.group(3), m.group(4))),
            form("(.+), read as a sequence in (.+) order", m -> shown("data.ordered.f", data(m.group(1)), pixelOrder(m.group(2)))),
            form("(.+), binarised, (\\d+)×(\\d+) \\((.+) to train, (.+) to validate\\)",
                    m -> shown("data.digits.f", m.group(1).equals("handwritten digits") ? Texts.get("data.handwritten") : m.group(1),
                            m.group(2), m.group(3), m.group(4), m.group(5))),
            form("(.+) \\(([\\d,.  ]+) characters\\)", "data.text.f"));

    // a decoding rule (DecodingConfig.describe): top-k and top-p are notation in every language
    private static final List<Form> DECODING = List.of(
            form("greedy", "decode.greedy"),
            form("sample T=(.+)", "decode.sample"),
            form("beam W=(\\d+)", "decode.beam"));

    // a part of a model switched off (Ablation.describe)
    private static final List<Form> PARTS = List.of(
            form("head (\\d+) of block (\\d+)", "part.head"),
            form("the (input|forget|output|candidate) gate of layer (\\d+)", m -> Texts.get("part.gate", Texts.get("part.gate." + m.group(1)), m.group(2))),
            form("unit (\\d+) of layer (\\d+)", "part.unit"),
            form("conv layer (\\d+)", "part.layer"));

    private EngineNames() {
    }

    /** A model's label or description, its words in the interface's language and its numbers as they are. */
    public static String model(String label) {
        if (label == null) {
            return null;
        }
        String s = label;
        for (Form f : MODEL_WORDS) {
            Matcher m = f.pattern().matcher(s);
            s = m.replaceAll(r -> Matcher.quoteReplacement(f.shown().apply(r)));
        }
        return s;
    }

    /** A family's name: "Vanilla RNN", "Einfaches RNN". */
    public static String family(Family f) {
        return Texts.named(f);
    }

    /** A data source's description. */
    public static String data(String description) {
        return whole(DATA, description);
    }

    /** A decoding rule's summary. */
    public static String decoding(String summary) {
        return whole(DECODING, summary);
    }

    /** A part switched off. */
    public static String part(String part) {
        return whole(PARTS, part);
    }

    /** A task's one line: "reverse a string of letters". */
    public static String task(Task t) {
        return Texts.orElse("task." + t.id(), t.description());
    }

    /** A pixel order by its id: "snake", "Schlange". */
    public static String order(String id) {
        return Texts.orElse("name.order." + id, id);
    }

    /** A pixel order as OrderedPixels names it, by its label in lower case: "hilbert curve". */
    private static String pixelOrder(String lowerCase) {
        for (PixelOrder o : PixelOrder.values()) {
            if (o.toString().toLowerCase(Locale.ROOT).equals(lowerCase)) {
                String shown = Texts.named(o);
                return shown.equals(o.toString()) ? lowerCase : shown;   // English as the engine writes it; German keeps its nouns' capitals
            }
        }
        return lowerCase;
    }

    private static String whole(List<Form> forms, String text) {
        if (text == null) {
            return null;
        }
        for (Form f : forms) {
            Matcher m = f.pattern().matcher(text);
            if (m.matches()) {
                return f.shown().apply(m);
            }
        }
        return text;
    }
}
