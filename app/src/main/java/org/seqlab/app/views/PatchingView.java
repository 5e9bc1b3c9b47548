package org.seqlab.app.views;

import org.seqlab.app.text.Texts;
import java.util.concurrent.CompletableFuture;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import org.seqlab.app.figures.PatchingFigure;
import org.seqlab.app.figures.TakeApartFigures;
import org.seqlab.app.figures.ViewId;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;

/** The inspected input against a copy with its first symbol changed, the copy's state patched from the input's run. */
final class PatchingView extends TakeApartView {

    private final Spinner<Integer> position = new Spinner<>(0, 4096, 4);
    private final CheckBox whole = new CheckBox(Texts.get("patch.whole"));

    PatchingView(ViewContext context) {
        super(ViewId.PATCHING, context, "patchRun", Texts.get("patch.note"),
                Texts.get("patch.none"));
        position.setId("patchPosition");
        position.setPrefWidth(90);
        position.setMinWidth(Region.USE_PREF_SIZE);
        position.setEditable(true);
        whole.setId("patchWhole");
        whole.setTooltip(new Tooltip(Texts.get("patch.whole.tip")));
        pane.tools(new Label(Texts.get("knob.model")), run, new Label(Texts.get("patch.after")), position, whole)
                .hint(Texts.get("patch.hint"));
        run.valueProperty().addListener((o, a, b) -> changed());
        position.valueProperty().addListener((o, a, b) -> changed());
        whole.selectedProperty().addListener((o, a, b) -> changed());
    }

    /** A shorter input keeps the patch inside it. */
    @Override
    protected void textChanged(String input) {
        int n = input.codePointCount(0, input.length());
        position.getValueFactory().setValue(Math.min(position.getValue(), Math.max(0, n - 3)));
    }

    @Override
    protected CompletableFuture<PatchingFigure> compute(RunSnapshot r, String input) {
        int at = position.getValue() == null ? TakeApartFigures.defaultPosition(input) : position.getValue();
        return lab.tasks().patch(r.id(), input, at, whole.isSelected()).thenApply(PatchingFigure::new);
    }
}
