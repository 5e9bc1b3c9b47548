package org.seqlab.app.views;

import java.util.function.Consumer;
import org.seqlab.app.lab.LabModel;

/**
 * What every view is given: the lab's view-model (snapshots, the port, background work), the status line, and the
 * decoding settings the decoding views share.
 */
public record ViewContext(LabModel lab, Consumer<String> status, DecodingKnobs decoding) {
}
