package org.seqlab.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.seqlab.engine.data.DataSource;
import org.seqlab.engine.data.Vocabulary;
import org.seqlab.engine.inspect.Ablation;
import org.seqlab.engine.inspect.Inspection;
import org.seqlab.engine.inspect.OrderBlindness;
import org.seqlab.engine.inspect.TakeApart;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.transformer.TransformerModel;
import org.seqlab.engine.train.ModelRun;
import org.seqlab.engine.train.RunConfig;
import org.seqlab.engine.train.TrainConfig;
import org.seqlab.engine.train.TrainingSession;

/**
 * How long the lab's inspection takes on the lab's own models (its default LSTM and Transformer, its default window and
 * validation batches, on Moby-Dick): the views' trace of the inspected text with its gradients, and each Take apart
 * tool, called as the lab's engine port calls them. The median of five calls after one untimed call; the views ask
 * for these on the engine thread between training steps, so each is a pause in training and a wait for the view.
 */
final class InspectionTimes {

    /** Continuations the Take apart views generate (the app's TakeApartFigures: 60 symbols at temperature 0.8). */
    private static final int SAMPLE_LENGTH = 60;
    private static final double TEMPERATURE = 0.8;

    private InspectionTimes() {
    }

    static void print(DataSource data) {
        TrainingSession session = new TrainingSession(data, TrainConfig.defaults(),
                List.of(RunConfig.defaults(Family.LSTM), RunConfig.defaults(Family.TRANSFORMER)));
        System.out.println();
        System.out.println("Inspection on the lab's default models, ms (median of 5):");
        System.out.println();
        System.out.println("| model | views' trace with gradients | ablation (a part off, validation and sample) | patching | logit lens | induction scores | permuted input |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        String text = data.examples().get(0);
        for (ModelRun run : session.runs()) {
            int[] tokens = session.encodeFor(run, text);
            Vocabulary v = session.dataOf(run).vocabulary();
            String prompt = text.substring(0, text.offsetByCodePoints(0, 1));
            Ablation part = Ablation.parts(run.config().model()).get(0);
            List<String> cells = new ArrayList<>();
            cells.add(ms(() -> Inspection.of(run.model(), tokens, -1)));
            cells.add(ms(() -> TakeApart.compare(run.label(), run.model(), v, tokens, session.validation(run), part, prompt, SAMPLE_LENGTH,
                    TEMPERATURE, 1)));
            cells.add(ms(() -> TakeApart.patch(run.label(), run.model(), v, tokens, tokens.length / 2, false, SAMPLE_LENGTH, TEMPERATURE, 1)));
            if (run.model() instanceof TransformerModel t) {
                cells.add(ms(() -> TakeApart.lens(run.label(), t, v, tokens)));
                cells.add(ms(() -> TakeApart.inductionScores(t)));
                cells.add(ms(() -> OrderBlindness.of(run.label(), t, v, tokens)));
            } else {
                cells.addAll(List.of("–", "–", "–"));
            }
            System.out.println("| " + run.label() + " | " + String.join(" | ", cells) + " |");
        }
    }

    private static String ms(Supplier<?> work) {
        work.get();
        double[] times = new double[5];
        for (int i = 0; i < times.length; i++) {
            long t0 = System.nanoTime();
            work.get();
            times[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(times);
        return String.format(Locale.ROOT, "%.1f", times[2]);
    }
}
