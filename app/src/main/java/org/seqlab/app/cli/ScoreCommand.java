package org.seqlab.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.Batch;
import org.seqlab.engine.data.Vocabulary;
import org.seqlab.engine.metrics.Metrics;
import org.seqlab.engine.model.ModelFile;
import org.seqlab.engine.model.Trace;
import org.seqlab.engine.model.TraceLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code seqlab score}: log₂ p(x_t | x_{<t}) of every character of a text under a saved model. */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Prints log2 p(x_t | x_<t), in bits, for every character of the text after the first.")
public final class ScoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--load", required = true, paramLabel = "FILE", description = "a model saved by seqlab train --save")
    Path load;

    @Option(names = "--text", required = true, paramLabel = "STRING", description = "the text to score (at least two characters)")
    String text;

    @Option(names = "--json", description = "print a JSON array, one number per position after the first")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Engine.start();
        ModelFile.Loaded m = ModelFile.load(load);
        Vocabulary vocab = m.vocabulary();
        int[] ids = vocab.encode(text);
        if (ids.length < 2) {
            throw new IllegalArgumentException("--text needs at least two characters: the first is context, the rest are scored");
        }
        Trace trace = m.model().forward(Batch.ofSequence(ids), TraceLevel.FULL).trace();
        Trace.Array logprob = trace.get("logprob");
        double[] bits = new double[ids.length - 1];
        for (int t = 0; t < bits.length; t++) {
            bits[t] = Metrics.bits(logprob.get(t));
        }
        if (json) {
            out.println(Json.array(bits));
        } else {
            double total = 0;
            for (int t = 0; t < bits.length; t++) {
                out.printf("%4d  %-3s %9.4f bits%n", t + 1, vocab.label(ids[t + 1]), bits[t]);
                total += bits[t];
            }
            out.printf("total %.4f bits, %.4f bits per character%n", total, -total / bits.length);
        }
        return 0;
    }
}
