/** Masked convolutions: the mask kernels, the gated activation, a WaveNet-style causal stack, the plain and gated PixelCNN. */
package org.seqlab.engine.model.conv;
