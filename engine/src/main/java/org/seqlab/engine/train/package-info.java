/**
 * Adam with clipping and schedules, runs trained side by side on the same batches
 * ({@link org.seqlab.engine.train.TrainingSession}), and the {@link org.seqlab.engine.train.Trainer} thread
 * that publishes immutable snapshots for the UI.
 */
package org.seqlab.engine.train;
