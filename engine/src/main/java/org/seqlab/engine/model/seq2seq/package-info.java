/**
 * The encoder–decoder: a GRU encoder whose final state starts a GRU decoder, with or without attention over the
 * encoder's states (dot-product or additive scores). Forward and backward by hand, like every layer here.
 */
package org.seqlab.engine.model.seq2seq;
