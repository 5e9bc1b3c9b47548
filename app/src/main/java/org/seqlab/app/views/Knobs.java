package org.seqlab.app.views;

import org.seqlab.app.text.Texts;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The decoding views' knobs: spinners that take typed values, prompt fields, rows that wrap instead of squeezing. */
final class Knobs {

    private Knobs() {
    }

    static TextField promptField(String id) {
        TextField t = new TextField();
        t.setId(id);
        t.setPrefColumnCount(14);
        t.setPromptText(Texts.get("knob.prompt.hint"));
        return t;
    }

    static void spinner(Spinner<?> s, String id, double width, String tip) {
        s.setId(id);
        s.setEditable(true);
        // as many columns as the width held at normal type: the field grows with the type (presentation mode) and its
        // value is never cut
        s.getEditor().setPrefColumnCount(Math.max(2, (int) Math.round((width - 30) / 11)));
        s.setMinWidth(Region.USE_PREF_SIZE);
        s.setTooltip(new Tooltip(tip));
        // a typed value counts when focus leaves, not only on Enter
        s.focusedProperty().addListener((o, a, focused) -> {
            if (!focused) {
                s.increment(0);
            }
        });
    }

    /** Controls that wrap as one: the step buttons and the step between them. */
    static Node together(Node... nodes) {
        HBox box = new HBox(4, nodes);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setMinWidth(Region.USE_PREF_SIZE);
        return box;
    }

    static Node rows(Node... rows) {
        return new VBox(4, rows);
    }

    /**
     * One row of the decoding knobs. In a narrow pane it wraps onto another line instead of squeezing its fields
     * until their numbers vanish; each label stays with the control after it.
     */
    static Node row(Node... nodes) {
        FlowPane flow = new FlowPane(10, 4);
        flow.setAlignment(Pos.CENTER_LEFT);
        // wrap at the width it is given, so its height is that of the rows it really lays out
        flow.prefWrapLengthProperty().bind(Bindings.max(200, flow.widthProperty()));
        flow.setMinWidth(0);
        for (int i = 0; i < nodes.length; i++) {
            Node n = nodes[i];
            if (n instanceof Label l && i + 1 < nodes.length) {
                l.getStyleClass().add("tool-label");
                HBox pair = new HBox(6, l, nodes[++i]);
                pair.setAlignment(Pos.CENTER_LEFT);
                flow.getChildren().add(pair);
            } else {
                flow.getChildren().add(n);
            }
        }
        return flow;
    }
}
