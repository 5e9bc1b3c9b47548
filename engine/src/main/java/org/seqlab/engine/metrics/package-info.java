/** Losses in nats, bits per character or per dimension, perplexity, and KL to a known source. */
package org.seqlab.engine.metrics;
