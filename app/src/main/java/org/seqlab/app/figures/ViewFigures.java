package org.seqlab.app.figures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleConsumer;
import java.util.function.Function;
import org.seqlab.app.figures.AnomalyFigure;
import org.seqlab.app.figures.AttentionFigure;
import org.seqlab.app.figures.BeamFigure;
import org.seqlab.app.figures.ConvStackFigure;
import org.seqlab.app.figures.CostsFigure;
import org.seqlab.app.figures.DecodingFigure;
import org.seqlab.app.figures.ExposureFigure;
import org.seqlab.app.figures.Figure;
import org.seqlab.app.figures.GatesFigure;
import org.seqlab.app.figures.GradientFlowFigure;
import org.seqlab.app.figures.HiddenStateFigure;
import org.seqlab.app.figures.LossChartFigure;
import org.seqlab.app.figures.MaskFigure;
import org.seqlab.app.figures.MaskKernelsFigure;
import org.seqlab.app.figures.MetricsFigure;
import org.seqlab.app.figures.PixelDrawingFigure;
import org.seqlab.app.figures.PixelFieldFigure;
import org.seqlab.app.figures.PositionalFigure;
import org.seqlab.app.figures.QueryFigure;
import org.seqlab.app.figures.SamplesFigure;
import org.seqlab.app.figures.StrategiesFigure;
import org.seqlab.engine.data.DigitsCorpus;
import org.seqlab.engine.data.ExactSource;
import org.seqlab.engine.data.ImageShape;
import org.seqlab.engine.data.Vocabulary;
import org.seqlab.engine.inspect.AnomalyDetection;
import org.seqlab.engine.inspect.Costs;
import org.seqlab.engine.inspect.ExposureBias;
import org.seqlab.engine.inspect.PixelSampling;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.Probe;
import org.seqlab.engine.model.Trace;
import org.seqlab.engine.model.conv.Conv1dModel;
import org.seqlab.engine.model.conv.Mask;
import org.seqlab.engine.model.conv.PixelModel;
import org.seqlab.engine.sample.BeamSearch;
import org.seqlab.engine.sample.Decoder;
import org.seqlab.engine.sample.DecodingConfig;
import org.seqlab.engine.sample.Strategy;
import org.seqlab.engine.sample.StrategyComparison;
import org.seqlab.engine.train.ModelRun;
import org.seqlab.engine.train.TrainingSession;
import org.seqlab.engine.train.TrainingSnapshot;
import org.seqlab.engine.train.TrainingSnapshot.InspectionSnapshot;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;

/**
 * Every view's figure, built from a snapshot and, for the views that compute something of their own (decoding,
 * costs, anomalies…), from work on the engine thread. The lab's views and the headless {@code export} command both
 * build their figures here, so an exported figure is the one the lab shows. Free of JavaFX.
 */
public final class ViewFigures {

    /** Runs work on the engine thread and waits for it. */
    @FunctionalInterface
    public interface Engine {
        <T> T call(Function<TrainingSession, T> work);
    }

    public static final int COST_MAX_LENGTH = 512;
    public static final int COST_TOKENS = 200;
    public static final int ANOMALY_DIGITS = 300;
    public static final int EXPOSURE_WINDOWS = 32;

    private ViewFigures() {
    }

    public static Figure loss(TrainingSnapshot s) {
        return new LossChartFigure(s, LossChartFigure.XAxis.STEPS);
    }

    /**
     * The figure of a view by its short name, as the lab shows it by default: the first model that can fill it
     * (or every model, for the views that compare them), the top layer, the first head, the inspected input.
     *
     * @param seed seeds whatever the view draws at random (decoding)
     */
    public static Figure of(String view, TrainingSnapshot s, Engine engine, long seed) {
        InspectionSnapshot in = s.inspection();
        String name = ViewCatalog.byName(view).name();
        switch (name) {
            case "samples":
                return new SamplesFigure(s);
            case "metrics":
                return new MetricsFigure(s);
            case "costs":
                return costs(engine);
            case "decoding":
                return decoding(s, engine, DecodingConfig.of(Strategy.TOP_P).withTemperature(0.8).withSeed(seed), 60);
            case "beam":
                return beam(s, engine, 3, 10);
            case "exposure":
                return new ExposureFigure(engine.call(session -> exposure(session, 0, prefixFor(session), DecodingConfig.of(Strategy.GREEDY),
                        x -> { })));
            case "strategies":
                return strategies(s, engine, seed);
            default:
                break;
        }
        if (in == null || !in.error().isEmpty()) {
            return Figure.empty(name, name, in == null ? "Nothing inspected yet." : in.error());
        }
        List<String> labels = in.labels();
        switch (name) {
            case "gradient":
                return new GradientFlowFigure(gradientCurves(s, in), labels, in.step());
            case "hidden": {
                RunSnapshot r = first(s, f -> f.recurrent());
                int layer = r.config().model().layers() - 1;
                return new HiddenStateFigure(r.label(), in.traces().get(r.id()).get(new Probe.Hidden(layer)), labels, layer, in.step());
            }
            case "gates": {
                RunSnapshot r = first(s, f -> f == Family.LSTM);
                return new GatesFigure(r.label(), in.traces().get(r.id()), labels, r.config().model().layers() - 1, in.step(), 32);
            }
            case "attention": {
                RunSnapshot r = first(s, f -> f == Family.TRANSFORMER);
                return new AttentionFigure(r.label(), in.traces().get(r.id()), labels, r.config().model().layers(), r.config().model().heads(),
                        in.step(), null);
            }
            case "mask": {
                RunSnapshot r = first(s, f -> f == Family.TRANSFORMER);
                return new MaskFigure(r.label(), in.traces().get(r.id()), labels, 0, 0, in.step());
            }
            case "query": {
                RunSnapshot r = first(s, f -> f == Family.TRANSFORMER);
                return new QueryFigure(r.label(), in.traces().get(r.id()), labels, 0, 0, labels.size() - 2, in.step());
            }
            case "positions": {
                RunSnapshot r = first(s, f -> f == Family.TRANSFORMER);
                return positions(r, in);
            }
            case "stack": {
                RunSnapshot r = first(s, f -> f == Family.CONV1D);
                return new ConvStackFigure(r.label(), r.config().model(), in.traces().get(r.id()), labels, in.position(), in.step());
            }
            case "masks": {
                RunSnapshot r = first(s, f -> f == Family.CONV1D || f.image());
                return new MaskKernelsFigure(r.label(), engine.call(session -> masksOf(session.run(r.id()))));
            }
            case "field": {
                RunSnapshot r = first(s, Family::image);
                ImageShape shape = s.data().image();
                return new PixelFieldFigure(r.label(), in.traces().get(r.id()), shape.height(), shape.width(), r.config().model().layers(),
                        in.position(), in.step());
            }
            case "drawing": {
                RunSnapshot r = first(s, Family::image);
                ImageShape shape = s.data().image();
                PixelSampling.Drawing d = engine.call(session -> PixelSampling.draw(session.run(r.id()).model(), shape.height(), shape.width(),
                        new int[0], 1.0, seed));
                return new PixelDrawingFigure(r.label(), d, null, 0).at(d.pixels().length);
            }
            case "anomaly": {
                RunSnapshot r = first(s, Family::image);
                AnomalyDetection.Result result = engine.call(session -> AnomalyDetection.compute(session.run(r.id()).model(),
                        (DigitsCorpus) session.data(), ANOMALY_DIGITS, session.stepsTaken(), 7));
                return new AnomalyFigure(r.label(), result, anomalyThreshold(result));
            }
            default:
                throw new IllegalArgumentException("no figure for the view '" + name + "'");
        }
    }

    private static RunSnapshot first(TrainingSnapshot s, java.util.function.Predicate<Family> which) {
        return s.runs().stream().filter(r -> which.test(r.config().model().family())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no model here can fill this view"));
    }

    /** One curve per text model: recurrent models by their top layer's hₜ, Transformers by their input xₜ. */
    public static List<GradientFlowFigure.Curve> gradientCurves(TrainingSnapshot s, InspectionSnapshot in) {
        List<GradientFlowFigure.Curve> curves = new ArrayList<>();
        for (RunSnapshot r : s.runs()) {
            Trace t = in.traces().get(r.id());
            Probe name = r.config().model().family() == Family.TRANSFORMER ? new Probe.GradientNorm(Probe.GradientOf.LAYER_INPUT, 0)
                    : new Probe.GradientNorm(Probe.GradientOf.HIDDEN, r.config().model().layers() - 1);
            if (t != null && t.has(name)) {
                Trace.Array g = t.get(name);
                double[] norms = new double[g.rows()];
                for (int i = 0; i < norms.length; i++) {
                    norms[i] = g.get(i);
                }
                double clip = r.config().optimizer().clip() ? r.config().optimizer().clipNorm() : Double.NaN;
                curves.add(new GradientFlowFigure.Curve(r.id(), r.label(), norms, t.get(new Probe.ParameterGradientNorm()).get(0), clip));
            }
        }
        return curves;
    }

    public static PositionalFigure positions(RunSnapshot r, InspectionSnapshot in) {
        Trace.Array p = in.traces().get(r.id()).get(new Probe.PositionTable());
        float[] f = p.data();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return new PositionalFigure(r.label(), r.config().model().positional().toString().toLowerCase(java.util.Locale.ROOT), d, p.rows(),
                p.cols());
    }

    /** The masks a convolutional model really uses (read on the engine thread). */
    public static List<Mask> masksOf(ModelRun run) {
        if (run.model() instanceof PixelModel p) {
            return p.masks();
        }
        if (run.model() instanceof Conv1dModel c) {
            return c.masks();
        }
        return List.of();
    }

    /** Fresh models of every text run's configuration, timed on this machine (on the engine thread). */
    public static List<Costs.ModelCosts> costList(TrainingSession session) {
        List<Costs.ModelCosts> out = new ArrayList<>();
        for (ModelRun r : session.runs()) {
            if (!r.config().model().family().image()) {
                out.add(Costs.measure(r.label(), r.config().model(), session.data().vocabulary().size(), COST_MAX_LENGTH, COST_TOKENS));
            }
        }
        return out;
    }

    public static CostsFigure costsFigure(List<Costs.ModelCosts> list) {
        return new CostsFigure(list, list.stream().map(c -> c.label().substring(0, 1)).toList());
    }

    private static CostsFigure costs(Engine engine) {
        return costsFigure(engine.call(ViewFigures::costList));
    }

    /** A threshold that flags 5 % of the held-out inputs. */
    public static double anomalyThreshold(AnomalyDetection.Result result) {
        double[] sorted = result.heldOut().clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.95))];
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

    /**
     * What the models continue by default: for text the data's first example up to its first separator, for an
     * image the top half of the inspected digit.
     */
    public static String defaultPrompt(TrainingSnapshot s) {
        if (s.data().image() != null) {
            String digit = s.inspection() != null && s.inspection().text().length() == s.data().image().pixels() ? s.inspection().text()
                    : s.data().examples().get(0);
            return digit.substring(0, s.data().image().pixels() / 2);
        }
        return textPrompt(s.data().examples());
    }

    /** The first example up to its first separator (a name and its newline, a string and its delimiter), or 16 characters. */
    public static String textPrompt(List<String> examples) {
        if (examples.isEmpty() || examples.get(0).isEmpty()) {
            return "";
        }
        String e = examples.get(0);
        for (int i = 1; i < Math.min(e.length(), 40); i++) {
            char c = e.charAt(i);
            if (c == '|' || c == '\n') {
                return e.substring(0, i + 1);
            }
        }
        return e.substring(0, e.offsetByCodePoints(0, Math.min(16, e.codePointCount(0, e.length()))));
    }

    /** At most {@code wanted} tokens, and for an image no more than the pixels left after the prompt. */
    public static int lengthAfter(ImageShape image, String start, int wanted) {
        return image != null ? Math.max(1, Math.min(wanted, image.pixels() - start.length())) : wanted;
    }

    // ---- the decoding views' computations (on the engine thread) ----

    /** Greedy and the chosen strategy from the same prompt, every step's distributions kept. */
    public static DecodingFigure.Input decoding(TrainingSession session, String runId, String text, int n, DecodingConfig c, ImageShape shape) {
        ModelRun run = session.run(runId);
        Vocabulary v = session.data().vocabulary();
        String start = text.isEmpty() ? v.decode(0) : text;
        Decoder.Generation greedy = Decoder.generate(run.model(), v, start, n, DecodingConfig.of(Strategy.GREEDY), -1);
        Decoder.Generation sampled = Decoder.generate(run.model(), v, start, n, c, -1);
        return new DecodingFigure.Input(runId, run.label(), labels(v, v.encode(start)), labels(v), greedy, sampled, c, session.stepsTaken(),
                shape);
    }

    private static Figure decoding(TrainingSnapshot s, Engine engine, DecodingConfig c, int n) {
        RunSnapshot r = s.runs().get(0);
        String start = defaultPrompt(s);
        int len = lengthAfter(s.data().image(), start, s.data().image() != null ? Integer.MAX_VALUE : n);
        return new DecodingFigure(engine.call(session -> decoding(session, r.id(), start, len, c, s.data().image())), false, 0);
    }

    /** A beam search from the prompt, with the source's probabilities when it knows them. */
    public static BeamFigure.Input beam(TrainingSession session, String runId, String text, int width, int n) {
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

    private static Figure beam(TrainingSnapshot s, Engine engine, int width, int n) {
        RunSnapshot r = s.runs().get(0);
        String start = defaultPrompt(s);
        int len = lengthAfter(s.data().image(), start, n);
        return new BeamFigure(engine.call(session -> beam(session, r.id(), start, width, len)));
    }

    /** Half of a window (or image), by default, is the prefix. */
    private static int prefixFor(TrainingSession session) {
        return session.data().imageShape() != null ? session.data().imageShape().pixels() / 2 : session.config().steps() / 2;
    }

    /** Every model continues validation windows teacher-forced and free-running; example {@code k} is shown in full. */
    public static ExposureFigure.Input exposure(TrainingSession session, int k, int pre, DecodingConfig free, DoubleConsumer progress) {
        Vocabulary v = session.data().vocabulary();
        List<int[]> sequences = ExposureBias.sequences(session.data(), session.config().steps(), EXPOSURE_WINDOWS);
        int n = sequences.get(0).length;
        if (pre >= n) {
            throw new IllegalArgumentException("the prefix (" + pre + ") must be shorter than the sequences (" + n + " tokens)");
        }
        int[] window = sequences.get(Math.min(k, sequences.size() - 1));
        int[] pfx = Arrays.copyOf(window, pre);
        int[] reference = Arrays.copyOfRange(window, pre, n);
        ExactSource exact = session.data() instanceof ExactSource e ? e : null;
        List<ModelRun> models = session.runs();
        List<ExposureFigure.Run> runs = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            ModelRun run = models.get(i);
            int done = i;
            ExposureBias.Result one = ExposureBias.compute(run.model(), pfx, reference, free, exact);
            ExposureBias.Average mean = ExposureBias.average(run.model(), sequences, pre, free,
                    share -> progress.accept((done + share) / models.size()));
            String how = run.config().model().family().image() ? "" : run.config().scheduled().enabled()
                    ? " · " + run.config().scheduled().describe() : " · teacher forcing only";
            runs.add(new ExposureFigure.Run(run.id(), run.label() + how, one, mean));
        }
        return new ExposureFigure.Input(labels(v, pfx), labels(v), runs, free.describe(), session.stepsTaken(), session.data().imageShape());
    }

    /** Greedy, sampling, top-k, top-p and beam on N continuations each. */
    public static StrategiesFigure.Input strategies(TrainingSession session, String runId, String text, List<DecodingConfig> list, int n, int len,
            DoubleConsumer progress) {
        ModelRun run = session.run(runId);
        Vocabulary v = session.data().vocabulary();
        String start = text.isEmpty() ? v.decode(0) : text;
        ExactSource exact = session.data() instanceof ExactSource e ? e : null;
        List<StrategyComparison.Row> rows = StrategyComparison.compare(run.model(), v, start, list, n, len, exact, progress);
        return new StrategiesFigure.Input(run.label(), start, len, rows, exact != null, session.stepsTaken(), v.size());
    }

    /** The strategies compared, around one temperature, k, p and beam width. */
    public static List<DecodingConfig> strategyList(double t, int k, double p, int width, long seed) {
        return List.of(DecodingConfig.of(Strategy.GREEDY), new DecodingConfig(Strategy.SAMPLE, t, k, p, width, seed),
                new DecodingConfig(Strategy.TOP_K, t, k, p, width, seed), new DecodingConfig(Strategy.TOP_P, t, k, p, width, seed),
                new DecodingConfig(Strategy.BEAM, 1, k, p, width, seed));
    }

    private static Figure strategies(TrainingSnapshot s, Engine engine, long seed) {
        RunSnapshot r = s.runs().get(0);
        String start = defaultPrompt(s);
        int len = lengthAfter(s.data().image(), start, 32);
        return new StrategiesFigure(engine.call(session -> strategies(session, r.id(), start, strategyList(0.8, 5, 0.9, 3, seed), 100, len,
                x -> { })));
    }
}
