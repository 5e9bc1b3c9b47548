/**
 * The tutor's vocabulary: the {@link org.seqlab.engine.tutor.vocabulary.Cause}s it can name and a
 * {@link org.seqlab.engine.tutor.vocabulary.Diagnosis} with its evidence. Plain data, apart from the tutor that reads
 * training ({@code org.seqlab.engine.tutor}), so that the lab's snapshots can carry diagnoses.
 */
package org.seqlab.engine.tutor.vocabulary;
