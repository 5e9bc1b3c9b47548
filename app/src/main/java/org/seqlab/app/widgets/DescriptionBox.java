package org.seqlab.app.widgets;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Region;
import org.seqlab.app.describe.Describers;
import org.seqlab.app.describe.Description;
import org.seqlab.app.figures.Figure;
import org.seqlab.app.text.Texts;

/**
 * The Describe pane under a figure: the figure's description ({@link Describers}), following the view and the step.
 * Off by default; View → Describe the figure (F4) shows it under every view. The sentences are computed off the FX
 * thread (a big figure's table takes a moment), the newest figure winning.
 */
public final class DescriptionBox extends Label {

    private static final ExecutorService WRITER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "seqlab-describe");
        t.setDaemon(true);
        return t;
    });

    /** At most this share of the view's height: the figure keeps the rest, and a long description scrolls. */
    static final double MOST_OF_HEIGHT = 0.3;

    private final AtomicReference<Figure> latest = new AtomicReference<>();
    private ScrollPane holder;
    private String atCursor = "";
    private final ChangeListener<Boolean> onShown = (o, was, now) -> {
        if (now) {
            follow(latest.get());
        }
    };
    private Description shown;

    DescriptionBox(String id) {
        setId(id + "-description");
        getStyleClass().add("figure-description");
        setWrapText(true);
        setPadding(new Insets(6, 10, 6, 10));
        setMaxWidth(Double.MAX_VALUE);
        setMinWidth(0);
        setPrefWidth(80);   // it takes the width the figure has; its sentences never widen the panel they sit in
        setMinHeight(USE_PREF_SIZE);   // never cut: it scrolls in its holder instead
        // weakly: the setting outlives every window, and must not keep a closed one's views alive
        Describing.SHOWN.addListener(new WeakChangeListener<>(onShown));
    }

    /** Describes {@code f} (when shown), replacing what the box says once the sentences are ready. */
    void follow(Figure f) {
        latest.set(f);
        if (f == null || !Describing.SHOWN.get()) {
            return;
        }
        WRITER.execute(() -> {
            if (latest.get() != f) {
                return;   // a newer figure came while this one waited
            }
            Description d;
            try {
                d = Describers.of(f);
            } catch (RuntimeException e) {
                d = new Description(f.title(), Texts.get("describe.failed", e.getLocalizedMessage()), java.util.List.of());
            }
            Description done = d;
            Platform.runLater(() -> {
                if (latest.get() == f) {
                    shown = done;
                    setText(done.text() + atCursor);
                }
            });
        });
    }

    /** The box as the view holds it: under the figure, at most {@link #MOST_OF_HEIGHT} of {@code view}'s height, scrolling beyond. */
    public Node holder(Region view) {
        if (holder == null) {
            holder = new ScrollPane(this);
            holder.setFitToWidth(true);
            holder.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
            holder.getStyleClass().add("figure-description-holder");
            holder.prefViewportHeightProperty().bind(heightProperty());
            holder.maxHeightProperty().bind(view.heightProperty().multiply(MOST_OF_HEIGHT));
            holder.setMinHeight(0);
            holder.visibleProperty().bind(Describing.SHOWN);
            holder.managedProperty().bind(Describing.SHOWN);
        }
        return holder;
    }

    /** What the keyboard cursor reads, under the description. */
    void cursor(String cell) {
        atCursor = "\n" + Texts.get("describe.cursor", cell);
        if (shown != null) {
            setText(shown.text() + atCursor);
        }
    }

    /** What the box says now (null before the first description). */
    public Description description() {
        return shown;
    }
}
