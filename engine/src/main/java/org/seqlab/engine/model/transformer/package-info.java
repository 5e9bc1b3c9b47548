/** The decoder-only Transformer: multi-head causal self-attention, MLP, pre-LN blocks, positional encodings, a KV cache. */
package org.seqlab.engine.model.transformer;
