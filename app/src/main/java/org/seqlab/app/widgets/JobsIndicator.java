package org.seqlab.app.widgets;

import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.seqlab.app.text.Texts;
import org.seqlab.app.work.Background;
import org.seqlab.app.work.Job;

/**
 * The status bar's view of background work: what the newest job does, its progress (indeterminate until it reports)
 * and a button that cancels it. Hidden while nothing runs.
 */
public final class JobsIndicator extends HBox {

    private final Label what = new Label();
    private final ProgressBar bar = new ProgressBar(-1);
    private final Button cancel = new Button(null, new FontIcon("mdi2c-close-circle-outline"));
    private final Background work;
    private Job<?> shown;

    public JobsIndicator(Background work) {
        super(6);
        this.work = work;
        setId("jobs");
        setAlignment(Pos.CENTER_LEFT);
        bar.setPrefWidth(110);
        what.setMinWidth(Label.USE_PREF_SIZE);   // what runs is read whole; the progress bar gives way first
        bar.setMinWidth(40);
        cancel.setId("cancelJob");
        cancel.setTooltip(new Tooltip(Texts.get("jobs.cancel")));
        cancel.getStyleClass().add("flat");
        cancel.setOnAction(e -> {
            if (shown != null) {
                shown.cancel();
            }
        });
        getChildren().addAll(what, bar, cancel);
        work.running().addListener((ListChangeListener<Job<?>>) c -> show(work.running().isEmpty() ? null
                : work.running().get(work.running().size() - 1)));
        show(null);
    }

    private void show(Job<?> job) {
        boolean fresh = job != null && job != shown;
        shown = job;
        setVisible(job != null);
        setManaged(job != null);
        if (job == null) {
            return;
        }
        what.setText(job.what() + "…");
        bar.setProgress(job.share() > 0 ? job.share() : -1);
        if (fresh) {
            work.progressTo(job, share -> {
                if (shown == job) {
                    bar.setProgress(share);
                }
            });
        }
    }
}
