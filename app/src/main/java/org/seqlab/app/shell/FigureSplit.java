package org.seqlab.app.shell;

import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import org.seqlab.app.widgets.FigurePane;

/**
 * The loss chart and the views: the chart above the views where the room is tall enough for both, beside them where
 * it is low (a 1280×720 or 1024×768 projector) — stacked there, each would get a strip of 200 px. "Low" is measured in
 * the figures' type: presenting on a 1920×1080 projector the type is 2.25 times larger, and so is the height stacking needs.
 */
final class FigureSplit extends SplitPane {

    /** The height of the room below which chart and views go side by side. */
    static final double STACKED_HEIGHT = 760;

    private final FigurePane chart;

    FigureSplit(FigurePane chart, Node views) {
        super(chart, views);
        this.chart = chart;
        chart.canvas().figureStyleProperty().addListener((o, a, b) -> arrange());
        setOrientation(Orientation.VERTICAL);
        setDividerPositions(0.42);
        widthProperty().addListener((o, a, b) -> arrange());
        heightProperty().addListener((o, a, b) -> arrange());
    }

    private void arrange() {
        double w = getWidth();
        double h = getHeight();
        if (w <= 0 || h <= 0) {
            return;
        }
        double stacked = STACKED_HEIGHT * chart.canvas().figureStyle().typeScale();
        Orientation wanted = h < stacked && w >= 1.3 * h ? Orientation.HORIZONTAL : Orientation.VERTICAL;
        // stacked in a low room (the lessons beside the lab at 1024×768), the chart's toolbar, legend and time line
        // leave its plot a strip unless it gets half
        double divider = wanted == Orientation.HORIZONTAL ? 0.36 : h < stacked ? 0.5 : 0.42;
        String arrangement = wanted + " " + divider;
        if (!arrangement.equals(arranged)) {
            arranged = arrangement;
            setOrientation(wanted);
            setDividerPositions(divider);
        }
    }

    private String arranged = Orientation.VERTICAL + " 0.42";
}
