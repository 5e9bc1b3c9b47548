/** Decoding from any model: greedy and temperature sampling, one step at a time. */
package org.seqlab.engine.sample;
