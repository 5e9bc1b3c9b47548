/** Computations that exist to be looked at: traces of an input, gradient flow through time. */
package org.seqlab.engine.inspect;
