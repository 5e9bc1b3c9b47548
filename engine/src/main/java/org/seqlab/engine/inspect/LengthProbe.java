package org.seqlab.engine.inspect;

import java.util.ArrayList;
import java.util.List;
import org.seqlab.engine.data.DataSource;
import org.seqlab.engine.metrics.Metrics;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.train.ModelRun;
import org.seqlab.engine.train.TrainingSession;

/**
 * How well the text models do on windows longer than they were trained on: validation bits per character on windows
 * of 1, 2 and 4 times the training length T, measured on the trained models. A recurrent model reads any length; a
 * causal convolution's field is fixed, so it sees no more context however long the window; a Transformer cannot
 * read past its context at all (its positions end there), which is marked, not measured.
 */
public final class LengthProbe {

    public static final int[] MULTIPLES = {1, 2, 4};

    /**
     * One model's curve.
     *
     * @param bits  bits per character at each length, NaN where the model cannot read that far
     * @param limit the model's reach in tokens: a Transformer's context, a convolution's receptive field; 0 for none
     */
    public record Curve(String id, String label, Family family, int[] lengths, double[] bits, int limit) {
    }

    private LengthProbe() {
    }

    /** Every text model of the session at 1T, 2T and 4T (on the engine thread). */
    public static List<Curve> measure(TrainingSession session) {
        DataSource data = session.data();
        int t = session.config().steps();
        List<Curve> out = new ArrayList<>();
        for (ModelRun run : session.runs()) {
            ModelConfig c = run.config().model();
            if (c.family().image()) {
                continue;
            }
            int limit = c.family() == Family.TRANSFORMER ? c.context() : c.family() == Family.CONV1D ? c.receptiveField() : 0;
            int[] lengths = new int[MULTIPLES.length];
            double[] bits = new double[MULTIPLES.length];
            for (int k = 0; k < MULTIPLES.length; k++) {
                lengths[k] = MULTIPLES[k] * t;
                boolean reachable = (c.family() != Family.TRANSFORMER || lengths[k] <= c.context()) && lengths[k] <= data.maxSteps();
                bits[k] = reachable ? Metrics.bits(run.meanLoss(data.validationBatches(8, lengths[k], 4))) : Double.NaN;
            }
            out.add(new Curve(run.id(), c.describe(), c.family(), lengths, bits, limit));
        }
        return out;
    }
}
