package org.seqlab.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.seqlab.engine.Engine;
import org.seqlab.engine.model.ModelFile;
import org.seqlab.engine.sample.Sampler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code seqlab sample}: continues a prompt with a saved model. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Prints the prompt and a continuation drawn from a saved model.")
public final class SampleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--load", required = true, paramLabel = "FILE", description = "a model saved by seqlab train --save")
    Path load;

    @Option(names = "--prompt", paramLabel = "S", description = "text to continue (default: what the model was trained to start from)")
    String prompt;

    @Option(names = "--length", description = "characters to generate (default ${DEFAULT-VALUE})")
    int length = 200;

    @Option(names = "--temperature", description = "softmax temperature; 0 is greedy (default ${DEFAULT-VALUE})")
    double temperature = 1.0;

    @Option(names = "--seed", description = "seed for sampling (default ${DEFAULT-VALUE})")
    long seed = 1;

    @Override
    public Integer call() throws Exception {
        if (length < 1 || length > 100_000) {
            throw new IllegalArgumentException("--length must be between 1 and 100000, not " + length);
        }
        if (!(temperature >= 0) || temperature > 100) {
            throw new IllegalArgumentException("--temperature must be between 0 (greedy) and 100, not " + temperature);
        }
        PrintWriter out = spec.commandLine().getOut();
        Engine.start();
        ModelFile.Loaded m = ModelFile.load(load);
        String p = prompt != null ? prompt : m.header().prompt();
        if (p == null || p.isEmpty()) {
            p = m.vocabulary().decode(0);
        }
        String text = Sampler.generate(m.model(), m.vocabulary(), p, length, temperature, new SplittableRandom(seed));
        out.println(p + text);
        return 0;
    }
}
