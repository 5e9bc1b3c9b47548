/**
 * The recurrent layers — the vanilla RNN cell, the GRU and the LSTM with its input, forget and output gates — behind one
 * {@link org.seqlab.engine.model.rnn.RecurrentLayer} contract, and the recurrent language model that stacks any of them.
 */
package org.seqlab.engine.model.rnn;
