/**
 * Decoding from any model, one step at a time: greedy, temperature, top-k and top-p sampling with every
 * intermediate distribution kept ({@link org.seqlab.engine.sample.Decoder}), beam search with its whole tree
 * ({@link org.seqlab.engine.sample.BeamSearch}), and strategies compared on many samples
 * ({@link org.seqlab.engine.sample.StrategyComparison}).
 */
package org.seqlab.engine.sample;
