package org.seqlab.app.shell;

import java.util.List;
import org.seqlab.app.text.Texts;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Popup;
import javafx.stage.Window;

/** The list of keyboard shortcuts, shown over the window (F1 or ?); a click or any other key hides it. */
final class ShortcutOverlay {

    private Popup overlay;

    /** Every shortcut, for the overlay (F1 or ?): its keys, and the key of what it does in the interface's words. */
    static final List<String[]> SHORTCUTS = List.of(
            new String[] {"Space", "shortcut.0"},
            new String[] {"S or →", "shortcut.1"},
            new String[] {"Page Down / Page Up", "shortcut.2"},
            new String[] {"Ctrl+1 … Ctrl+6", "shortcut.3"},
            new String[] {"] / [", "shortcut.4"},
            new String[] {"← → Home End", "shortcut.5"},
            new String[] {"Ctrl+R / Ctrl+Z", "shortcut.6"},
            new String[] {"Ctrl+Enter", "shortcut.7"},
            new String[] {"Ctrl+E / Ctrl+Shift+E", "shortcut.8"},
            new String[] {"F2 / Ctrl+L / F3", "shortcut.9"},
            new String[] {"Ctrl+O / Ctrl+I", "shortcut.10"},
            new String[] {"Ctrl+D", "shortcut.11"},
            new String[] {"Ctrl+S / Ctrl+Shift+O", "shortcut.12"},
            new String[] {"F4 / Shift+F4", "shortcut.13"},
            new String[] {"← → ↑ ↓ on a figure", "shortcut.14"},
            new String[] {"F6", "shortcut.15"},
            new String[] {"F5", "shortcut.16"},
            new String[] {"F11", "shortcut.17"},
            new String[] {"F1 or ?", "shortcut.18"});


    /** Shows the list over the scene's window, or hides it when shown. */
    void toggle(Scene scene) {
        if (overlay != null && overlay.isShowing()) {
            overlay.hide();
            return;
        }
        GridPane grid = new GridPane();
        grid.setHgap(24);
        grid.setVgap(6);
        Label title = new Label(Texts.get("menu.help.shortcuts"));
        title.getStyleClass().add("shortcut-title");
        grid.add(title, 0, 0, 2, 1);
        for (int i = 0; i < SHORTCUTS.size(); i++) {
            Label key = new Label(SHORTCUTS.get(i)[0]);
            key.setStyle("-fx-font-weight: bold;");
            grid.add(key, 0, i + 1);
            grid.add(new Label(Texts.get(SHORTCUTS.get(i)[1])), 1, i + 1);
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
