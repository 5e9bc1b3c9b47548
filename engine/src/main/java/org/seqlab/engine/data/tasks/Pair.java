package org.seqlab.engine.data.tasks;

/** One example: a source and its exact reference. */
public record Pair(String source, String target) {
}
