package org.seqlab.app.figures;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.train.TrainingSnapshot;

/**
 * Every view of the lab: its short name (as the command line and lessons say it), its title, its group, what it needs
 * to draw, which models can fill it, and how to build its figure. Free of JavaFX: the lab shows these views in tabs,
 * the headless {@code export} draws them, lessons are checked against them.
 */
public final class ViewCatalog {

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
            return label;
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

    /** How a view's figure is built, as the lab shows it by default. */
    @FunctionalInterface
    public interface Builder {
        /** @param seed seeds whatever the view draws at random (decoding, drawing) */
        Figure build(TrainingSnapshot snapshot, EngineTasks tasks, long seed);
    }

    /**
     * One view.
     *
     * @param filledBy whether models of these families have anything to show in it
     * @param fillers  the models that can fill it, in words ("an LSTM"), for a message when none is there
     */
    public record View(String name, String title, Group group, Needs needs, Predicate<Set<Family>> filledBy, String fillers,
            Builder builder) {

        /** The id the lab gives this view's tab (for key-driven tests and lessons that name a view). */
        public String tabId() {
            return name + "ViewTab";
        }

        public boolean fills(Set<Family> families) {
            return filledBy.test(families);
        }

        /** The figure as the lab shows it by default: the first model that can fill it, its top layer, the inspected input. */
        public Figure figure(TrainingSnapshot snapshot, EngineTasks tasks, long seed) {
            return builder.build(snapshot, tasks, seed);
        }
    }

    private static final Map<String, View> VIEWS = new LinkedHashMap<>();

    private static final Predicate<Set<Family>> ANY = f -> true;
    private static final Predicate<Set<Family>> TEXT = f -> f.stream().anyMatch(x -> !x.image());
    private static final Predicate<Set<Family>> IMAGES = f -> f.stream().anyMatch(Family::image);
    private static final Predicate<Set<Family>> TRANSFORMER = f -> f.contains(Family.TRANSFORMER);

    static {
        add("samples", "Samples", Group.TRAINING, Needs.SNAPSHOT, ANY, "a model", ViewFigures::samples);
        add("gradient", "Gradient flow", Group.TRAINING, Needs.TRACES, TEXT, "a text model", ViewFigures::gradient);
        add("costs", "Costs", Group.TRAINING, Needs.COMPUTATION, TEXT, "a text model", ViewFigures::costs);
        add("length", "Longer than trained", Group.TRAINING, Needs.COMPUTATION, TEXT, "a text model", ViewFigures::length);
        add("metrics", "Metrics", Group.TRAINING, Needs.SNAPSHOT, ANY, "a model", ViewFigures::metrics);
        add("kl", "Forward/reverse KL", Group.TRAINING, Needs.SNAPSHOT, ANY, "nothing (it fits a Gaussian of its own)", ViewFigures::kl);
        add("hidden", "Hidden state", Group.RECURRENT, Needs.TRACES, f -> f.contains(Family.RNN) || f.contains(Family.LSTM) || f.contains(Family.GRU),
                "an RNN or an LSTM", ViewFigures::hidden);
        add("gates", "LSTM gates", Group.RECURRENT, Needs.TRACES, f -> f.contains(Family.LSTM), "an LSTM", ViewFigures::gates);
        add("attention", "Attention", Group.ATTENTION, Needs.TRACES, TRANSFORMER, "a Transformer", ViewFigures::attention);
        add("mask", "Causal mask", Group.ATTENTION, Needs.TRACES, TRANSFORMER, "a Transformer", ViewFigures::mask);
        add("query", "One query", Group.ATTENTION, Needs.TRACES, TRANSFORMER, "a Transformer", ViewFigures::query);
        add("positions", "Positions", Group.ATTENTION, Needs.TRACES, TRANSFORMER, "a Transformer", ViewFigures::positions);
        add("permute", "Permuted input", Group.ATTENTION, Needs.COMPUTATION, TRANSFORMER, "a Transformer", TakeApartFigures::permute);
        add("stack", "Conv stack", Group.CONVOLUTION, Needs.TRACES, f -> f.contains(Family.CONV1D), "a causal convolution (conv1d)",
                ViewFigures::stack);
        add("masks", "Masks", Group.CONVOLUTION, Needs.COMPUTATION, f -> f.contains(Family.CONV1D) || IMAGES.test(f),
                "a causal convolution or a PixelCNN", ViewFigures::masks);
        add("field", "Pixel field", Group.CONVOLUTION, Needs.TRACES, IMAGES, "a PixelCNN on digits", ViewFigures::field);
        add("drawing", "Drawing", Group.CONVOLUTION, Needs.COMPUTATION, IMAGES, "a PixelCNN on digits", ViewFigures::drawing);
        add("anomaly", "Anomalies", Group.CONVOLUTION, Needs.COMPUTATION, IMAGES, "a PixelCNN on digits", ViewFigures::anomaly);
        add("decoding", "Decoding", Group.DECODING, Needs.COMPUTATION, ANY, "a model", ViewFigures::decoding);
        add("beam", "Beam search", Group.DECODING, Needs.COMPUTATION, ANY, "a model", ViewFigures::beam);
        add("exposure", "Exposure bias", Group.DECODING, Needs.COMPUTATION, ANY, "a model", ViewFigures::exposure);
        add("strategies", "Strategies", Group.DECODING, Needs.COMPUTATION, ANY, "a model", ViewFigures::strategies);
        add("ablate", "Switch off", Group.TAKE_APART, Needs.COMPUTATION, TEXT, "a text model", TakeApartFigures::ablate);
        add("patching", "Patching", Group.TAKE_APART, Needs.COMPUTATION, f -> f.stream().anyMatch(TakeApartFigures.PATCHABLE),
                "a recurrent model or a Transformer", TakeApartFigures::patching);
        add("lens", "Logit lens", Group.TAKE_APART, Needs.COMPUTATION, TRANSFORMER, "a Transformer", TakeApartFigures::lens);
        add("heads", "Induction heads", Group.TAKE_APART, Needs.COMPUTATION, TRANSFORMER, "a Transformer", TakeApartFigures::heads);
    }

    private static void add(String name, String title, Group group, Needs needs, Predicate<Set<Family>> filledBy, String fillers,
            Builder builder) {
        VIEWS.put(name, new View(name, title, group, needs, filledBy, fillers, builder));
    }

    private ViewCatalog() {
    }

    /** The short names, in the order the lab lists them. */
    public static List<String> names() {
        return List.copyOf(VIEWS.keySet());
    }

    /** Every view, in the order the lab lists them. */
    public static List<View> views() {
        return List.copyOf(VIEWS.values());
    }

    /** @throws IllegalArgumentException naming the views there are */
    public static View byName(String name) {
        View v = VIEWS.get(name.toLowerCase(Locale.ROOT).trim());
        if (v == null) {
            throw new IllegalArgumentException("unknown view '" + name + "'; choose " + String.join(", ", names()));
        }
        return v;
    }
}
