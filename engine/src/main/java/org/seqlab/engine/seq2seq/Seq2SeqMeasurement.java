package org.seqlab.engine.seq2seq;

import java.util.List;

/** Every model measured at one step, and when (System.nanoTime()). */
public record Seq2SeqMeasurement(int step, long nanoTime, List<Seq2SeqExperiment.Measured> measured) {
}
