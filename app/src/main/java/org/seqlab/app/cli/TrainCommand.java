package org.seqlab.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
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

/** {@code seqlab train}: trains one model without a display and reports as it goes. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Trains one model, printing progress (one JSON object per line with --json) and a final summary.")
public final class TrainCommand extends TrainOptions implements Callable<Integer> {

    /** Ten million steps: days at lab sizes. */
    static final int MAX_STEPS = 10_000_000;

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
        RunConfig runConfig = new RunConfig(modelConfig, optim, sampling);
        TrainingSession session = new TrainingSession(source, trainConfig, List.of(runConfig));
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
                DiagnosisReport tutor = diagnose || confirm ? DiagnosisReport.of(session, runConfig, confirm) : null;
                if (json) {
                    Json j = Json.object().put("step", o.step()).put("error", msg);
                    out.println((tutor == null ? j : j.put("diagnoses", tutor.json())).line());
                } else if (tutor != null) {
                    tutor.print(out);
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
        DiagnosisReport tutor = diagnose || confirm ? DiagnosisReport.of(session, runConfig, confirm) : null;
        new TrainReport(out, json, evalEvery, save).line(session, run, t0, floor, true, tutor);
        if (tutor != null && !json) {
            tutor.print(out);
        }
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
