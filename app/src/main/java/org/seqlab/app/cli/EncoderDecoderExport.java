package org.seqlab.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.seqlab.app.figures.AlignmentFigure;
import org.seqlab.app.figures.BottleneckFigure;
import org.seqlab.app.figures.Figure;
import org.seqlab.engine.seq2seq.Seq2SeqExperiment;
import org.seqlab.engine.seq2seq.Seq2SeqInspection;
import org.seqlab.engine.seq2seq.Seq2SeqTrainer;
import org.seqlab.engine.train.EngineThread;

/**
 * A scene on a task trained by the encoder–decoder lab's own session (as the window and {@code check-lessons} train it),
 * and its figures as the window draws them: the bottleneck, and each model's view of the inspected source.
 */
final class EncoderDecoderExport {

    /** A figure and the name its files take: {@code bottleneck}, {@code alignment-A} … */
    record Part(String name, Figure figure) {
    }

    private EncoderDecoderExport() {
    }

    /**
     * The figures after {@code train} steps of the scene's models, with {@code seed} in place of the scene's if given,
     * trained on {@code thread} (the export's engine thread).
     */
    static List<Part> figures(EngineThread thread, Seq2SeqExperiment.Spec spec, int train, String inspect, Long seed) throws Exception {
        Seq2SeqExperiment.Spec s = seed != null ? spec.withSeed(seed) : spec;
        try (Seq2SeqTrainer session = new Seq2SeqTrainer(thread)) {
            session.setUp(s).get(10, TimeUnit.MINUTES);
            if (inspect != null) {
                session.inspect(inspect).get(10, TimeUnit.MINUTES);
            }
            Seq2SeqTrainer.Snapshot done = session.latest();
            if (train > 0) {
                session.train(train);
                done = session.whenMeasured(train).get(2, TimeUnit.HOURS);   // a hang guard; training ends it
            }
            List<Part> out = new ArrayList<>();
            out.add(new Part("bottleneck", BottleneckFigure.of(s.task(), done.measured() == null ? List.of() : done.measured())));
            Seq2SeqInspection in = done.inspection();
            for (Seq2SeqInspection.Run r : in.runs()) {
                out.add(new Part("alignment-" + r.id(), new AlignmentFigure(new AlignmentFigure.Input(r.id(), r.label(), in.source(), r.output(),
                        in.reference(), r.weights(), r.encoderStates(), r.context(), -1))));
            }
            return out;
        }
    }
}
