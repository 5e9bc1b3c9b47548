package org.seqlab.app.views;

import org.seqlab.app.text.EngineNames;
import org.seqlab.app.text.Texts;
import java.util.concurrent.CompletableFuture;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.seqlab.app.figures.AblationFigure;
import org.seqlab.app.figures.TakeApartFigures;
import org.seqlab.app.figures.ViewId;
import org.seqlab.engine.inspect.Ablation;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;

/** A text model with one part switched off (a gate, a head, a unit, a layer) against itself intact. */
final class AblateView extends TakeApartView {

    private final ComboBox<Ablation> part = new ComboBox<>();
    private long seed = 1;

    AblateView(ViewContext context) {
        super(ViewId.ABLATE, context, "ablateRun", Texts.get("ablate.note"), Texts.get("ablate.none"));
        part.setId("ablatePart");
        part.setMinWidth(Region.USE_PREF_SIZE);
        part.setConverter(new StringConverter<>() {
            @Override
            public String toString(Ablation a) {
                return a == null ? "" : EngineNames.part(a.describe());
            }

            @Override
            public Ablation fromString(String s) {
                return null;
            }
        });
        Button replay = new Button(Texts.get("ablate.replay"), new FontIcon("mdi2r-replay"));
        replay.setId("ablateReplay");
        replay.setTooltip(new Tooltip(Texts.get("ablate.replay.tip")));
        replay.setOnAction(e -> {
            seed++;
            compute();
        });
        pane.tools(new Label(Texts.get("knob.model")), run, new Label(Texts.get("ablate.part")), part, replay)
                .hint(Texts.get("ablate.hint"));
        run.valueProperty().addListener((o, a, b) -> {
            RunSnapshot r = selected(run);
            if (r != null) {
                boolean was = syncing;
                syncing = true;
                part.getItems().setAll(Ablation.parts(r.config().model()));
                part.setValue(TakeApartFigures.defaultPart(r.config().model()));
                syncing = was;
            }
            changed();
        });
        part.valueProperty().addListener((o, a, b) -> changed());
    }

    @Override
    protected CompletableFuture<AblationFigure> compute(RunSnapshot r, String input) {
        Ablation off = part.getValue();
        return off == null ? null : lab.tasks().ablate(r.id(), off, input, TakeApartFigures.SAMPLE_LENGTH, TakeApartFigures.TEMPERATURE, seed)
                .thenApply(AblationFigure::new);
    }
}
