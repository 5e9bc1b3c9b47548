package org.seqlab.app.views;

import java.util.Objects;
import javafx.animation.PauseTransition;
import javafx.scene.control.ComboBox;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.seqlab.app.lab.LabModel;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.train.TrainingSnapshot.DataInfo;

/**
 * What the model views inspect: typed text (applied a moment after the last key), or for images a validation
 * digit picked from the list. Kept in step with the lab's inspected text both ways.
 */
final class InspectInput extends ComboBox<String> {

    private final LabModel lab;
    private boolean imageData;

    InspectInput(LabModel lab) {
        this.lab = lab;
        setId("inspectInput");
        setEditable(true);
        setConverter(new StringConverter<>() {
            @Override
            public String toString(String v) {
                if (v != null && imageData) {
                    int k = getItems().indexOf(v);
                    return k >= 0 ? Texts.get("inspect.digit", k) : Texts.get("inspect.aDigit");
                }
                return v;
            }

            @Override
            public String fromString(String v) {
                return v;
            }
        });
        setMaxWidth(Double.MAX_VALUE);
        setPromptText(Texts.get("inspect.prompt"));
        HBox.setHgrow(this, Priority.ALWAYS);
        PauseTransition debounce = new PauseTransition(Duration.millis(250));
        debounce.setOnFinished(e -> lab.inspectTextProperty().set(getEditor().getText()));
        getEditor().textProperty().addListener((o, a, b) -> {
            if (!Objects.equals(b, lab.inspectTextProperty().get())) {
                debounce.playFromStart();
            }
        });
        valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                lab.inspectTextProperty().set(b);
            }
        });
        lab.inspectTextProperty().addListener((o, a, b) -> {
            debounce.stop();                       // a change from elsewhere (new data, a scene) wins over typing not yet applied
            if (!isEditable()) {
                setValue(b);                       // digits are picked, not typed
            } else if (!Objects.equals(getEditor().getText(), b)) {
                getEditor().setText(b);
            }
        });
    }

    /** Offers the data's examples; returns whether they changed. */
    boolean offer(DataInfo data) {
        if (getItems().equals(data.examples())) {
            return false;
        }
        imageData = data.image() != null;
        setEditable(!imageData);
        // a picked digit's name is short and shown whole; typed text may scroll in its field
        setMinWidth(imageData ? Region.USE_PREF_SIZE : GroupRow.INSPECT_MIN);
        getItems().setAll(data.examples());
        if (imageData) {
            setValue(lab.inspectTextProperty().get());
        }
        return true;
    }
}
