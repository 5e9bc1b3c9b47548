/**
 * Training encoder–decoders on the tasks of {@link org.seqlab.engine.data.tasks} with teacher forcing, greedy and beam
 * decoding, the metrics (token accuracy, exact match, bits per target token, corpus BLEU), the encoder–decoder lab's
 * experiments and engine thread, and saved {@code .seq2seq} files.
 */
package org.seqlab.engine.seq2seq;
