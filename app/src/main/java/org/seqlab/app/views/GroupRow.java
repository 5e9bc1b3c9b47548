package org.seqlab.app.views;

import org.seqlab.app.text.Texts;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import org.controlsfx.control.SegmentedButton;
import org.seqlab.app.figures.ViewId.Group;

/**
 * The row above the views: the view groups, then the input the views inspect. Where the window leaves too little room
 * for a button per group (the lessons beside the lab on a 1024×768 projector) the groups fold into one list, so the
 * row shrinks instead of pushing the lab past the window's edge.
 */
final class GroupRow extends HBox {

    /** The inspected text's field keeps at least this much room: a dozen characters. */
    static final double INSPECT_MIN = 140;

    private final SegmentedButton buttons = new SegmentedButton();
    private final ComboBox<Group> folded = new ComboBox<>();
    private final Separator separator = new Separator(Orientation.VERTICAL);
    private final Label inspectLabel;
    private final Region inspect;

    GroupRow(Map<Group, ToggleButton> groups, Consumer<Group> show, Label inspectLabel, Region inspect) {
        super(8);
        this.inspectLabel = inspectLabel;
        this.inspect = inspect;
        buttons.getButtons().setAll(groups.values());
        buttons.setId("viewGroups");
        buttons.setMinWidth(Region.USE_PREF_SIZE);
        folded.setId("viewGroupChoice");
        folded.getItems().setAll(groups.keySet());
        folded.setMinWidth(Region.USE_PREF_SIZE);
        folded.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Group g, boolean empty) {
                super.updateItem(g, empty);
                setText(empty || g == null ? null : Texts.get("group." + g.name()));
                setDisable(!empty && g != null && groups.get(g).isDisable());   // a group no model fills, as its button
            }
        });
        folded.valueProperty().addListener((o, a, g) -> {
            if (g != null && !groups.get(g).isSelected() && !groups.get(g).isDisable()) {
                groups.get(g).setSelected(true);
                show.accept(g);
            }
        });
        for (Map.Entry<Group, ToggleButton> e : groups.entrySet()) {
            e.getValue().selectedProperty().addListener((o, a, on) -> {
                if (on) {
                    folded.setValue(e.getKey());
                }
            });
            if (e.getValue().isSelected()) {
                folded.setValue(e.getKey());
            }
        }
        inspect.setMinWidth(INSPECT_MIN);
        getChildren().setAll(buttons, separator, inspectLabel, inspect);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(6, 8, 2, 8));
        widthProperty().addListener((o, a, w) -> fold(w.doubleValue() < widthWith(buttons)));
    }

    /** Whether the groups are folded into one list now. */
    boolean folded() {
        return getChildren().get(0) == folded;
    }

    private void fold(boolean fold) {
        Node first = fold ? folded : buttons;
        if (getChildren().get(0) != first) {
            getChildren().set(0, first);
        }
    }

    /** The width the row needs with these groups at their preferred width and the inspected field at its least. */
    private double widthWith(Region groups) {
        Insets in = getInsets();
        return in.getLeft() + in.getRight() + groups.prefWidth(-1) + separator.prefWidth(-1) + inspectLabel.prefWidth(-1) + INSPECT_MIN
                + 3 * getSpacing();
    }

    @Override
    protected double computeMinWidth(double height) {
        return widthWith(folded);
    }
}
