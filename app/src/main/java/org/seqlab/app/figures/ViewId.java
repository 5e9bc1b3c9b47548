package org.seqlab.app.figures;

import org.seqlab.app.text.Texts;
import org.seqlab.app.text.EngineNames;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.seqlab.engine.inspect.KlFit;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.sample.DecodingConfig;
import org.seqlab.engine.sample.Strategy;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;
import org.seqlab.engine.train.TrainingSnapshot;

/**
 * Every view of the lab, by a typed id: its short name (as the command line and lessons say it), its title, its group,
 * what it needs to draw, which models can fill it, and its figure as first shown. Free of JavaFX: the lab shows each
 * view through its view class (package {@code views}), the headless {@code export} draws {@link #figure}, lessons are
 * checked against these names. Both call the figure's one factory ({@code HiddenStateFigure.of} …): the lab with the
 * choices on its toolbar, this catalogue with the defaults.
 */
public enum ViewId {

    SAMPLES("samples", "Samples", Group.TRAINING, Needs.SNAPSHOT, f -> true, "a model",
            (s, r, t, seed) -> new SamplesFigure(s)),
    GRADIENT("gradient", "Gradient flow", Group.TRAINING, Needs.TRACES, Fills.TEXT, "a text model",
            (s, r, t, seed) -> GradientFlowFigure.of(s)),
    COSTS("costs", "Costs", Group.TRAINING, Needs.COMPUTATION, Fills.TEXT, "a text model",
            (s, r, t, seed) -> CostsFigure.of(t.costs().join())),
    LENGTH("length", "Longer than trained", Group.TRAINING, Needs.COMPUTATION, Fills.TEXT, "a text model",
            (s, r, t, seed) -> new LengthFigure(t.lengths().join())),
    METRICS("metrics", "Metrics", Group.TRAINING, Needs.SNAPSHOT, f -> true, "a model",
            (s, r, t, seed) -> new MetricsFigure(s)),
    TUTOR("tutor", "Tutor", Group.TRAINING, Needs.SNAPSHOT, f -> true, "a model",
            (s, r, t, seed) -> new TutorFigure(s, java.util.Map.of())),
    KL("kl", "Forward/reverse KL", Group.TRAINING, Needs.SNAPSHOT, f -> true, "nothing (it fits a Gaussian of its own)",
            (s, r, t, seed) -> KlFitFigure.of(KlFitFigure.Start.NEAR_RIGHT, KlFit.DEFAULT_STEPS)),
    HIDDEN("hidden", "Hidden state", Group.RECURRENT, Needs.TRACES, Family::recurrent, "an RNN, a GRU or an LSTM",
            (s, r, t, seed) -> HiddenStateFigure.of(s, r, -1)),
    GATES("gates", "LSTM gates", Group.RECURRENT, Needs.TRACES, f -> f == Family.LSTM, "an LSTM",
            (s, r, t, seed) -> GatesFigure.of(s, r, -1, 32)),
    ATTENTION("attention", "Attention", Group.ATTENTION, Needs.TRACES, Fills.TRANSFORMER, "a Transformer",
            (s, r, t, seed) -> AttentionFigure.of(s, r, null)),
    MASK("mask", "Causal mask", Group.ATTENTION, Needs.TRACES, Fills.TRANSFORMER, "a Transformer",
            (s, r, t, seed) -> MaskFigure.of(s, r, 0, 0)),
    QUERY("query", "One query", Group.ATTENTION, Needs.TRACES, Fills.TRANSFORMER, "a Transformer",
            (s, r, t, seed) -> QueryFigure.of(s, r, 0, 0, -1)),
    POSITIONS("positions", "Positions", Group.ATTENTION, Needs.TRACES, Fills.TRANSFORMER, "a Transformer",
            (s, r, t, seed) -> PositionalFigure.of(s, r)),
    PERMUTE("permute", "Permuted input", Group.ATTENTION, Needs.COMPUTATION, Fills.TRANSFORMER, "a Transformer",
            (s, r, t, seed) -> new PermutationFigure(t.permute(r.id(), TakeApartFigures.inspected(s)).join())),
    STACK("stack", "Conv stack", Group.CONVOLUTION, Needs.TRACES, f -> f == Family.CONV1D, "a causal convolution (conv1d)",
            (s, r, t, seed) -> ConvStackFigure.of(s, r)),
    MASKS("masks", "Masks", Group.CONVOLUTION, Needs.COMPUTATION, f -> f == Family.CONV1D || f.image(), "a causal convolution or a PixelCNN",
            (s, r, t, seed) -> new MaskKernelsFigure(EngineNames.model(r.label()), t.masks(r.id()).join())),
    FIELD("field", "Pixel field", Group.CONVOLUTION, Needs.TRACES, Family::image, "a PixelCNN on digits",
            (s, r, t, seed) -> PixelFieldFigure.of(s)),
    DRAWING("drawing", "Drawing", Group.CONVOLUTION, Needs.COMPUTATION, Family::image, "a PixelCNN on digits",
            (s, r, t, seed) -> new PixelDrawingFigure(EngineNames.model(r.label()), t.draw(r.id(), new int[0], 1.0, seed).join(), null, 0).drawn()),
    ANOMALY("anomaly", "Anomalies", Group.CONVOLUTION, Needs.COMPUTATION, Family::image, "a PixelCNN on digits",
            (s, r, t, seed) -> AnomalyFigure.of(EngineNames.model(r.label()), t.anomalies(r.id(), AnomalyFigure.DIGITS, 7).join())),
    DECODING("decoding", "Decoding", Group.DECODING, Needs.COMPUTATION, f -> true, "a model",
            ViewId::decoding),
    BEAM("beam", "Beam search", Group.DECODING, Needs.COMPUTATION, f -> true, "a model",
            ViewId::beam),
    EXPOSURE("exposure", "Exposure bias", Group.DECODING, Needs.COMPUTATION, f -> true, "a model",
            (s, r, t, seed) -> new ExposureFigure(t.exposure(0, -1, DecodingConfig.of(Strategy.GREEDY), x -> { }).join())),
    STRATEGIES("strategies", "Strategies", Group.DECODING, Needs.COMPUTATION, f -> true, "a model",
            ViewId::strategies),
    ABLATE("ablate", "Switch off", Group.TAKE_APART, Needs.COMPUTATION, Fills.TEXT, "a text model",
            (s, r, t, seed) -> new AblationFigure(t.ablate(r.id(), TakeApartFigures.defaultPart(r.config().model()),
                    TakeApartFigures.inspected(s), TakeApartFigures.SAMPLE_LENGTH, TakeApartFigures.TEMPERATURE, seed).join())),
    PATCHING("patching", "Patching", Group.TAKE_APART, Needs.COMPUTATION, f -> f.recurrent() || f == Family.TRANSFORMER,
            "a recurrent model or a Transformer", (s, r, t, seed) -> new PatchingFigure(t.patch(r.id(), TakeApartFigures.inspected(s),
                    TakeApartFigures.defaultPosition(TakeApartFigures.inspected(s)), false).join())),
    LENS("lens", "Logit lens", Group.TAKE_APART, Needs.COMPUTATION, Fills.TRANSFORMER, "a Transformer",
            (s, r, t, seed) -> new LogitLensFigure(t.lens(r.id(), TakeApartFigures.inspected(s)).join())),
    HEADS("heads", "Induction heads", Group.TAKE_APART, Needs.COMPUTATION, Fills.TRANSFORMER, "a Transformer",
            (s, r, t, seed) -> new InductionFigure(t.induction(r.id()).join()));

    /** Views come in groups, so that one row of tabs fits a projector. */
    public enum Group {
        TRAINING("Training"), RECURRENT("Recurrent"), ATTENTION("Attention"), CONVOLUTION("Convolution"), DECODING("Decoding"),
        TAKE_APART("Take apart");

        private final String label;

        Group(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return org.seqlab.app.text.Texts.orElse("group." + name(), label);
        }
    }

    /** What a view draws from. */
    public enum Needs {
        /** The snapshot alone: curves, samples, metrics. */
        SNAPSHOT,
        /** The probes of the inspected input's traces. */
        TRACES,
        /** A computation of its own on the engine thread, through {@link EngineTasks}. */
        COMPUTATION
    }

    /** How a view's figure is first shown. */
    @FunctionalInterface
    interface Builder {
        /**
         * @param first the first model that can fill the view (null when none can, or when the view needs no model)
         * @param seed  seeds whatever the view draws at random (decoding, drawing)
         */
        Figure build(TrainingSnapshot snapshot, RunSnapshot first, EngineTasks tasks, long seed);
    }

    /** The families that fill several views. */
    private static final class Fills {
        static final Predicate<Family> TEXT = f -> !f.image();
        static final Predicate<Family> TRANSFORMER = f -> f == Family.TRANSFORMER;
    }

    private final String name;
    private final String title;
    private final Group group;
    private final Needs needs;
    private final Predicate<Family> filledBy;
    private final String fillers;
    private final Builder builder;

    ViewId(String name, String title, Group group, Needs needs, Predicate<Family> filledBy, String fillers, Builder builder) {
        this.name = name;
        this.title = title;
        this.group = group;
        this.needs = needs;
        this.filledBy = filledBy;
        this.fillers = fillers;
        this.builder = builder;
    }

    /** The short name: {@code attention}. */
    public String id() {
        return name;
    }

    public String title() {
        return org.seqlab.app.text.Texts.orElse("view." + name, title);
    }

    public Group group() {
        return group;
    }

    public Needs needs() {
        return needs;
    }

    /** The models that can fill it, in words ("an LSTM"), for a message when none is there. */
    public String fillers() {
        return fillers;
    }

    /** The id of the view's pane ({@code attentionView}) and of its tab ({@code attentionViewTab}), for tests and lessons. */
    public String paneId() {
        return name + "View";
    }

    public String tabId() {
        return paneId() + "Tab";
    }

    /** Whether a model of this family has anything to show in it. */
    public boolean fills(Family family) {
        return filledBy.test(family);
    }

    /** Whether any of these families has. */
    public boolean fills(Set<Family> families) {
        return families.stream().anyMatch(filledBy);
    }

    /** The runs that can fill it, in the session's order. */
    public List<RunSnapshot> runs(TrainingSnapshot s) {
        return s.runs().stream().filter(r -> fills(r.config().model().family())).toList();
    }

    /** The figure as the lab first shows it: the first model that can fill it, its top layer, the inspected input. */
    public Figure figure(TrainingSnapshot snapshot, EngineTasks tasks, long seed) {
        List<RunSnapshot> runs = runs(snapshot);
        if (runs.isEmpty() && needs != Needs.SNAPSHOT) {
            throw new IllegalArgumentException(Texts.get("view.noFiller", name, fillers));
        }
        return builder.build(snapshot, runs.isEmpty() ? null : runs.get(0), tasks, seed);
    }

    /** The short names, in the order the lab lists them. */
    public static List<String> names() {
        return Arrays.stream(values()).map(ViewId::id).toList();
    }

    /** @throws IllegalArgumentException naming the views there are */
    public static ViewId byName(String name) {
        String wanted = name.toLowerCase(Locale.ROOT).trim();
        return Arrays.stream(values()).filter(v -> v.name.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(Texts.get("view.unknown", name, String.join(", ", names()))));
    }

    // ---- the decoding views' first figures: the first model continues the data's first example (or the digit's top half) ----

    private static Figure decoding(TrainingSnapshot s, RunSnapshot r, EngineTasks t, long seed) {
        String p = Prompts.of(s);
        int n = Prompts.lengthAfter(s, p, s.data().image() != null ? Integer.MAX_VALUE : 60);
        DecodingConfig c = DecodingConfig.of(Strategy.TOP_P).withTemperature(0.8).withSeed(seed);
        return new DecodingFigure(t.decode(r.id(), p, n, c, s.data().image()).join(), false, 0);
    }

    private static Figure beam(TrainingSnapshot s, RunSnapshot r, EngineTasks t, long seed) {
        String p = Prompts.of(s);
        return new BeamFigure(t.beam(r.id(), p, 3, Prompts.lengthAfter(s, p, 10)).join());
    }

    private static Figure strategies(TrainingSnapshot s, RunSnapshot r, EngineTasks t, long seed) {
        String p = Prompts.of(s);
        return new StrategiesFigure(t.strategies(r.id(), p, StrategiesFigure.strategies(0.8, 5, 0.9, 3, seed), 100,
                Prompts.lengthAfter(s, p, 32), x -> { }).join());
    }
}
