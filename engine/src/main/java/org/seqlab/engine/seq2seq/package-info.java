/**
 * Sequence-to-sequence tasks with exact references (reverse, sort, copy, dates, numbers), their splits, training
 * an encoder–decoder on them with teacher forcing, greedy and beam decoding, and the metrics: token accuracy,
 * exact match, bits per target token and corpus BLEU.
 */
package org.seqlab.engine.seq2seq;
