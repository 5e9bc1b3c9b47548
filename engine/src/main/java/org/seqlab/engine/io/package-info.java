/**
 * Files the user trusts SeqLab with, and files SeqLab must not trust: {@link org.seqlab.engine.io.AtomicFile} writes so
 * that a path always holds either the old complete file or the new one, and {@link org.seqlab.engine.io.BoundedZip}
 * reads a saved model or run with every entry capped before a byte of it is kept.
 */
package org.seqlab.engine.io;
