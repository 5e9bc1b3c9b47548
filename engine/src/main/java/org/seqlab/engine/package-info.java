/**
 * SeqLab's engine: models, training, sampling, metrics, data and inspection on ND4J. It never imports
 * JavaFX; the app module depends on it, never the reverse. {@link org.seqlab.engine.Engine#start()} loads
 * ND4J with the thread settings every entry point shares.
 */
package org.seqlab.engine;
