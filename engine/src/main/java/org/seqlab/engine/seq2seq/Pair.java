package org.seqlab.engine.seq2seq;

/** One example: a source and its exact reference. */
public record Pair(String source, String target) {
}
