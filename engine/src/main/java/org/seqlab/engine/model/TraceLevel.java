package org.seqlab.engine.model;

/** How much of a forward pass to copy out for viewing. */
public enum TraceLevel {
    /** Nothing: the training loop's setting. */
    NONE,
    /** Every documented intermediate of batch item 0: the setting for the example being inspected. */
    FULL
}
