package org.seqlab.app.shell;

import javafx.scene.Node;
import javafx.scene.control.SplitPane;

/**
 * The lesson reader beside the lab: the reader keeps its width when the window grows, the lab takes the rest, and a
 * reader hidden and shown again (F2 twice, F5 twice) comes back exactly where it was. Before, it came back at a width
 * computed afresh, which the split then clamped against the lab's minimum as it stood at that moment: at 1024×768 the
 * lab was 28 px narrower after the toggles than before.
 */
final class ReaderSplit extends SplitPane {

    private final Node reader;
    /** The window's width and the divider's position when the reader was last hidden. */
    private double hiddenWidth = -1;
    private double hiddenDivider;

    ReaderSplit(Node reader, Node lab) {
        super(reader, lab);
        this.reader = reader;
        SplitPane.setResizableWithParent(reader, false);
    }

    boolean readerShown() {
        return getItems().contains(reader);
    }

    /** The reader's width in a window {@code width} wide: its preferred width, a third of the window at most. */
    double readerWidth(double width) {
        javafx.scene.layout.Region r = (javafx.scene.layout.Region) reader;
        return Math.min(r.getPrefWidth(), Math.max(r.getMinWidth(), width * 0.34));
    }

    void showReader(boolean show) {
        if (show && !readerShown()) {
            getItems().add(0, reader);
            if (getWidth() > 0) {
                setDividerPositions(getWidth() == hiddenWidth ? hiddenDivider : readerWidth(getWidth()) / getWidth());
            }
        } else if (!show && readerShown()) {
            hiddenWidth = getWidth();
            hiddenDivider = getDividerPositions()[0];
            getItems().remove(reader);
        }
    }
}
