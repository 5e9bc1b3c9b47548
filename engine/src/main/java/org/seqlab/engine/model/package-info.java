/**
 * The {@link org.seqlab.engine.model.SequenceModel} contract every family answers, its value types
 * (Forward, Trace, Step) and the flat {@link org.seqlab.engine.model.Parameters}. One sub-package per family.
 */
package org.seqlab.engine.model;
