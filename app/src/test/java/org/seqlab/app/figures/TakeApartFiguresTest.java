package org.seqlab.app.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqlab.app.export.FigureText;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.DataSource;
import org.seqlab.engine.data.Vocabulary;
import org.seqlab.engine.data.catalog.DataSources;
import org.seqlab.engine.inspect.Ablation;
import org.seqlab.engine.inspect.TakeApart;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.Positional;
import org.seqlab.engine.model.transformer.TransformerModel;
import org.seqlab.engine.train.ModelRun;
import org.seqlab.engine.train.OptimizerConfig;
import org.seqlab.engine.train.RunConfig;
import org.seqlab.engine.train.TrainConfig;
import org.seqlab.engine.train.TrainingSession;

/**
 * The "Take apart" figures drawn from real (briefly trained) models at the sizes the lab and an export give them, in both
 * styles: nothing cut to "…", no text over text or past an edge, and their numbers in their tables.
 */
class TakeApartFiguresTest {

    @Test
    void switchOffPatchingLensAndHeadsLayOutCleanly() throws Exception {
        Engine.start();
        DataSource data = DataSources.open("synthetic:repeat");
        TrainingSession s = new TrainingSession(data, new TrainConfig(8, 48, 1, 10, 1), List.of(
                new RunConfig(new ModelConfig(Family.TRANSFORMER, 0, 32, 2, 4, 48, Positional.SINUSOIDAL), OptimizerConfig.defaults()),
                new RunConfig(new ModelConfig(Family.LSTM, 16, 32, 1), OptimizerConfig.defaults())));
        for (int i = 0; i < 20; i++) {
            s.trainStep();
        }
        ModelRun t = s.runs().get(0);
        ModelRun lstm = s.runs().get(1);
        Vocabulary v = data.vocabulary();
        String text = data.examples().get(0);
        int[] tokens = v.encode(text.substring(0, 48));
        var validation = data.validationBatches(8, 48, 1);
        List<Figure> figures = new ArrayList<>();
        figures.add(new AblationFigure(new AblationFigure.Input(TakeApart.compare(lstm.label(), lstm.model(), v, tokens, validation,
                new Ablation(Ablation.Part.GATE, 0, 1), "a", TakeApartFigures.SAMPLE_LENGTH, 0.8, 3), 20)));
        figures.add(new AblationFigure(new AblationFigure.Input(TakeApart.compare(t.label(), t.model(), v, tokens, validation,
                new Ablation(Ablation.Part.HEAD, 1, 3), "a", TakeApartFigures.SAMPLE_LENGTH, 0.8, 3), 20)));
        figures.add(new PatchingFigure(new PatchingFigure.Input(TakeApart.patch(lstm.label(), lstm.model(), v, tokens, 4,
                false, TakeApartFigures.SAMPLE_LENGTH, 0.8, 3), "the state", 20)));
        figures.add(new LogitLensFigure(new LogitLensFigure.Input(t.label(), TakeApart.lens(t.label(), (TransformerModel) t.model(), v, tokens), 20)));
        figures.add(new InductionFigure(new InductionFigure.Input(t.label(), TakeApart.inductionScores(t.model()), 20)));

        assertThat(figures.get(0).table().rows()).hasSize(47);
        assertThat(figures.get(3).table().rows()).hasSize(3 * 47);
        assertThat(figures.get(4).table().rows()).hasSize(8);
        List<String> problems = FigureText.problemsAtSizes(figures, new double[][] {{760, 520}, {900, 560}, {1200, 700}});
        assertThat(problems).isEmpty();
    }
}
