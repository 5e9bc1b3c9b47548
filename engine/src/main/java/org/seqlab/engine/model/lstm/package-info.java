/** The LSTM cell with input, forget and output gates. */
package org.seqlab.engine.model.lstm;
