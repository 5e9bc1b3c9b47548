package org.seqlab.app.figures;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.seqlab.engine.model.Family;

/**
 * Every view of the lab by the short name the command line and lessons use, its tab, its group and which models
 * can fill it. Free of JavaFX, so that lessons can be checked without a window.
 */
public final class ViewCatalog {

    /** Views come in groups, so that one row of tabs fits a projector. */
    public enum Group {
        TRAINING("Training"), RECURRENT("Recurrent"), ATTENTION("Attention"), CONVOLUTION("Convolution"), DECODING("Decoding");

        private final String label;

        Group(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** One view: its short name, its tab's id, and its group. */
    public record View(String name, String tabId, Group group) {
    }

    private static final Map<String, View> VIEWS = new LinkedHashMap<>();

    static {
        add("samples", Group.TRAINING);
        add("gradient", Group.TRAINING);
        add("costs", Group.TRAINING);
        add("metrics", Group.TRAINING);
        add("hidden", Group.RECURRENT);
        add("gates", Group.RECURRENT);
        add("attention", Group.ATTENTION);
        add("mask", Group.ATTENTION);
        add("query", Group.ATTENTION);
        add("positions", Group.ATTENTION);
        add("stack", Group.CONVOLUTION);
        add("masks", Group.CONVOLUTION);
        add("field", Group.CONVOLUTION);
        add("drawing", Group.CONVOLUTION);
        add("anomaly", Group.CONVOLUTION);
        add("decoding", Group.DECODING);
        add("beam", Group.DECODING);
        add("exposure", Group.DECODING);
        add("strategies", Group.DECODING);
    }

    private static void add(String name, Group group) {
        VIEWS.put(name, new View(name, name + "ViewTab", group));
    }

    private ViewCatalog() {
    }

    /** The short names, in the order the lab lists them. */
    public static List<String> names() {
        return List.copyOf(VIEWS.keySet());
    }

    /** @throws IllegalArgumentException naming the views there are */
    public static View byName(String name) {
        View v = VIEWS.get(name.toLowerCase(Locale.ROOT).trim());
        if (v == null) {
            throw new IllegalArgumentException("unknown view '" + name + "'; choose " + String.join(", ", names()));
        }
        return v;
    }

    /** The group of a tab, by its id. */
    public static Group groupOf(String tabId) {
        return VIEWS.values().stream().filter(v -> v.tabId().equals(tabId)).map(View::group).findFirst().orElse(Group.TRAINING);
    }

    /** Whether models of these families have anything to show in the view with this tab id. */
    public static boolean fills(String tabId, Set<Family> f) {
        boolean text = f.stream().anyMatch(x -> !x.image());
        boolean image = f.stream().anyMatch(Family::image);
        return switch (tabId) {
            case "hiddenViewTab" -> f.contains(Family.RNN) || f.contains(Family.LSTM);
            case "gatesViewTab" -> f.contains(Family.LSTM);
            case "gradientViewTab", "costsViewTab" -> text;
            case "attentionViewTab", "maskViewTab", "queryViewTab", "positionsViewTab" -> f.contains(Family.TRANSFORMER);
            case "stackViewTab" -> f.contains(Family.CONV1D);
            case "masksViewTab" -> f.contains(Family.CONV1D) || image;
            case "fieldViewTab", "drawingViewTab", "anomalyViewTab" -> image;
            default -> true;
        };
    }

    /** What a view needs, for a message when the models cannot fill it. */
    public static String needs(String name) {
        return switch (byName(name).tabId()) {
            case "hiddenViewTab" -> "an RNN or an LSTM";
            case "gatesViewTab" -> "an LSTM";
            case "gradientViewTab", "costsViewTab" -> "a text model";
            case "attentionViewTab", "maskViewTab", "queryViewTab", "positionsViewTab" -> "a Transformer";
            case "stackViewTab" -> "a causal convolution (conv1d)";
            case "masksViewTab" -> "a causal convolution or a PixelCNN";
            case "fieldViewTab", "drawingViewTab", "anomalyViewTab" -> "a PixelCNN on digits";
            default -> "a model";
        };
    }
}
