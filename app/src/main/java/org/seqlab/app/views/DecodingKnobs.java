package org.seqlab.app.views;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.util.StringConverter;
import org.seqlab.app.figures.Prompts;
import org.seqlab.app.figures.StrategiesFigure;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.sample.DecodingConfig;
import org.seqlab.engine.sample.Strategy;
import org.seqlab.engine.train.TrainingSnapshot;

/**
 * The decoding settings the decoding views share: the prompt (Decoding and Beam search), the strategy and its knobs
 * (set on the Decoding view, read by Strategies and Exposure bias), and the beam width (set on Beam search, read by
 * Strategies). The controls live here; each view places the ones it shows.
 */
public final class DecodingKnobs {

    final StringProperty prompt = new SimpleStringProperty("");
    final ComboBox<Strategy> strategy = new ComboBox<>();
    final Spinner<Double> temperature = new Spinner<>(0.0, 5.0, 0.8, 0.1);
    final Spinner<Integer> k = new Spinner<>(1, 200, 5);
    final Spinner<Double> p = new Spinner<>(0.05, 1.0, 0.9, 0.05);
    final Spinner<Integer> seed = new Spinner<>(0, 999_999, 1);
    final Spinner<Integer> width = new Spinner<>(1, 8, 3);
    private final List<TextField> promptFields = new ArrayList<>();
    private String defaultPrompt = "";
    private TrainingSnapshot shown;

    public DecodingKnobs() {
        strategy.setId("decodeStrategy");
        strategy.getItems().setAll(Strategy.SAMPLE, Strategy.TOP_K, Strategy.TOP_P, Strategy.GREEDY);
        strategy.setValue(Strategy.TOP_P);
        strategy.setConverter(new StringConverter<>() {
            @Override
            public String toString(Strategy s) {
                return Texts.named(s);
            }

            @Override
            public Strategy fromString(String text) {
                return strategy.getItems().stream().filter(s -> Texts.named(s).equals(text)).findFirst().orElse(null);
            }
        });
        Knobs.spinner(temperature, "decodeTemperature", 80, Texts.get("knob.temperature.tip"));
        Knobs.spinner(k, "decodeK", 75, Texts.get("knob.k.tip"));
        Knobs.spinner(p, "decodeP", 80, Texts.get("knob.p.tip"));
        Knobs.spinner(seed, "decodeSeed", 95, Texts.get("knob.seed.tip"));
        Knobs.spinner(width, "beamWidth", 70, Texts.get("knob.width.tip"));
        strategy.valueProperty().addListener((o, a, b) -> enable());
        enable();
    }

    private void enable() {
        Strategy s = strategy.getValue();
        temperature.setDisable(s == Strategy.GREEDY);
        k.setDisable(s != Strategy.TOP_K);
        p.setDisable(s != Strategy.TOP_P);
        seed.setDisable(s == Strategy.GREEDY);
    }

    /** A field for the shared prompt, for a view's toolbar. */
    TextField promptField(String id) {
        TextField f = Knobs.promptField(id);
        f.textProperty().bindBidirectional(prompt);
        promptFields.add(f);
        return f;
    }

    /**
     * New runs or data: the prompt follows the data unless the user typed one of their own; an image model continues
     * the inspected digit's top half, with no prompt to type.
     */
    void follow(TrainingSnapshot s) {
        shown = s;
        for (TextField f : promptFields) {
            f.setDisable(image());
            f.setPromptText(image() ? Texts.get("knob.prompt.image") : Texts.get("knob.prompt.hint"));
        }
        if (image()) {
            prompt.set("");
            defaultPrompt = "";
        } else if (s.data() != null) {
            String d = Prompts.text(s.data().examples());
            if (prompt.get().isEmpty() || prompt.get().equals(defaultPrompt)) {
                prompt.set(d);
            }
            defaultPrompt = d;
        }
    }

    boolean image() {
        return shown != null && shown.data() != null && shown.data().image() != null;
    }

    /** What the models continue: the typed prompt, or for images the inspected digit's top half. */
    String start(TrainingSnapshot now) {
        return image() ? Prompts.of(now) : prompt.get();
    }

    /** At most {@code wanted} tokens, and for an image no more than the pixels left after the prompt. */
    int lengthAfter(String start, int wanted) {
        return Prompts.lengthAfter(image() ? shown.data().image() : null, start, wanted);
    }

    DecodingConfig config() {
        return new DecodingConfig(strategy.getValue(), temperature.getValue(), k.getValue(), p.getValue(), width.getValue(), seed.getValue());
    }

    /** The strategies Strategies compares, around these knobs. */
    List<DecodingConfig> strategyList() {
        return StrategiesFigure.strategies(temperature.getValue(), k.getValue(), p.getValue(), width.getValue(), seed.getValue());
    }
}
