/**
 * The encoder–decoders' data: sequence-to-sequence tasks with exact references (reverse, sort, copy, dates, numbers),
 * their seeded splits with held-out and longer sources, the tasks' vocabulary, and teacher-forced batches of pairs.
 */
package org.seqlab.engine.data.tasks;
