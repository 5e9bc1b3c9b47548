/** Layers shared by the families, each with a hand-written forward and backward: embedding, linear, softmax cross-entropy. */
package org.seqlab.engine.model.layers;
