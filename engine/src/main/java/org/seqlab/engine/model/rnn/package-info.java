/** The vanilla RNN cell and the recurrent language model that stacks any recurrent layer. */
package org.seqlab.engine.model.rnn;
