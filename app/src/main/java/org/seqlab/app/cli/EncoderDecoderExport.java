package org.seqlab.app.cli;

import java.util.ArrayList;
import java.util.List;
import org.seqlab.app.figures.AlignmentFigure;
import org.seqlab.app.figures.BottleneckFigure;
import org.seqlab.app.figures.Figure;
import org.seqlab.engine.seq2seq.Seq2SeqExperiment;
import org.seqlab.engine.seq2seq.Seq2SeqRun;
import org.seqlab.engine.seq2seq.Translator;

/** A scene on a task trained as the encoder–decoder lab trains it, and its figures: the bottleneck, and each model's view of the input. */
final class EncoderDecoderExport {

    private EncoderDecoderExport() {
    }

    /** The figures after {@code train} steps of the scene's models, with {@code seed} in place of the scene's if given. */
    static List<Figure> figures(Seq2SeqExperiment.Spec spec, int train, String inspect, Long seed) {
        if (seed != null) {
            spec = spec.withSeed(seed);
        }
        Seq2SeqExperiment e = new Seq2SeqExperiment(spec);
        while (e.step() < train) {
            e.trainStep();
        }
        List<Seq2SeqExperiment.Measured> measured = e.measure();
        List<Figure> out = new ArrayList<>();
        out.add(BottleneckFigure.of(spec.task(), measured));
        String source = inspect != null ? inspect : e.data().validation().get(0).source();
        for (int i = 0; i < e.runs().size(); i++) {
            Seq2SeqRun r = e.runs().get(i);
            Translator.Decoded d = r.greedy(List.of(source)).get(0);
            Translator.EncoderView v = r.translator().encoderView(source);
            out.add(new AlignmentFigure(new AlignmentFigure.Input(Seq2SeqExperiment.id(i), r.model().config().describe(), source, d.text(),
                    spec.task().reference(source), d.weights(), v.states(), v.context(), -1)));
        }
        return out;
    }
}
