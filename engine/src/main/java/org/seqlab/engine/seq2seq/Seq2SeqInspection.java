package org.seqlab.engine.seq2seq;

import java.util.LinkedHashMap;
import java.util.List;

/** The inspected source, its reference, and each model's output for it. */
public record Seq2SeqInspection(String source, String reference, List<Run> runs) {

    /** Where one model looked and what it kept, for the source. */
    public record Run(String id, String label, boolean attends, String output, double[][] weights, double[][] encoderStates,
            double[] context, LinkedHashMap<String, double[][]> heads) {
    }
}
