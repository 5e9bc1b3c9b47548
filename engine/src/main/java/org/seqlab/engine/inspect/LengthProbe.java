package org.seqlab.engine.inspect;

import java.util.ArrayList;
import java.util.List;
import org.seqlab.engine.data.DataSource;
import org.seqlab.engine.metrics.Metrics;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.Positional;
import org.seqlab.engine.model.SequenceModel;
import org.seqlab.engine.model.build.Models;
import org.seqlab.engine.train.ModelRun;
import org.seqlab.engine.train.TrainingSession;

/**
 * How well the text models do on windows longer than they were trained on: validation bits per character on windows
 * of 1, 2 and 4 times the training length T, measured on the trained models. A recurrent model reads any length; a
 * causal convolution's field is fixed, so it sees no more context however long the window. A Transformer with a
 * learned position table has no row past its context: that is marked, not measured. One with sinusoidal positions (or
 * none) has nothing tied to its length but the lab's fixed context, so it is measured past it on a copy of the trained
 * weights built with a longer context: the same function, asked about positions it never trained on.
 */
public final class LengthProbe {

    public static final int[] MULTIPLES = {1, 2, 4};

    /**
     * One model's curve.
     *
     * @param bits  bits per character at each length, NaN where the model cannot read that far
     * @param limit the model's reach in tokens: a Transformer's context, a convolution's receptive field; 0 for none
     * @param past  whether it is measured past {@code limit} (a Transformer without a learned table: on positions it never trained on)
     */
    public record Curve(String id, String label, Family family, int[] lengths, double[] bits, int limit, boolean past) {
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
                bits[k] = bits(run, session.dataOf(run), lengths[k]);
            }
            out.add(new Curve(run.id(), c.describe(), c.family(), lengths, bits, limit, extendable(c)));
        }
        return out;
    }

    /**
     * Validation bits per symbol of a trained model on windows {@code length} long; NaN where it cannot read that far (a
     * learned position table past its rows, or longer than the source's longest window).
     */
    public static double bits(ModelRun run, DataSource data, int length) {
        ModelConfig c = run.config().model();
        if (length > data.maxSteps() || c.family() == Family.TRANSFORMER && length > c.context() && !extendable(c)) {
            return Double.NaN;
        }
        SequenceModel model = run.model();
        if (c.family() == Family.TRANSFORMER && length > c.context()) {
            // the sinusoids (or no positions) are defined for any position: the same weights, a longer context
            model = Models.create(c.withContext(length), model.spec().vocabSize(), 1);
            model.parameters().assign(run.model().parameters().toArray());
        }
        return Metrics.bits(ModelRun.meanLoss(model, data.validationBatches(8, length, 4)));
    }

    /** A Transformer whose weights do not depend on its context: no learned table of positions. */
    private static boolean extendable(ModelConfig c) {
        return c.family() == Family.TRANSFORMER && c.positional() != Positional.LEARNED;
    }
}
