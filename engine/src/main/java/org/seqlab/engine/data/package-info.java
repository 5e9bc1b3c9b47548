/** Vocabularies, built-in corpora, the user's text files, synthetic sources with exact entropies, batching. */
package org.seqlab.engine.data;
