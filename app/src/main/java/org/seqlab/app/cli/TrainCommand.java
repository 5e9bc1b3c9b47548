package org.seqlab.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.Callable;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.DataSource;
import org.seqlab.engine.data.PixelOrder;
import org.seqlab.engine.data.catalog.DataSources;
import org.seqlab.engine.io.AtomicFile;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.Norm;
import org.seqlab.engine.model.Positional;
import org.seqlab.engine.model.build.ModelFile;
import org.seqlab.engine.train.Hyperparameter;
import org.seqlab.engine.train.ModelRun;
import org.seqlab.engine.train.OptimizerConfig;
import org.seqlab.engine.train.RunConfig;
import org.seqlab.engine.train.Schedule;
import org.seqlab.engine.train.ScheduledSampling;
import org.seqlab.engine.train.SessionFile;
import org.seqlab.engine.train.TrainConfig;
import org.seqlab.engine.train.TrainingSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code seqlab train}: trains one model without a display and reports as it goes. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Trains one model, printing progress (one JSON object per line with --json) and a final summary.")
public final class TrainCommand implements Callable<Integer> {

    /** Ten million steps: days at lab sizes. */
    static final int MAX_STEPS = 10_000_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DATA",
            description = "names, moby-dick, synthetic:markov, synthetic:reber, synthetic:brackets, synthetic:recall, synthetic:order, synthetic:repeat, digits, digits-14 (or digits-14:ORDER, see --order), "
                    + "images:DIR or images-14:DIR (a folder of PNG or JPEG images), a UTF-8 text file; or, for an encoder–decoder, task:reverse, task:sort, task:copy, task:dates or task:numbers")
    String data;

    @Option(names = "--order", paramLabel = "ORDER", description = "digits, digits-14: a text model reads the pixels as a sequence in this order: "
            + "raster, snake, column, hilbert or random (the same as --data digits-14:ORDER)")
    String order;

    @Option(names = "--model", required = true, paramLabel = "FAMILY",
            description = "rnn, lstm, gru, transformer, conv1d (text), pixelcnn, gated-pixelcnn or made (digits); "
                    + "seq2seq-gru, seq2seq-lstm, seq2seq-attention or seq2seq-transformer (task:…)")
    String model;

    @Option(names = "--attention", paramLabel = "SCORE", description = "seq2seq-attention: additive (Bahdanau) or dot (Luong) scores (default ${DEFAULT-VALUE})")
    String attention = "additive";

    @Option(names = "--hidden", description = "hidden units per layer (default: the lab's for the family, 64; PixelCNN 32, MADE 256)")
    Integer hidden;

    @Option(names = "--d-model", paramLabel = "N", description = "Transformer: model width (default: --hidden)")
    Integer dModel;

    @Option(names = "--layers", description = "stacked layers or Transformer blocks (default 1, Transformer 2)")
    Integer layers;

    @Option(names = "--heads", description = "Transformer: attention heads (default ${DEFAULT-VALUE})")
    int heads = 4;

    @Option(names = "--context", description = "Transformer: context length (default: --seq)")
    Integer context;

    @Option(names = "--positions", description = "Transformer: sinusoidal, learned, none, alibi or rope (default ${DEFAULT-VALUE})")
    String positions = "sinusoidal";

    @Option(names = "--kv-heads", paramLabel = "N", description = "Transformer: key/value heads shared by the heads (default: --heads; 1: MQA)")
    Integer kvHeads;

    @Option(names = "--norm", description = "Transformer: LayerNorm before each branch (pre) or after each residual sum (post)")
    String norm = "pre";

    @Option(names = "--channels", description = "conv1d, PixelCNN: channels (default: --hidden)")
    Integer channels;

    @Option(names = "--kernel", description = "conv1d: taps (default 2); PixelCNN: first, type A kernel (default 5); "
            + "gated PixelCNN: kernel (default 3)")
    Integer kernel;

    @Option(names = "--no-dilation", description = "conv1d: all dilations 1 (the receptive field then grows linearly)")
    boolean noDilation;

    @Option(names = "--embed", description = "embedding width; 0 = same as --hidden (default: the lab's, 32)")
    Integer embed;

    @Option(names = "--steps", description = "training steps (default ${DEFAULT-VALUE})")
    int steps = 1000;

    @Option(names = "--batch", description = "sequences per batch (default ${DEFAULT-VALUE})")
    int batch = 32;

    @Option(names = "--seq", description = "characters per sequence (default ${DEFAULT-VALUE})")
    int seq = 64;

    @Option(names = "--optimizer", paramLabel = "NAME", description = "adam, or sgd: plain gradient descent, where clipping matters "
            + "(default ${DEFAULT-VALUE})")
    String optimizer = "adam";

    @Option(names = "--lr", description = "learning rate (default: the lab's for the family, 3e-3; Transformer 1e-3)")
    Double lr;

    @Option(names = "--clip", description = "clip the gradient norm at this value; 0 turns clipping off (default ${DEFAULT-VALUE})")
    double clip = 1.0;

    @Option(names = "--schedule", description = "constant or warmup-cosine (default ${DEFAULT-VALUE})")
    String schedule = "constant";

    @Option(names = "--warmup", description = "warm-up steps for warmup-cosine (default ${DEFAULT-VALUE})")
    int warmup = 100;

    @Option(names = "--scheduled-sampling", paramLabel = "EPS", description = "text models: replace each input by the model's own "
            + "draw with probability EPS, ramped up from 0 (Bengio et al. 2015; default ${DEFAULT-VALUE}, teacher forcing only)")
    double scheduledSampling = 0;

    @Option(names = "--ss-ramp", paramLabel = "N", description = "steps over which the scheduled-sampling rate grows to EPS (default: half of --steps)")
    Integer ssRamp;

    @Option(names = "--seed", description = "seeds weights and batch order (default ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--eval-every", description = "validate every N steps (default ${DEFAULT-VALUE})")
    int evalEvery = 100;

    @Option(names = "--save", paramLabel = "FILE", description = {"save the trained model to this file;",
            "a name ending in .seqrun saves the whole run (weights, optimiser state, history) for the lab to reopen and continue"})
    Path save;

    @Option(names = "--json", description = "print one JSON object per line")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        checkOptions();
        if (data.startsWith("task:") || model.startsWith("seq2seq")) {
            return new Seq2SeqTraining(this).run(out, err);
        }
        if (order != null) {
            if (!data.equals("digits") && !data.equals("digits-14")) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--order reads the pixels of digits or digits-14 in an order, not of " + data);
            }
            Options.usage(spec, () -> PixelOrder.parse(order));
            data = data + ":" + order.trim().toLowerCase(Locale.ROOT);
        }
        // digits read as a sequence: one sequence is an image's pixels, which a Transformer's context must hold
        int pixels = DataSources.orderedPixels(data) == null ? 0 : data.startsWith("digits-14") ? 196 : 784;
        Family family = Options.usage(spec, () -> Family.parse(model));
        // what is not given is the lab's default for the family, so the command line and the lab train the same model
        RunConfig lab = RunConfig.defaults(family);
        int hidden = this.hidden != null ? this.hidden : lab.model().hidden();
        int embed = this.embed != null ? this.embed : lab.model().embed();
        double lr = this.lr != null ? this.lr : lab.optimizer().learningRate();
        int width = channels != null ? channels : hidden;
        ModelConfig modelConfig = Options.usage(spec, () -> switch (family) {
            case TRANSFORMER -> new ModelConfig(family, 0, dModel != null ? dModel : hidden, layers != null ? layers : 2, heads,
                    context != null ? context : Math.max(seq, pixels), Positional.parse(positions))
                    .withKvHeads(kvHeads != null ? kvHeads : heads).withNorm(Norm.parse(norm));
            case CONV1D -> ModelConfig.conv1d(width, layers != null ? layers : 6, kernel != null ? kernel : 2, !noDilation);
            // the image size is the data's; 28×28 here is replaced when the session meets the digits
            case PIXELCNN, GATED_PIXELCNN -> ModelConfig.pixelCnn(family == Family.GATED_PIXELCNN, width, layers != null ? layers : 6,
                    kernel != null ? kernel : family == Family.GATED_PIXELCNN ? 3 : 5, 28, 28);
            case MADE -> ModelConfig.made(hidden, 28, 28);
            default -> new ModelConfig(family, embed, hidden, layers != null ? layers : 1);
        });
        OptimizerConfig optim = Options.usage(spec, () -> OptimizerConfig.of(lr, Schedule.parse(schedule), warmup,
                Math.max(warmup + 1, steps), clip > 0, clip > 0 ? clip : 1, OptimizerConfig.Method.parse(optimizer)));
        TrainConfig trainConfig = Options.usage(spec, () -> new TrainConfig(batch, seq, seed, evalEvery, 4));
        ScheduledSampling sampling = Options.usage(spec, () -> new ScheduledSampling(scheduledSampling, ssRamp != null ? ssRamp : steps / 2));
        if (save != null) {
            AtomicFile.checkDestination(save);   // before any work: nothing is trained for a save that cannot happen
        }
        DataSource source = DataSources.open(data);
        Engine.start();
        TrainingSession session = new TrainingSession(source, trainConfig, List.of(new RunConfig(modelConfig, optim, sampling)));
        ModelRun run = session.runs().get(0);
        OptionalDouble floor = session.entropyFloorBits();

        long t0 = System.nanoTime();
        int every = Math.min(evalEvery, steps);
        for (int i = 0; i < steps; i++) {
            TrainingSession.StepOutcome o = session.trainStep();
            if (!o.divergences().isEmpty()) {
                String msg = o.divergences().get(0);
                if (save != null) {
                    saveModel(session);
                    msg += " The last good weights were saved to " + save + ".";
                }
                if (json) {
                    out.println(Json.object().put("step", o.step()).put("error", msg).line());
                }
                err.println("seqlab: " + msg);
                return 3;
            }
            if (o.step() % every == 0 && o.step() < steps) {
                new TrainReport(out, json, evalEvery, save).line(session, run, t0, floor, false);
            }
        }
        if (steps % evalEvery != 0) {
            session.evaluate();
        }
        if (save != null) {
            saveModel(session);
        }
        new TrainReport(out, json, evalEvery, save).line(session, run, t0, floor, true);
        return 0;
    }

    /** Every option in its range before anything starts (the engine's records check the rest). */
    private void checkOptions() {
        Options.range(spec, "--hidden", hidden, 1, ModelConfig.MAX_WIDTH);
        Options.range(spec, "--d-model", dModel, 1, ModelConfig.MAX_WIDTH);
        Options.range(spec, "--channels", channels, 1, ModelConfig.MAX_WIDTH);
        Options.range(spec, "--layers", layers, 1, ModelConfig.MAX_LAYERS);
        Options.range(spec, "--heads", heads, 1, ModelConfig.MAX_WIDTH);
        Options.range(spec, "--context", context, 2, ModelConfig.MAX_CONTEXT);
        Options.range(spec, "--kernel", kernel, 2, 16);
        Options.range(spec, "--embed", embed, 0, ModelConfig.MAX_WIDTH);
        Options.range(spec, "--steps", steps, 1, MAX_STEPS);
        Options.range(spec, "--batch", batch, 1, TrainConfig.MAX_BATCH);
        Options.range(spec, "--seq", seq, 2, TrainConfig.MAX_STEPS);
        if (lr != null) {
            Options.positive(spec, "--lr", lr, OptimizerConfig.MAX_LEARNING_RATE);
        }
        if (!(clip >= 0 && clip < Double.POSITIVE_INFINITY)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--clip must be 0 (no clipping) or a positive norm, not " + clip);
        }
        Options.range(spec, "--warmup", warmup, 0, MAX_STEPS);
        Options.range(spec, "--scheduled-sampling", scheduledSampling, 0, 1);
        Options.range(spec, "--ss-ramp", ssRamp, 0, MAX_STEPS);
        Options.range(spec, "--eval-every", evalEvery, 1, MAX_STEPS);
        refuseWhatDoesNotApply();
    }

    /**
     * An option the chosen model does not read is refused, never silently ignored: a learner who typed it expects it
     * to change something. Each option names the models it applies to.
     */
    private void refuseWhatDoesNotApply() {
        var parsed = spec.commandLine().getParseResult();
        if (parsed == null) {
            return;
        }
        String m = model.trim().toLowerCase(Locale.ROOT);
        boolean seq2seq = m.startsWith("seq2seq");
        Family family = seq2seq ? null : Options.usage(spec, () -> Family.parse(m));
        boolean text = !seq2seq && !family.image();
        // the language models' settings: the one table says which family reads which; an encoder–decoder reads its own few
        Set<Hyperparameter> seq2seqReads = EnumSet.of(Hyperparameter.HIDDEN, Hyperparameter.EMBED, Hyperparameter.OPTIMIZER,
                Hyperparameter.LR, Hyperparameter.CLIP, Hyperparameter.SCHEDULE, Hyperparameter.WARMUP);
        record Reads(String option, boolean applies, String whose) { }
        List<Reads> reads = new ArrayList<>();
        for (Hyperparameter h : Hyperparameter.values()) {
            if (h.option() != null) {
                reads.add(seq2seq ? new Reads(h.option(), seq2seqReads.contains(h), "the language models")
                        : new Reads(h.option(), h.appliesTo(family), h.whose()));
            }
        }
        reads.add(new Reads("--attention", m.equals("seq2seq-attention"), "seq2seq-attention"));
        reads.add(new Reads("--d-model", family == Family.TRANSFORMER, Hyperparameter.HEADS.whose()));
        reads.add(new Reads("--channels", Hyperparameter.KERNEL.appliesTo(family), Hyperparameter.KERNEL.whose()));
        reads.add(new Reads("--seq", text, "the text models (an image model reads whole images, an encoder–decoder whole sources)"));
        for (Reads r : reads) {
            if (!r.applies() && parsed.hasMatchedOption(r.option())) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), r.option() + " applies to " + r.whose() + ", not to "
                        + model + "; leave it out");
            }
        }
        if (save != null && save.getFileName() != null) {
            String name = save.getFileName().toString();
            if (seq2seq && !name.endsWith(".seq2seq")) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "an encoder–decoder saves to a FILE.seq2seq (translate --load "
                        + "and the encoder–decoder lab open it), not " + name);
            }
            if (!seq2seq && name.endsWith(".seq2seq")) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a .seq2seq file holds an encoder–decoder; save " + model
                        + " to a FILE.seqlab (the model) or FILE.seqrun (the whole run)");
            }
        }
    }

    private void saveModel(TrainingSession session) throws IOException {
        if (save.getFileName() != null && save.getFileName().toString().endsWith(SessionFile.EXTENSION)) {
            SessionFile.save(save, session);   // self-contained: a text of your own goes inside
            return;
        }
        DataSource d = session.data();
        String prompt = d.examples().isEmpty() ? d.vocabulary().decode(0) : d.examples().get(0).substring(0, d.examples().get(0).offsetByCodePoints(0, 1));
        ModelFile.save(save, session.runs().get(0).model(), d, prompt, session.stepsTaken());
    }
}
