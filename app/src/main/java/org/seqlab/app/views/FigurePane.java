package org.seqlab.app.views;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;
import org.seqlab.app.export.FigureExporter;

/**
 * One view: a toolbar (its own controls, then Export) above a {@link FigureCanvas}. Export writes the figure
 * as a PNG at 2× and its numbers as CSV into the figures folder, off the FX thread.
 */
public final class FigurePane extends BorderPane {

    public static final double EXPORT_SCALE = 2.0;

    private final FigureCanvas canvas = new FigureCanvas();
    private final HBox tools = new HBox(8);
    private final Supplier<Path> folder;
    private final Executor background;
    private final Consumer<String> status;

    public FigurePane(String id, Supplier<Path> folder, Executor background, Consumer<String> status) {
        setId(id);
        this.folder = folder;
        this.background = background;
        this.status = status;
        getStyleClass().add("figure-pane");
        Button export = new Button("Export", new FontIcon("mdi2e-export-variant"));
        export.setId(id + "-export");
        export.setTooltip(new Tooltip("Save this view as a PNG (2×) and its numbers as CSV (Ctrl+E)"));
        export.setOnAction(e -> export());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, tools, spacer, export);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 8, 4, 8));
        bar.getStyleClass().add("figure-toolbar");
        tools.setAlignment(Pos.CENTER_LEFT);
        setTop(bar);
        setCenter(canvas);
        MenuItem item = new MenuItem("Export PNG (2×) and CSV");
        item.setOnAction(e -> export());
        ContextMenu menu = new ContextMenu(item);
        canvas.setOnContextMenuRequested(e -> menu.show(canvas, e.getScreenX(), e.getScreenY()));
    }

    /** Adds controls to the left of the toolbar. */
    public FigurePane tools(Node... nodes) {
        for (Node n : nodes) {
            if (n instanceof Label l) {
                l.getStyleClass().add("tool-label");
                l.setMinWidth(Region.USE_PREF_SIZE);   // a squeezed toolbar shrinks its fields, never its words
            }
        }
        tools.getChildren().addAll(nodes);
        return this;
    }

    public FigureCanvas canvas() {
        return canvas;
    }

    public void setFigure(Figure f) {
        canvas.setFigure(f);
    }

    /** Writes PNG and CSV; completes with the files (or fails with the reason, also shown in the status bar). */
    public CompletableFuture<FigureExporter.Exported> export() {
        Figure f = canvas.shownFigure();
        double w = canvas.viewWidth();
        double h = canvas.viewHeight();
        if (f == null || w <= 0 || h <= 0) {
            status.accept("Nothing to export yet.");
            return CompletableFuture.failedFuture(new IllegalStateException("nothing to export"));
        }
        Path dir = folder.get();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return FigureExporter.export(f, w, h, EXPORT_SCALE, dir);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, background).whenComplete((r, ex) -> Platform.runLater(() -> status.accept(ex == null
                ? "Saved " + r.png().getFileName() + " and " + r.csv().getFileName() + " in " + dir
                : "Could not export: " + (ex.getCause() != null ? ex.getCause().getMessage() : ex.getMessage()))));
    }
}
