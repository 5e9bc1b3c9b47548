/**
 * Work that follows training on the engine thread, as {@link org.seqlab.engine.train.Trainer.Follower}s: the samples
 * the lab shows beside the loss ({@link org.seqlab.engine.follow.SamplesFollower}) and the traces of the input the
 * views inspect ({@link org.seqlab.engine.follow.InspectionFollower}). The trainer calls them without knowing what
 * they do; their commands (a new input, a new temperature) run on the engine thread through
 * {@link org.seqlab.engine.train.Trainer#execute}.
 */
package org.seqlab.engine.follow;
