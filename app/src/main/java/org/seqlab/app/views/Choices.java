package org.seqlab.app.views;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.scene.layout.Region;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;
import org.seqlab.engine.train.TrainingSnapshot;

/** The views' choice boxes: which model (by {@link RunChoice}), which layer or head. */
final class Choices {

    private Choices() {
    }

    /** A choice of model, as wide as its longest name. */
    static ComboBox<RunChoice> run(String id) {
        ComboBox<RunChoice> c = new ComboBox<>();
        c.setId(id);
        c.setMinWidth(Region.USE_PREF_SIZE);   // a model's name is never cut: the toolbar wraps instead
        return c;
    }

    /** A choice of layer or head: never narrower than its number. */
    static ComboBox<Integer> layer(String id) {
        ComboBox<Integer> c = new ComboBox<>();
        c.setId(id);
        c.setMinWidth(Region.USE_PREF_SIZE);
        return c;
    }

    /** Offers these runs, keeping the chosen run (by its id) if it is still there, else the first. */
    static void keep(ComboBox<RunChoice> box, List<RunChoice> items) {
        String id = box.getValue() == null ? null : box.getValue().id();
        box.getItems().setAll(items);
        box.setValue(items.stream().filter(c -> c.id().equals(id)).findFirst().orElse(items.isEmpty() ? null : items.get(0)));
    }

    /** The run a run choice names in this snapshot, or null. */
    static RunSnapshot selected(TrainingSnapshot shown, ComboBox<RunChoice> box) {
        if (shown == null || box.getValue() == null) {
            return null;
        }
        RunSnapshot r = shown.run(box.getValue().id());
        // a choice left from the models before (B was an LSTM, now an RNN) names no run of these: wait for the resync
        return r != null && r.label().equals(box.getValue().label()) ? r : null;
    }

    /** Offers 0 … n−1 (layers or heads), keeping the chosen one while it exists, else {@code fallback}. */
    static void indices(ComboBox<Integer> box, int n, int fallback) {
        if (box.getItems().size() != n) {
            Integer v = box.getValue();
            List<Integer> items = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                items.add(i);
            }
            box.getItems().setAll(items);
            box.setValue(v != null && v < n ? v : fallback);
        } else if (box.getValue() == null && n > 0) {
            box.setValue(fallback);
        }
    }

    /** The chosen index, 0 when none is chosen. */
    static int value(ComboBox<Integer> box) {
        return box.getValue() == null ? 0 : box.getValue();
    }

    /** Offers the layers of this run (one when there is none), the top layer first. */
    static void layers(ComboBox<Integer> box, RunSnapshot r) {
        int n = r == null ? 1 : r.config().model().layers();
        indices(box, n, n - 1);
    }

    /** Offers a Transformer's blocks and heads, block 0 and head 0 first. */
    static void blocksAndHeads(ComboBox<Integer> blocks, ComboBox<Integer> heads, RunSnapshot r) {
        if (r != null) {
            indices(blocks, r.config().model().layers(), 0);
            indices(heads, r.config().model().heads(), 0);
        }
    }
}
