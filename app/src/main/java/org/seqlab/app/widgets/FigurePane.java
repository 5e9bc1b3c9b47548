package org.seqlab.app.widgets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitMenuButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import org.controlsfx.control.PopOver;
import org.kordamp.ikonli.javafx.FontIcon;
import org.seqlab.app.export.FigureExporter;
import org.seqlab.app.figures.Figure;
import org.seqlab.app.figures.Style;
import org.seqlab.app.text.Texts;
import org.seqlab.app.work.Background;
import org.seqlab.app.work.Speech;

/**
 * One view: a toolbar (its own controls, then Export) above a {@link FigureCanvas}. Export writes the figure
 * as a PNG at 2× and its numbers as CSV into the figures folder, off the FX thread.
 * <p>
 * Where the toolbar's rows would leave the figure too low to draw (the lessons beside the lab at 1024×768), the
 * controls fold behind one <b>Controls</b> button that opens them in a pop-over, and the figure takes the height.
 */
public final class FigurePane extends BorderPane {

    /** Below this height a figure is too low to read; the toolbar folds rather than take it. */
    static final double LEAST_FIGURE_HEIGHT = 180;

    private final FigureCanvas canvas = new FigureCanvas();
    private final DescriptionBox description;
    private final KeyboardCursor cursor;
    private final FlowPane tools = new FlowPane(8, 4);
    private final BorderPane bar;
    private final SplitMenuButton export;
    private final ToggleButton fold = new ToggleButton(Texts.get("pane.controls"), new FontIcon("mdi2t-tune-variant"));
    private PopOver foldedTools;
    private final Supplier<Path> folder;
    private final Background background;
    private final Consumer<String> status;

    public FigurePane(String id, Supplier<Path> folder, Background background, Consumer<String> status) {
        setId(id);
        this.folder = folder;
        this.background = background;
        this.status = status;
        getStyleClass().add("figure-pane");
        // the button exports PNG 2× (with its description as .txt), SVG and CSV; its arrow offers each format alone
        export = new SplitMenuButton(formatItems().toArray(MenuItem[]::new));
        export.setText(Texts.get("pane.export"));
        export.setGraphic(new FontIcon("mdi2e-export-variant"));
        export.setId(id + "-export");
        export.setTooltip(new Tooltip(Texts.get("pane.export.tip")));
        export.setOnAction(e -> export(FigureExporter.DEFAULT));
        export.setMinWidth(Region.USE_PREF_SIZE);   // the hints give way first
        // the tools wrap onto a second row in a narrow pane rather than cut a word; Export stays at the right
        // it wraps at the width it really has, so it asks for the height of the rows it really lays out
        bindWrap();
        tools.setMinWidth(0);
        bar = new BorderPane(tools);   // a BorderPane asks its centre how tall it is at the width it gets
        bar.setRight(export);
        BorderPane.setAlignment(export, Pos.TOP_RIGHT);
        BorderPane.setMargin(export, new Insets(0, 0, 0, 8));
        bar.setPadding(new Insets(4, 8, 4, 8));
        bar.getStyleClass().add("figure-toolbar");
        tools.setAlignment(Pos.CENTER_LEFT);
        setTop(bar);
        setCenter(canvas);
        description = new DescriptionBox(id);
        setBottom(description.holder(this));
        cursor = new KeyboardCursor(canvas);
        cursor.onMove(cell -> {   // the cell the arrow keys reached: on the status line, in the Describe pane, aloud
            status.accept(cell);
            description.cursor(cell);
            Speech.say(cell);
        });
        ContextMenu menu = new ContextMenu(formatItems().toArray(MenuItem[]::new));
        canvas.setOnContextMenuRequested(e -> menu.show(canvas, e.getScreenX(), e.getScreenY()));
        fold.setId(id + "-controls");
        fold.setTooltip(new Tooltip(Texts.get("pane.fold.tip")));
        fold.setOnAction(e -> showFolded(fold.isSelected()));
    }

    /** Folds or unfolds the controls for the size this pane has now, before its toolbar and figure are laid out. */
    @Override
    protected void layoutChildren() {
        refold();
        super.layoutChildren();
    }

    private void bindWrap() {
        tools.prefWrapLengthProperty().bind(widthProperty().subtract(export.widthProperty()).subtract(40));
    }

    /** Whether the controls are folded behind the Controls button. */
    public boolean folded() {
        return bar.getCenter() == fold;
    }

    private void refold() {
        if (getWidth() <= 0 || getHeight() <= 0) {
            return;
        }
        double wrap = getWidth() - export.prefWidth(-1) - 40;
        double barHeight = rowsHeight(wrap) + 8;
        boolean wanted = barHeight > export.prefHeight(-1) + 12 && getHeight() - barHeight < LEAST_FIGURE_HEIGHT;
        if (wanted == folded()) {
            return;
        }
        if (wanted) {
            tools.prefWrapLengthProperty().unbind();
            tools.setPrefWrapLength(Math.max(260, Math.min(520, getWidth() - 40)));
            bar.setCenter(this.fold);
            BorderPane.setAlignment(this.fold, Pos.CENTER_LEFT);
        } else {
            showFolded(false);
            bar.setCenter(tools);
            bindWrap();
        }
    }

    /**
     * The height of the rows the controls take when wrapped at this width, laid out as a FlowPane lays them out (its
     * own prefHeight wraps at prefWrapLength, not at the width it will get).
     */
    private double rowsHeight(double wrap) {
        double total = 0;
        double row = 0;
        double x = 0;
        for (Node n : tools.getChildren()) {
            if (!n.isManaged()) {
                continue;
            }
            double w = n.prefWidth(-1);
            double h = n.prefHeight(w);
            if (x > 0 && x + w > wrap) {
                total += row + tools.getVgap();
                row = 0;
                x = 0;
            }
            x += w + tools.getHgap();
            row = Math.max(row, h);
        }
        return total + row;
    }

    private void showFolded(boolean show) {
        if (show) {
            if (foldedTools == null) {
                VBox holder = new VBox();
                holder.setPadding(new Insets(10));
                foldedTools = new PopOver(holder);
                foldedTools.setArrowLocation(PopOver.ArrowLocation.TOP_LEFT);
                foldedTools.setDetachable(false);
                foldedTools.setTitle(Texts.get("pane.controls"));
                foldedTools.setHeaderAlwaysVisible(false);
                foldedTools.setOnHidden(e -> fold.setSelected(false));
                // the click that closes the controls goes no further: on the Controls button it would open them again
                foldedTools.setConsumeAutoHidingEvents(true);
                foldedTools.getStyleClass().add("folded-tools");
                holder.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
                    if (e.getCode() == KeyCode.ESCAPE) {   // even while a control inside has the focus
                        foldedTools.hide();
                        e.consume();
                    }
                });
            }
            ((VBox) foldedTools.getContentNode()).getChildren().setAll(tools);   // the toolbar's own controls, moved
            fold.setSelected(true);
            foldedTools.show(fold);
        } else if (foldedTools != null && foldedTools.isShowing()) {
            foldedTools.hide();
        }
    }

    /** "PNG 2×, SVG, CSV and TXT", then each format on its own, then all of them. */
    private List<MenuItem> formatItems() {
        List<MenuItem> items = new ArrayList<>();
        MenuItem all3 = new MenuItem(Texts.get("pane.export.default"));
        all3.setOnAction(e -> export(FigureExporter.DEFAULT));
        items.add(all3);
        items.add(new SeparatorMenuItem());
        for (FigureExporter.Format f : FigureExporter.Format.values()) {
            MenuItem m = new MenuItem(Texts.get("pane.export.one", f.label()));
            m.setOnAction(e -> export(EnumSet.of(f)));
            items.add(m);
        }
        MenuItem every = new MenuItem(Texts.get("pane.export.all"));
        every.setOnAction(e -> export(EnumSet.allOf(FigureExporter.Format.class)));
        items.add(every);
        return items;
    }

    /** Adds controls to the left of the toolbar; a narrow toolbar wraps them, and never cuts a word. */
    public FigurePane tools(Node... nodes) {
        for (Node n : nodes) {
            if (n instanceof Label l) {
                l.getStyleClass().add("tool-label");
            }
            if (n instanceof Control c && !(n instanceof Slider)
                    && !(n instanceof TextField)) {
                c.setMinWidth(Region.USE_PREF_SIZE);
            }
            if (n instanceof Pane p) {
                p.prefWidthProperty().bind(tools.prefWrapLengthProperty());   // a block of rows takes the toolbar's width
            }
        }
        // a label stays with the control it names: when the toolbar wraps, they move to the next row together
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] instanceof Label l && i + 1 < nodes.length && nodes[i + 1] instanceof Control next && !(next instanceof Label)) {
                HBox pair = new HBox(6, l, next);
                pair.setAlignment(Pos.CENTER_LEFT);
                if (!(next instanceof TextField)) {
                    pair.setMinWidth(Region.USE_PREF_SIZE);   // a text field may still give way, as it does alone
                }
                tools.getChildren().add(pair);
                i++;
            } else {
                tools.getChildren().add(nodes[i]);
            }
        }
        return this;
    }

    /**
     * Adds a sentence after the controls where the row has room for it; in a narrow pane an ⓘ stands in its place, the
     * sentence its tooltip: rows of toolbar would come out of the figure's height (the lessons beside the lab at 1024×768).
     */
    public FigurePane hint(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("tool-label");
        l.setWrapText(true);
        // never wider than the toolbar: a long sentence wraps instead of running under the Export button
        l.prefWidthProperty().bind(Bindings.createDoubleBinding(() -> {
            Text line = new Text(text);
            line.setFont(l.getFont());   // the sentence on one line, in the label's own type
            return Math.min(line.getLayoutBounds().getWidth() + 8, Math.max(100, tools.getPrefWrapLength() - 8));
        }, tools.prefWrapLengthProperty(), l.fontProperty()));
        l.setMinWidth(Region.USE_PREF_SIZE);
        Label info = new Label("", new FontIcon("mdi2i-information-outline"));
        info.setTooltip(new Tooltip(text));
        info.getStyleClass().add("tool-label");
        tools.getChildren().addAll(l, info);
        tools.widthProperty().addListener((o, a, b) -> fitHint(l, info, text));
        l.fontProperty().addListener((o, a, b) -> fitHint(l, info, text));
        fitHint(l, info, text);
        return this;
    }

    /** The sentence where it fits on one row with the controls before it, else the ⓘ. */
    private void fitHint(Label sentence, Label info, String text) {
        Text line = new Text(text);
        line.setFont(sentence.getFont());
        double used = 0;
        for (Node n : tools.getChildren()) {
            if (n != sentence && n != info && n.isManaged()) {
                used += n.prefWidth(-1) + tools.getHgap();
            }
        }
        boolean fits = tools.getWidth() <= 0 || used + line.getLayoutBounds().getWidth() + 8 <= tools.getWidth();
        sentence.setVisible(fits);
        sentence.setManaged(fits);
        info.setVisible(!fits);
        info.setManaged(!fits);
    }

    /** Whether this pane is on screen: in a shown window, and it and every parent visible (an unselected tab's content is not). */
    public boolean onScreen() {
        for (Node n = this; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return getScene() != null && getScene().getWindow() != null && getScene().getWindow().isShowing();
    }

    public FigureCanvas canvas() {
        return canvas;
    }

    public void setFigure(Figure f) {
        canvas.setFigure(f);
        description.follow(f);
    }

    /** The keyboard cursor over the figure. */
    public KeyboardCursor cursor() {
        return cursor;
    }

    /** The Describe pane under the figure. */
    public DescriptionBox description() {
        return description;
    }

    /** The default export: PNG 2×, SVG, CSV and the description. */
    public CompletableFuture<List<Path>> export() {
        return export(FigureExporter.DEFAULT);
    }

    /** Writes the chosen formats off the FX thread; completes with the files (or fails with the reason, also shown in the status bar). */
    public CompletableFuture<List<Path>> export(Set<FigureExporter.Format> formats) {
        Figure f = canvas.shownFigure();
        double w = canvas.viewWidth();
        double h = canvas.viewHeight();
        Style style = canvas.figureStyle();   // the style shown now, even if presentation mode changes while it writes
        if (f == null || w <= 0 || h <= 0 || f.placeholder()) {
            // a placeholder is a note, not a figure: it never lands in the figures folder
            status.accept(f != null && f.placeholder() ? Texts.get("export.notComputed", f.title()) : Texts.get("export.nothing"));
            return CompletableFuture.failedFuture(new IllegalStateException("nothing to export"));
        }
        Path dir = folder.get();
        return background.run(Texts.get("export.job", f.name()), progress -> FigureExporter.export(f, w, h, formats, dir, style),
                r -> status.accept(Texts.get("export.saved", String.join(", ", r.stream().map(p -> p.getFileName().toString()).toList()), dir)),
                ex -> status.accept(Texts.get("export.failed", ex.getLocalizedMessage()))).result();
    }
}
