package org.seqlab.app.figures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.DoubleConsumer;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.bridge.TorchExport;
import org.seqlab.engine.data.DigitsCorpus;
import org.seqlab.engine.data.ExactSource;
import org.seqlab.engine.data.ImageShape;
import org.seqlab.engine.data.Vocabulary;
import org.seqlab.engine.expect.Measured;
import org.seqlab.engine.expect.Point;
import org.seqlab.engine.follow.InspectionFollower;
import org.seqlab.engine.follow.SamplesFollower;
import org.seqlab.engine.follow.TutorFollower;
import org.seqlab.engine.tutor.vocabulary.Cause;
import org.seqlab.engine.tutor.CounterExperiment;
import org.seqlab.engine.inspect.Ablation;
import org.seqlab.engine.inspect.AnomalyDetection;
import org.seqlab.engine.inspect.Costs;
import org.seqlab.engine.inspect.ExposureBias;
import org.seqlab.engine.inspect.LengthProbe;
import org.seqlab.engine.inspect.OrderBlindness;
import org.seqlab.engine.inspect.PixelSampling;
import org.seqlab.engine.inspect.TakeApart;
import org.seqlab.engine.model.conv.Mask;
import org.seqlab.engine.model.conv.Masked;
import org.seqlab.engine.model.transformer.TransformerModel;
import org.seqlab.engine.sample.BeamSearch;
import org.seqlab.engine.sample.Decoder;
import org.seqlab.engine.sample.DecodingConfig;
import org.seqlab.engine.sample.Strategy;
import org.seqlab.engine.sample.StrategyComparison;
import org.seqlab.engine.train.ModelRun;
import org.seqlab.engine.train.LabTrainer;
import org.seqlab.engine.train.TrainingSession;

/**
 * {@link EngineTasks} answered by the {@link Trainer}'s engine thread, between steps: each request runs on the
 * session there and returns plain data. Also starts the trainer's followers — the lab's samples and the traces of the
 * inspected input — so that a trainer driven through these tasks publishes them.
 */
public final class TrainerTasks implements EngineTasks {

    private final LabTrainer trainer;
    private final InspectionFollower inspection;
    private final SamplesFollower samples;

    public TrainerTasks(LabTrainer trainer) {
        this.trainer = trainer;
        this.inspection = new InspectionFollower(trainer);
        this.samples = new SamplesFollower(trainer);
        new TutorFollower(trainer);
    }

    @Override
    public CompletableFuture<DecodingFigure.Input> decode(String runId, String prompt, int length, DecodingConfig config, ImageShape image) {
        return trainer.submit(session -> decoding(session, runId, prompt, length, config, image));
    }

    @Override
    public CompletableFuture<BeamFigure.Input> beam(String runId, String prompt, int width, int length) {
        return trainer.submit(session -> beam(session, runId, prompt, width, length));
    }

    @Override
    public CompletableFuture<ExposureFigure.Input> exposure(int example, int prefix, DecodingConfig free, DoubleConsumer progress) {
        return trainer.submit(session -> exposure(session, example, prefix < 0 ? prefixFor(session) : prefix, free, progress));
    }

    @Override
    public CompletableFuture<CounterExperiment.Verdict> confirm(String runId, Cause cause, DoubleConsumer progress) {
        return trainer.submit(session -> {
            ModelRun run = session.run(runId);
            return CounterExperiment.of(cause, run.config()).run(session.dataOf(run), session.config(), run.config(), session.stepsTaken(), progress);
        });
    }

    @Override
    public CompletableFuture<StrategiesFigure.Input> strategies(String runId, String prompt, List<DecodingConfig> list, int n, int length,
            DoubleConsumer progress) {
        return trainer.submit(session -> strategies(session, runId, prompt, list, n, length, progress));
    }

    @Override
    public CompletableFuture<List<LengthProbe.Curve>> lengths() {
        return trainer.submit(LengthProbe::measure);
    }

    @Override
    public CompletableFuture<List<Costs.ModelCosts>> costs() {
        return trainer.submit(TrainerTasks::costList);
    }

    @Override
    public CompletableFuture<List<Mask>> masks(String runId) {
        return trainer.submit(session -> masksOf(session.run(runId)));
    }

    @Override
    public CompletableFuture<PixelSampling.Drawing> draw(String runId, int[] prefix, double temperature, long seed) {
        return trainer.submit(session -> {
            ImageShape shape = session.data().imageShape();
            if (shape == null) {
                throw new IllegalArgumentException(Texts.get("task.drawNeeds"));
            }
            return PixelSampling.draw(session.run(runId).model(), shape.height(), shape.width(), prefix, temperature, seed);
        });
    }

    @Override
    public CompletableFuture<AnomalyDetection.Result> anomalies(String runId, int digits, long seed) {
        return trainer.submit(session -> {
            if (!(session.data() instanceof DigitsCorpus d)) {
                throw new IllegalArgumentException(Texts.get("task.anomalyNeeds"));
            }
            return AnomalyDetection.compute(session.run(runId).model(), d, digits, session.stepsTaken(), seed);
        });
    }

    @Override
    public CompletableFuture<AblationFigure.Input> ablate(String runId, Ablation part, String text, int length, double temperature, long seed) {
        return trainer.submit(session -> {
            ModelRun run = session.run(runId);
            Vocabulary v = session.dataOf(run).vocabulary();
            String prompt = text.isEmpty() ? v.decode(0) : text.substring(0, text.offsetByCodePoints(0, 1));
            return new AblationFigure.Input(TakeApart.compare(run.label(), run.model(), v, session.encodeFor(run, text), session.validation(run),
                    part, prompt, length, temperature, seed), session.stepsTaken());
        });
    }

    @Override
    public CompletableFuture<PatchingFigure.Input> patch(String runId, String text, int position, boolean whole) {
        return trainer.submit(session -> {
            ModelRun run = session.run(runId);
            String what = !(run.model() instanceof TransformerModel) ? Texts.get("patching.what.state")
                    : whole ? Texts.format("patching.what.cache.f", position)
                    : Texts.format("patching.what.position.f", position);
            return new PatchingFigure.Input(TakeApart.patch(run.label(), run.model(), session.dataOf(run).vocabulary(), session.encodeFor(run, text),
                    position, whole, TakeApartFigures.SAMPLE_LENGTH, TakeApartFigures.TEMPERATURE, session.stepsTaken() + 1L), what, session.stepsTaken());
        });
    }

    @Override
    public CompletableFuture<LogitLensFigure.Input> lens(String runId, String text) {
        return trainer.submit(session -> {
            ModelRun run = session.run(runId);
            TakeApart.Lens lens = TakeApart.lens(run.label(), transformer(run, Texts.get("task.lensNeeds")),
                    session.dataOf(run).vocabulary(), session.encodeFor(run, text));
            return new LogitLensFigure.Input(run.label(), lens, session.stepsTaken());
        });
    }

    @Override
    public CompletableFuture<PermutationFigure.Input> permute(String runId, String text) {
        return trainer.submit(session -> {
            ModelRun run = session.run(runId);
            var result = OrderBlindness.of(run.label(),
                    transformer(run, Texts.get("task.permuteNeeds")),
                    session.dataOf(run).vocabulary(), session.encodeFor(run, text));
            return new PermutationFigure.Input(run.label(), result, session.stepsTaken());
        });
    }

    /** The run's model as a Transformer, or why this view needs one. */
    private static TransformerModel transformer(ModelRun run, String why) {
        if (!(run.model() instanceof TransformerModel t)) {
            throw new IllegalArgumentException(why);
        }
        return t;
    }

    @Override
    public CompletableFuture<InductionFigure.Input> induction(String runId) {
        return trainer.submit(session -> new InductionFigure.Input(session.run(runId).label(), TakeApart.inductionScores(session.run(runId).model()),
                session.stepsTaken()));
    }

    @Override
    public void inspect(String text) {
        inspection.inspect(text);
    }

    @Override
    public void inspectAt(int position) {
        inspection.inspectAt(position);
    }

    @Override
    public CompletableFuture<Measured> measure(Point point, String input) {
        return trainer.submit(session -> Measured.of(point, session, input));
    }

    @Override
    public CompletableFuture<TorchExport.Written> toPyTorch(Path folder) {
        return trainer.submit(session -> {
            try {
                return TorchExport.writeRuns(session, folder);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not write into " + folder + ": " + e.getLocalizedMessage(), e);
            }
        });
    }

    @Override
    public void setSampling(double temperature, int length) {
        samples.setSampling(temperature, length);
    }

    // ---- the computations, on the engine thread ----

    /** The masks a convolutional model really uses (read on the engine thread). */
    static List<Mask> masksOf(ModelRun run) {
        return run.model() instanceof Masked m ? m.masks() : List.of();
    }

    /** Fresh models of every text run's configuration, timed on this machine (on the engine thread). */
    static List<Costs.ModelCosts> costList(TrainingSession session) {
        List<Costs.ModelCosts> out = new ArrayList<>();
        for (ModelRun r : session.runs()) {
            if (!r.config().model().family().image()) {
                out.add(Costs.measure(r.label(), r.config().model(), session.data().vocabulary().size(), CostsFigure.MAX_LENGTH, CostsFigure.TOKENS));
            }
        }
        return out;
    }

    /** Greedy and the chosen strategy from the same prompt, every step's distributions kept. */
    static DecodingFigure.Input decoding(TrainingSession session, String runId, String text, int n, DecodingConfig c, ImageShape shape) {
        ModelRun run = session.run(runId);
        Vocabulary v = session.data().vocabulary();
        String start = text.isEmpty() ? v.decode(0) : text;
        Decoder.Generation greedy = Decoder.generate(run.model(), v, start, n, DecodingConfig.of(Strategy.GREEDY), -1);
        Decoder.Generation sampled = Decoder.generate(run.model(), v, start, n, c, -1);
        return new DecodingFigure.Input(runId, run.label(), labels(v, v.encode(start)), labels(v), greedy, sampled, c, session.stepsTaken(),
                shape);
    }

    /** A beam search from the prompt, with the source's probabilities when it knows them. */
    static BeamFigure.Input beam(TrainingSession session, String runId, String text, int width, int n) {
        ModelRun run = session.run(runId);
        Vocabulary v = session.data().vocabulary();
        String start = text.isEmpty() ? v.decode(0) : text;
        int[] ids = v.encode(start);
        BeamSearch.Result result = BeamSearch.run(run.model(), ids, width, n, -1);
        double[] truth = null;
        if (session.data() instanceof ExactSource exact) {
            truth = result.ranked().stream().mapToDouble(h -> exact.conditional(ids, h.tokens())).toArray();
        }
        return new BeamFigure.Input(run.label(), start, labels(v), result, truth, session.stepsTaken());
    }

    /** Half of a window (or image), by default, is the prefix. */
    static int prefixFor(TrainingSession session) {
        return session.data().imageShape() != null ? session.data().imageShape().pixels() / 2 : session.config().steps() / 2;
    }

    /** Every model continues validation windows teacher-forced and free-running; example {@code k} is shown in full. */
    static ExposureFigure.Input exposure(TrainingSession session, int k, int pre, DecodingConfig free, DoubleConsumer progress) {
        Vocabulary v = session.data().vocabulary();
        List<int[]> sequences = ExposureBias.sequences(session.data(), session.config().steps(), ExposureFigure.WINDOWS);
        int n = sequences.get(0).length;
        if (pre >= n) {
            throw new IllegalArgumentException(Texts.get("task.prefix", String.valueOf(pre), String.valueOf(n)));
        }
        int[] window = sequences.get(Math.min(k, sequences.size() - 1));
        int[] pfx = Arrays.copyOf(window, pre);
        int[] reference = Arrays.copyOfRange(window, pre, n);
        ExactSource exact = session.data() instanceof ExactSource e ? e : null;
        List<ModelRun> models = session.runs();
        List<ExposureRun> runs = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            ModelRun run = models.get(i);
            int done = i;
            ExposureBias.Result one = ExposureBias.compute(run.model(), pfx, reference, free, exact);
            ExposureBias.Average mean = ExposureBias.average(run.model(), sequences, pre, free,
                    share -> progress.accept((done + share) / models.size()));
            String how = run.config().model().family().image() ? "" : run.config().scheduled().enabled()
                    ? " · " + run.config().scheduled().describe() : Texts.get("exposure.tfOnly");
            runs.add(new ExposureRun(run.id(), run.label() + how, one, mean));
        }
        return new ExposureFigure.Input(labels(v, pfx), labels(v), runs, free.describe(), session.stepsTaken(), session.data().imageShape());
    }

    /** Greedy, sampling, top-k, top-p and beam on N continuations each. */
    static StrategiesFigure.Input strategies(TrainingSession session, String runId, String text, List<DecodingConfig> list, int n, int len,
            DoubleConsumer progress) {
        ModelRun run = session.run(runId);
        Vocabulary v = session.data().vocabulary();
        String start = text.isEmpty() ? v.decode(0) : text;
        ExactSource exact = session.data() instanceof ExactSource e ? e : null;
        List<StrategyComparison.Row> rows = StrategyComparison.compare(run.model(), v, start, list, n, len, exact, progress);
        return new StrategiesFigure.Input(run.label(), start, len, rows, exact != null, session.stepsTaken(), v.size());
    }

    private static List<String> labels(Vocabulary v) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            out.add(v.label(i));
        }
        return out;
    }

    private static List<String> labels(Vocabulary v, int[] ids) {
        List<String> out = new ArrayList<>();
        for (int id : ids) {
            out.add(v.label(id));
        }
        return out;
    }
}
