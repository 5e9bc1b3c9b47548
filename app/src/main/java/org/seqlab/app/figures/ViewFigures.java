package org.seqlab.app.figures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
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
import org.seqlab.engine.data.ImageShape;
import org.seqlab.engine.inspect.AnomalyDetection;
import org.seqlab.engine.inspect.Costs;
import org.seqlab.engine.inspect.KlFit;
import org.seqlab.engine.inspect.PixelSampling;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.Probe;
import org.seqlab.engine.model.Trace;
import org.seqlab.engine.sample.DecodingConfig;
import org.seqlab.engine.sample.Strategy;
import org.seqlab.engine.train.TrainingSnapshot.InspectionSnapshot;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;
import org.seqlab.engine.train.TrainingSnapshot;

/**
 * Every view's figure, built from a snapshot and, for the views that compute something of their own (decoding,
 * costs, anomalies…), from work on the engine thread. The lab's views and the headless {@code export} command both
 * build their figures here, so an exported figure is the one the lab shows. Free of JavaFX.
 */
public final class ViewFigures {

    public static final int COST_MAX_LENGTH = 512;
    public static final int COST_TOKENS = 200;
    public static final int ANOMALY_DIGITS = 300;
    public static final int EXPOSURE_WINDOWS = 32;

    private ViewFigures() {
    }

    public static Figure loss(TrainingSnapshot s) {
        return new LossChartFigure(s, LossChartFigure.XAxis.STEPS);
    }

    // ---- each view's default figure, as the catalogue builds it ----

    static Figure samples(TrainingSnapshot s, EngineTasks engine, long seed) {
        return new SamplesFigure(s);
    }

    static Figure metrics(TrainingSnapshot s, EngineTasks engine, long seed) {
        return new MetricsFigure(s);
    }

    /** Forward and reverse KL fits of one Gaussian to two modes, at their last step (no model of the lab's is used). */
    static Figure kl(TrainingSnapshot s, EngineTasks engine, long seed) {
        var target = KlFit.twoModes(241, 4, 0.6);
        return new KlFitFigure(KlFit.fit(target, 0.5, 0.5, KlFit.DEFAULT_STEPS, 0.1),
                KlFit.DEFAULT_STEPS);
    }

    static Figure length(TrainingSnapshot s, EngineTasks engine, long seed) {
        return new LengthFigure(engine.lengths().join());
    }

    static Figure costs(TrainingSnapshot s, EngineTasks engine, long seed) {
        return costsFigure(engine.costs().join());
    }

    static Figure decoding(TrainingSnapshot s, EngineTasks engine, long seed) {
        return decoding(s, engine, DecodingConfig.of(Strategy.TOP_P).withTemperature(0.8).withSeed(seed), 60);
    }

    static Figure beam(TrainingSnapshot s, EngineTasks engine, long seed) {
        return beam(s, engine, 3, 10);
    }

    static Figure exposure(TrainingSnapshot s, EngineTasks engine, long seed) {
        return new ExposureFigure(engine.exposure(0, -1, DecodingConfig.of(Strategy.GREEDY), x -> { }).join());
    }

    static Figure masks(TrainingSnapshot s, EngineTasks engine, long seed) {
        RunSnapshot r = first(s, f -> f == Family.CONV1D || f.image());
        return new MaskKernelsFigure(r.label(), engine.masks(r.id()).join());
    }

    static Figure drawing(TrainingSnapshot s, EngineTasks engine, long seed) {
        RunSnapshot r = first(s, Family::image);
        PixelSampling.Drawing d = engine.draw(r.id(), new int[0], 1.0, seed).join();
        return new PixelDrawingFigure(r.label(), d, null, 0).at(d.pixels().length);
    }

    static Figure anomaly(TrainingSnapshot s, EngineTasks engine, long seed) {
        RunSnapshot r = first(s, Family::image);
        AnomalyDetection.Result result = engine.anomalies(r.id(), ANOMALY_DIGITS, 7).join();
        return new AnomalyFigure(r.label(), result, anomalyThreshold(result));
    }

    /** A view drawn from the inspected input's traces; an empty figure saying why when there are none. */
    private interface Traced {
        Figure build(TrainingSnapshot s, InspectionSnapshot in, List<String> labels);
    }

    private static Figure traced(String name, TrainingSnapshot s, Traced view) {
        InspectionSnapshot in = s.inspection();
        if (in == null || !in.error().isEmpty()) {
            return Figure.empty(name, name, in == null ? "Nothing inspected yet." : in.error());
        }
        return view.build(s, in, in.labels());
    }

    static Figure gradient(TrainingSnapshot snap, EngineTasks engine, long seed) {
        return traced("gradient", snap, (s, in, labels) -> new GradientFlowFigure(gradientCurves(s, in), labels, in.step()));
    }

    static Figure hidden(TrainingSnapshot snap, EngineTasks engine, long seed) {
        return traced("hidden", snap, (s, in, labels) -> {
            RunSnapshot r = first(s, f -> f.recurrent());
            int layer = r.config().model().layers() - 1;
            return new HiddenStateFigure(r.label(), in.traces().get(r.id()).get(new Probe.Hidden(layer)), labels, layer, in.step());
        });
    }

    static Figure gates(TrainingSnapshot snap, EngineTasks engine, long seed) {
        return traced("gates", snap, (s, in, labels) -> {
            RunSnapshot r = first(s, f -> f == Family.LSTM);
            return new GatesFigure(r.label(), in.traces().get(r.id()), labels, r.config().model().layers() - 1, in.step(), 32);
        });
    }

    static Figure attention(TrainingSnapshot snap, EngineTasks engine, long seed) {
        return traced("attention", snap, (s, in, labels) -> {
            RunSnapshot r = first(s, f -> f == Family.TRANSFORMER);
            return new AttentionFigure(r.label(), in.traces().get(r.id()), labels, r.config().model().layers(), r.config().model().heads(),
                    in.step(), null);
        });
    }

    static Figure mask(TrainingSnapshot snap, EngineTasks engine, long seed) {
        return traced("mask", snap, (s, in, labels) -> {
            RunSnapshot r = first(s, f -> f == Family.TRANSFORMER);
            return new MaskFigure(r.label(), in.traces().get(r.id()), labels, 0, 0, in.step());
        });
    }

    static Figure query(TrainingSnapshot snap, EngineTasks engine, long seed) {
        return traced("query", snap, (s, in, labels) -> {
            RunSnapshot r = first(s, f -> f == Family.TRANSFORMER);
            return new QueryFigure(r.label(), in.traces().get(r.id()), labels, 0, 0, labels.size() - 2, in.step());
        });
    }

    static Figure positions(TrainingSnapshot snap, EngineTasks engine, long seed) {
        return traced("positions", snap, (s, in, labels) -> positions(first(s, f -> f == Family.TRANSFORMER), in));
    }

    static Figure stack(TrainingSnapshot snap, EngineTasks engine, long seed) {
        return traced("stack", snap, (s, in, labels) -> {
            RunSnapshot r = first(s, f -> f == Family.CONV1D);
            return new ConvStackFigure(r.label(), r.config().model(), in.traces().get(r.id()), labels, in.position(), in.step());
        });
    }

    static Figure field(TrainingSnapshot snap, EngineTasks engine, long seed) {
        return traced("field", snap, (s, in, labels) -> pixelFields(s, in));
    }

    /** Every PixelCNN's receptive field of the inspected pixel, a band each (the lab and export draw the same figure). */
    public static PixelFieldFigure pixelFields(TrainingSnapshot s, InspectionSnapshot in) {
        ImageShape shape = s.data().image();
        List<PixelFieldFigure.Model> models = s.runs().stream()
                .filter(r -> r.config().model().family().image() && in.traces().containsKey(r.id()))
                .map(r -> new PixelFieldFigure.Model(r.label(), in.traces().get(r.id()), r.config().model().layers())).toList();
        if (shape == null || models.isEmpty()) {
            throw new IllegalArgumentException("no model here can fill this view");
        }
        return new PixelFieldFigure(models, shape.height(), shape.width(), in.position(), in.step());
    }

    private static RunSnapshot first(TrainingSnapshot s, Predicate<Family> which) {
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

    /** Why a model has no table of positions to draw (it adds none), or null when it has one. */
    public static String noTable(RunSnapshot r) {
        return switch (r.config().model().positional()) {
            case NONE -> r.id() + " has no positions: its attention is blind to order (the causal mask aside).";
            case ALIBI -> r.id() + " adds no vectors: ALiBi lowers each score by m_h·(t − j), a slope per head (the Attention view's scaled scores).";
            case ROPE -> r.id() + " adds no vectors: RoPE turns each head's queries and keys by an angle per position, so q·k sees t − j only.";
            default -> null;
        };
    }

    public static PositionalFigure positions(RunSnapshot r, InspectionSnapshot in) {
        Trace.Array p = in.traces().get(r.id()).get(new Probe.PositionTable());
        float[] f = p.data();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return new PositionalFigure(r.label(), r.config().model().positional().toString().toLowerCase(Locale.ROOT), d, p.rows(),
                p.cols());
    }



    public static CostsFigure costsFigure(List<Costs.ModelCosts> list) {
        return new CostsFigure(list, list.stream().map(c -> c.label().substring(0, 1)).toList());
    }


    /** A threshold that flags 5 % of the held-out inputs. */
    public static double anomalyThreshold(AnomalyDetection.Result result) {
        double[] sorted = result.heldOut().clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.95))];
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


    private static Figure decoding(TrainingSnapshot s, EngineTasks engine, DecodingConfig c, int n) {
        RunSnapshot r = s.runs().get(0);
        String start = defaultPrompt(s);
        int len = lengthAfter(s.data().image(), start, s.data().image() != null ? Integer.MAX_VALUE : n);
        return new DecodingFigure(engine.decode(r.id(), start, len, c, s.data().image()).join(), false, 0);
    }


    private static Figure beam(TrainingSnapshot s, EngineTasks engine, int width, int n) {
        RunSnapshot r = s.runs().get(0);
        String start = defaultPrompt(s);
        int len = lengthAfter(s.data().image(), start, n);
        return new BeamFigure(engine.beam(r.id(), start, width, len).join());
    }




    /** The strategies compared, around one temperature, k, p and beam width. */
    public static List<DecodingConfig> strategyList(double t, int k, double p, int width, long seed) {
        return List.of(DecodingConfig.of(Strategy.GREEDY), new DecodingConfig(Strategy.SAMPLE, t, k, p, width, seed),
                new DecodingConfig(Strategy.TOP_K, t, k, p, width, seed), new DecodingConfig(Strategy.TOP_P, t, k, p, width, seed),
                new DecodingConfig(Strategy.BEAM, 1, k, p, width, seed));
    }

    static Figure strategies(TrainingSnapshot s, EngineTasks engine, long seed) {
        RunSnapshot r = s.runs().get(0);
        String start = defaultPrompt(s);
        int len = lengthAfter(s.data().image(), start, 32);
        return new StrategiesFigure(engine.strategies(r.id(), start, strategyList(0.8, 5, 0.9, 3, seed), 100, len, x -> { }).join());
    }
}
