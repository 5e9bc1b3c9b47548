package org.seqlab.app.widgets;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/** Whether every view shows its description under the figure (View → Describe the figure, F4; {@code --describe}). */
public final class Describing {

    /** Set before the window exists (by {@code --describe}) or by the menu; the Describe panes follow it. */
    public static final BooleanProperty SHOWN = new SimpleBooleanProperty(false);

    private Describing() {
    }
}
