package org.seqlab.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.seqlab.engine.Engine;
import org.seqlab.engine.bridge.ModelFiles;
import org.seqlab.engine.data.DataSource;
import org.seqlab.engine.data.ExactSource;
import org.seqlab.engine.data.Vocabulary;
import org.seqlab.engine.inspect.ExposureBias;
import org.seqlab.engine.io.DataException;
import org.seqlab.engine.model.build.ModelFile;
import org.seqlab.engine.sample.BeamSearch;
import org.seqlab.engine.sample.DecodeStep;
import org.seqlab.engine.sample.Decoder;
import org.seqlab.engine.sample.DecodingConfig;
import org.seqlab.engine.sample.Primed;
import org.seqlab.engine.sample.Strategy;
import org.seqlab.engine.sample.StrategyComparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code seqlab sample}: continues a prompt with a saved model, with any decoding strategy. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Prints the prompt and a continuation decoded from a saved model.",
            "With --json, one line per step: the top tokens before and after the strategy reshaped the distribution."})
public final class SampleCommand implements Callable<Integer> {

    private static final int TOP = 5;

    @Spec
    CommandSpec spec;

    @Option(names = "--load", required = true, paramLabel = "FILE", description = "a model saved by seqlab train --save, or a PyTorch"
            + " checkpoint (.safetensors: a recurrent char model or a GPT in nanoGPT's names, see docs/command-line.md)")
    Path load;

    @Option(names = "--prompt", paramLabel = "S", description = "text to continue (default: what the model was trained to start from)")
    String prompt;

    @Option(names = "--length", description = "characters to generate (default ${DEFAULT-VALUE})")
    int length = 200;

    @Option(names = "--strategy", paramLabel = "S", description = "greedy, sample, top-k, top-p or beam (default ${DEFAULT-VALUE})")
    String strategy = "sample";

    @Option(names = "--temperature", description = "softmax temperature for sample, top-k and top-p; 0 is greedy (default ${DEFAULT-VALUE})")
    double temperature = 1.0;

    @Option(names = "--k", description = "top-k: tokens kept (default ${DEFAULT-VALUE})")
    int k = 5;

    @Option(names = "--p", description = "top-p: probability mass kept (default ${DEFAULT-VALUE})")
    double p = 0.9;

    @Option(names = "--beam", paramLabel = "N", description = "beam: width (default ${DEFAULT-VALUE})")
    int beam = 4;

    @Option(names = "--seed", description = "seed for sampling (default ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--json", description = "one JSON object per step with the top tokens before and after reshaping, then a summary")
    boolean json;

    @Option(names = "--compare", paramLabel = "N", description = "instead of one continuation, compare greedy, sampling, top-k, top-p "
            + "and beam on N continuations each (log-probability, distinct-n, repetition; distance to the true distribution on synthetic data)")
    Integer compare;

    @Option(names = "--exposure", paramLabel = "N", description = "instead of one continuation, continue N validation windows of the "
            + "model's data from their first half, teacher-forced and free-running, and print the mean loss at each step")
    Integer exposure;

    @Override
    public Integer call() throws Exception {
        Options.range(spec, "--length", length, 1, 100_000);
        Options.range(spec, "--compare", compare, 1, 10_000);
        Options.range(spec, "--exposure", exposure, 1, 10_000);
        DecodingConfig c = Options.usage(spec, () -> {
            try {
                return new DecodingConfig(Strategy.parse(strategy), temperature, k, p, beam, seed);
            } catch (IllegalArgumentException e) {
                // name the option, not the record field
                throw new IllegalArgumentException(e.getMessage().replace("top-k needs k", "--k needs k").replace("top-p needs", "--p needs")
                        .replace("the beam width", "--beam").replace("temperature must", "--temperature must"));
            }
        });
        PrintWriter out = spec.commandLine().getOut();
        Engine.start();
        ModelFile.Loaded m = ModelFiles.load(load);
        Vocabulary vocab = m.vocabulary();
        String start = prompt != null ? prompt : m.header().prompt();
        if (start == null || start.isEmpty()) {
            start = vocab.decode(0);
        }
        vocab.encode(start); // a character outside the vocabulary is named before any work
        if (m.header().config().family().image()) {
            // an image model's sequence is its pixels: the prompt is the first ones, and no more than the rest can follow
            int pixels = m.header().config().height() * m.header().config().width();
            if (start.length() >= pixels) {
                throw new IllegalArgumentException("the prompt already holds all " + pixels + " pixels of the image");
            }
            length = Math.min(length, pixels - start.length());
        }
        if (exposure != null) {
            return exposure(out, m, c);
        }
        if (compare != null) {
            return compare(out, m, start, c);
        }
        if (c.strategy() == Strategy.BEAM) {
            return beam(out, m, start, c);
        }
        Decoder.Generation g = Decoder.generate(m.model(), vocab, start, length, c, -1);
        if (!json) {
            out.println(start + g.text());
            return 0;
        }
        for (int t = 0; t < g.steps().size(); t++) {
            DecodeStep d = g.steps().get(t);
            out.println(Json.object().put("step", t + 1).put("token", vocab.decode(d.chosen())).put("logprob", d.logProb())
                    .put("total_logprob", d.totalLogProb()).put("before", top(vocab, d.raw())).put("after", top(vocab, d.reshaped()))
                    .put("kept", count(d.kept())).line());
        }
        out.println(Json.object().put("strategy", c.describe()).put("prompt", start).put("text", g.text()).put("logprob", g.logProb())
                .put("bits_per_token", -g.logProb() / Math.log(2) / g.tokens().length).line());
        return 0;
    }

    private int beam(PrintWriter out, ModelFile.Loaded m, String start, DecodingConfig c) {
        Vocabulary vocab = m.vocabulary();
        int[] promptIds = vocab.encode(start);
        BeamSearch.Result r = BeamSearch.run(m.model(), promptIds, c.beam(), length, -1);
        BeamSearch.Hypothesis best = r.ranked().get(0);
        ExactSource exact = exactSource(m);
        if (!json) {
            for (BeamSearch.Hypothesis h : r.ranked()) {
                String truth = exact == null ? "" : String.format("   true p %.3g", exact.conditional(promptIds, h.tokens()));
                out.printf("%s%s   log p %.4f   per token %.4f%s%n", start, vocab.decode(h.tokens()), h.logProb(), h.normalized(), truth);
            }
            return 0;
        }
        // per step along the best hypothesis: the model's distribution, and the beam the search kept at that depth
        Primed primed = Primed.of(m.model(), promptIds);
        for (int t = 0; t < best.tokens().length; t++) {
            int depth = t + 1;
            List<Object> kept = new ArrayList<>();
            r.tree().stream().filter(h -> h.depth() == depth && !h.pruned()).forEach(h -> kept.add(Json.object()
                    .put("text", vocab.decode(h.tokens())).put("logprob", h.logProb()).put("normalized", h.normalized()).fields()));
            int token = best.tokens()[t];
            double[] raw = Decoder.softmax(primed.logits(), 1);
            out.println(Json.object().put("step", depth).put("token", vocab.decode(token)).put("logprob", Math.log(raw[token]))
                    .put("before", top(vocab, raw)).put("after", kept).line());
            primed = primed.feed(m.model(), token);
        }
        Json summary = Json.object().put("strategy", c.describe()).put("prompt", start).put("text", vocab.decode(best.tokens()))
                .put("logprob", best.logProb()).put("normalized", best.normalized());
        if (exact != null) {
            summary.put("true_probability", exact.conditional(promptIds, best.tokens()));
        }
        out.println(summary.line());
        return 0;
    }

    private int compare(PrintWriter out, ModelFile.Loaded m, String start, DecodingConfig c) {
        List<DecodingConfig> distinct = new ArrayList<>(List.of(DecodingConfig.of(Strategy.GREEDY),
                new DecodingConfig(Strategy.SAMPLE, temperature, k, p, beam, seed), new DecodingConfig(Strategy.TOP_K, temperature, k, p, beam, seed),
                new DecodingConfig(Strategy.TOP_P, temperature, k, p, beam, seed)));
        // beam search scores V·W continuations per step: keep it to lengths it finishes quickly
        if (length <= 200) {
            distinct.add(new DecodingConfig(Strategy.BEAM, 1, k, p, beam, seed));
        }
        List<StrategyComparison.Row> rows = StrategyComparison.compare(m.model(), m.vocabulary(), start, distinct, compare, length, exactSource(m));
        for (StrategyComparison.Row r : rows) {
            if (json) {
                out.println(Json.object().put("strategy", r.strategy()).put("samples", r.samples()).put("bits_per_token", r.bitsPerToken())
                        .put("distinct_1", r.distinct1()).put("distinct_2", r.distinct2()).put("repetition_4", r.repetition()).put("unique", r.unique())
                        .put("total_variation", r.tv()).put("impossible", r.impossible()).line());
            } else {
                out.printf("%-20s n=%-5d %7.4f bits/token  distinct-1 %.3f  distinct-2 %.3f  rep-4 %.3f  unique %.3f%s%n", r.strategy(),
                        r.samples(), r.bitsPerToken(), r.distinct1(), r.distinct2(), r.repetition(), r.unique(),
                        Double.isNaN(r.tv()) ? "" : String.format("  TV %.3f  impossible %.1f%%", r.tv(), 100 * r.impossible()));
            }
        }
        return 0;
    }

    private int exposure(PrintWriter out, ModelFile.Loaded m, DecodingConfig c) throws DataException {
        DataSource data = m.data();
        // an image is continued from its top half; text windows of --length tokens from their first half
        int n = data.fixedSteps() > 0 ? data.fixedSteps() : length;
        int half = Math.max(1, n / 2);
        ExposureBias.Average a = ExposureBias.average(m.model(), ExposureBias.sequences(data, data.fixedSteps() > 0 ? n : n - 1, exposure),
                half, c);
        double tf = Arrays.stream(a.teacherForced()).average().orElse(Double.NaN) / Math.log(2);
        double fr = Arrays.stream(a.freeRunning()).average().orElse(Double.NaN) / Math.log(2);
        if (json) {
            out.println(Json.object().put("windows", a.windows()).put("prefix", half).put("strategy", c.describe())
                    .put("teacher_forced_bits", tf).put("free_running_bits", fr).put("diverged", a.divergedShare()[a.divergedShare().length - 1])
                    .put("teacher_forced", a.teacherForced()).put("free_running", a.freeRunning()).line());
        } else {
            int steps = a.teacherForced().length;
            out.printf("%d windows of %s, prefix %d, %d steps, free running with %s%n", a.windows(), data.name(), half, steps, c.describe());
            out.printf("mean loss teacher-forced %.4f bits, free-running %.4f bits; %.0f%% of generations left the reference%n", tf, fr,
                    100 * a.divergedShare()[steps - 1]);
        }
        return 0;
    }

    private static ExactSource exactSource(ModelFile.Loaded m) {
        try {
            return m.data() instanceof ExactSource e ? e : null;
        } catch (DataException | RuntimeException e) {
            return null; // compare without the truth
        }
    }

    private static List<Object> top(Vocabulary vocab, double[] q) {
        return IntStream.range(0, q.length).boxed().sorted(Comparator.comparingDouble(i -> -q[i])).limit(TOP).filter(i -> q[i] > 0)
                .map(i -> (Object) Json.object().put("token", vocab.decode(i)).put("p", q[i]).fields()).toList();
    }

    private static int count(boolean[] b) {
        int n = 0;
        for (boolean x : b) {
            n += x ? 1 : 0;
        }
        return n;
    }
}
