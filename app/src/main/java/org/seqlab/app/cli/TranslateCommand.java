package org.seqlab.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seqlab.engine.Engine;
import org.seqlab.engine.model.seq2seq.Seq2SeqConfig;
import org.seqlab.engine.model.seq2seq.TransformerSeq2Seq;
import org.seqlab.engine.seq2seq.Seq2SeqFile;
import org.seqlab.engine.seq2seq.Translator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code seqlab translate}: a saved encoder–decoder's output for one source, greedy or by beam search. */
@Command(name = "translate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prints a saved encoder–decoder's output for one source (train --data task:… --model seq2seq-… --save FILE).",
            "With --json: the output, the exact reference, and (with attention) the alignment: for every output symbol, "
                + "the weight it put on every source symbol."})
public final class TranslateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--load", required = true, paramLabel = "FILE", description = "an encoder–decoder saved by seqlab train --save")
    Path load;

    @Option(names = "--text", required = true, paramLabel = "STRING", description = "the source, e.g. 'Nov 3, 1999' for task:dates")
    String text;

    @Option(names = "--beam", paramLabel = "N", description = "beam search of width N (1–64), ranked by log-probability per symbol; "
            + "default: greedy")
    Integer beam;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Options.range(spec, "--beam", beam, 1, 64);
        Engine.start();
        Seq2SeqFile.Loaded m = Seq2SeqFile.load(load);
        Translator tr = new Translator(m.model(), m.task());
        tr.vocab().encode(text);   // a symbol outside the task's alphabet is named before any work
        Translator.Decoded greedy = tr.greedy(List.of(text)).get(0);
        List<Translator.Hypothesis> beams = beam != null ? tr.beam(text, beam) : List.of();
        String output = beams.isEmpty() ? greedy.text() : beams.get(0).text();
        String reference;
        try {
            reference = m.task().reference(text);
        } catch (RuntimeException e) {
            reference = null;   // a source the task would not write (a misspelt date): translated all the same
        }
        if (json) {
            Json j = Json.object().put("source", text).put("output", output).put("decoding", beams.isEmpty() ? "greedy" : "beam " + beam);
            if (reference != null) {
                j.put("reference", reference).put("exact_match", output.equals(reference));
            }
            double[] bits = tr.score(text, output);
            j.put("bits", bits);
            if (m.model().config().attends()) {
                j.put("alignment", greedy.weights()).put("alignment_of", greedy.text());
                if (m.model().config().kind() == Seq2SeqConfig.Kind.TRANSFORMER) {
                    j.put("alignment_from", "the last decoder layer's cross-attention, averaged over its "
                            + TransformerSeq2Seq.HEADS + " heads");
                } else {
                    j.put("alignment_from", "the decoder's " + m.model().config().score().id() + " attention");
                }
            }
            if (!beams.isEmpty()) {
                j.put("beam", beams.stream().map(h -> Map.of("output", h.text(), "log2_prob", h.logProb() / Math.log(2),
                        "bits_per_symbol", -h.perSymbol() / Math.log(2))).toList());
            }
            out.println(j.line());
        } else {
            out.println(output);
            if (reference != null && !reference.equals(output)) {
                out.println("(the exact reference is " + reference + ")");
            }
        }
        return 0;
    }
}
