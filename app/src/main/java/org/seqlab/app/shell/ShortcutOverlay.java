package org.seqlab.app.shell;

import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Popup;
import javafx.stage.Window;

/** The list of keyboard shortcuts, shown over the window (F1 or ?); a click or any other key hides it. */
final class ShortcutOverlay {

    private Popup overlay;

    /** Every shortcut, for the overlay (F1 or ?). */
    static final List<String[]> SHORTCUTS = List.of(
            new String[] {"Space", "train / pause"},
            new String[] {"S or →", "one training step"},
            new String[] {"Page Down / Page Up", "next / previous lesson step"},
            new String[] {"Ctrl+1 … Ctrl+6", "view group: Training, Recurrent, Attention, Convolution, Decoding, Take apart"},
            new String[] {"] / [", "next / previous view"},
            new String[] {"← → Home End", "step through the Decoding view (click it first)"},
            new String[] {"Ctrl+R / Ctrl+Z", "reset the models / undo the reset or apply"},
            new String[] {"Ctrl+Enter", "apply changed settings"},
            new String[] {"Ctrl+E / Ctrl+Shift+E", "export the view / the loss chart (PNG 2×, SVG, CSV)"},
            new String[] {"F2 / Ctrl+L / F3", "lessons / all lessons / settings: show or hide"},
            new String[] {"Ctrl+O / Ctrl+I", "train on your own text file / folder of images"},
            new String[] {"Ctrl+D", "the encoder–decoder lab, in its own window"},
            new String[] {"Ctrl+S / Ctrl+Shift+O", "save the run / open a saved run"},
            new String[] {"F4", "describe the figure in sentences, under every view"},
            new String[] {"F5", "presentation mode: full screen, large type, high contrast"},
            new String[] {"F11", "full screen"},
            new String[] {"F1 or ?", "show or hide this list"});


    /** Shows the list over the scene's window, or hides it when shown. */
    void toggle(Scene scene) {
        if (overlay != null && overlay.isShowing()) {
            overlay.hide();
            return;
        }
        GridPane grid = new GridPane();
        grid.setHgap(24);
        grid.setVgap(6);
        Label title = new Label("Keyboard shortcuts");
        title.getStyleClass().add("shortcut-title");
        grid.add(title, 0, 0, 2, 1);
        for (int i = 0; i < SHORTCUTS.size(); i++) {
            Label key = new Label(SHORTCUTS.get(i)[0]);
            key.setStyle("-fx-font-weight: bold;");
            grid.add(key, 0, i + 1);
            grid.add(new Label(SHORTCUTS.get(i)[1]), 1, i + 1);
        }
        StackPane box = new StackPane(grid);
        box.getStyleClass().add("shortcut-overlay");
        box.setId("shortcutOverlay");
        overlay = new Popup();
        overlay.getContent().add(box);
        overlay.setAutoHide(true);
        overlay.getScene().getStylesheets().setAll(scene.getStylesheets());
        box.setOnMouseClicked(e -> overlay.hide());
        Window w = scene.getWindow();
        overlay.show(w);
        overlay.setX(w.getX() + (w.getWidth() - box.getWidth()) / 2);
        overlay.setY(w.getY() + (w.getHeight() - box.getHeight()) / 2);
    }

    boolean shown() {
        return overlay != null && overlay.isShowing();
    }

    void hide() {
        if (overlay != null) {
            overlay.hide();
        }
    }
}
