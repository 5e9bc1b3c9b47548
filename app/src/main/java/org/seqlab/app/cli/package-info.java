/** The headless commands: train, score, sample. They share the engine with the lab and need no display. */
package org.seqlab.app.cli;
