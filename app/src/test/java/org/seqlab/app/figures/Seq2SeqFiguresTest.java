package org.seqlab.app.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqlab.app.export.FigureText;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.tasks.Task;
import org.seqlab.engine.model.seq2seq.Attention;
import org.seqlab.engine.model.seq2seq.Seq2SeqConfig;
import org.seqlab.engine.seq2seq.Seq2SeqExperiment;
import org.seqlab.engine.seq2seq.Translator;

/**
 * The encoder–decoder figures drawn from real (briefly trained) models at the sizes the window and an export give
 * them, in both styles: nothing cut to "…", no text over text or past an edge, and the numbers in their tables.
 */
class Seq2SeqFiguresTest {

    @Test
    void theBottleneckAndAlignmentFiguresLayOutCleanly() {
        Engine.start();
        Seq2SeqExperiment e = new Seq2SeqExperiment(new Seq2SeqExperiment.Spec(Task.DATES, List.of(new Seq2SeqConfig(Seq2SeqConfig.Kind.GRU, null, 8, 16),
                new Seq2SeqConfig(Seq2SeqConfig.Kind.ATTENTION, Attention.Score.ADDITIVE, 8, 16)), 8, 2, 3e-3));
        for (int i = 0; i < 20; i++) {
            e.trainStep();
        }
        List<Seq2SeqExperiment.Measured> m = e.measure();
        List<Figure> figures = new ArrayList<>();
        figures.add(BottleneckFigure.of(Task.DATES, m));
        String source = "Wednesday, November 3, 1999";
        for (int i = 0; i < 2; i++) {
            var r = e.runs().get(i);
            Translator.Decoded d = r.greedy(List.of(source)).get(0);
            Translator.EncoderView v = r.translator().encoderView(source);
            figures.add(new AlignmentFigure(new AlignmentFigure.Input(Seq2SeqExperiment.id(i), r.model().config().describe(), source, d.text(),
                    Task.DATES.reference(source), d.weights(), v.states(), v.context(), 0)));
        }
        assertThat(figures.get(0).table().rows()).hasSizeGreaterThan(10);
        assertThat(figures.get(2).table().columns()).hasSize(source.length() + 1);
        assertThat(figures.get(1).table().rows()).hasSize(16);
        List<String> problems = FigureText.problemsAtSizes(figures, new double[][] {{620, 560}, {900, 560}, {1200, 700}});
        assertThat(problems).isEmpty();
    }
}
