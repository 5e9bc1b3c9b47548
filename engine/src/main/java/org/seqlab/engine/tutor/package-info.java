/**
 * The tutor: diagnoses of a training run from SeqLab's own measurements ({@link org.seqlab.engine.tutor.Tutor}), each a
 * {@link org.seqlab.engine.tutor.vocabulary.Cause} from a fixed vocabulary with the numbers that raised it, and the
 * counter-experiment that tests it ({@link org.seqlab.engine.tutor.CounterExperiment}): the fix trained beside the
 * original on the same batches and judged by a scene's point.
 */
package org.seqlab.engine.tutor;

import org.seqlab.engine.tutor.vocabulary.Cause;
