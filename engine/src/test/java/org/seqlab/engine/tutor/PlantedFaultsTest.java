package org.seqlab.engine.tutor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.DataSource;
import org.seqlab.engine.data.catalog.DataSources;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.Positional;
import org.seqlab.engine.train.OptimizerConfig;
import org.seqlab.engine.train.RunConfig;
import org.seqlab.engine.train.Schedule;
import org.seqlab.engine.train.TrainConfig;
import org.seqlab.engine.train.TrainingSession;
import org.seqlab.engine.tutor.vocabulary.Cause;
import org.seqlab.engine.tutor.vocabulary.Diagnosis;

/**
 * The tutor on runs with a fault planted on purpose, one or more for every cause it knows, and on healthy ones: of the
 * 14 faulted runs it must name the planted cause first in at least 12, confirm it by its counter-experiment in at
 * least 10 (the bar was 10 and 8 of 12), and say nothing about the healthy runs.
 * The table it writes to target/tutor-confusion.md is the README's.
 */
@Tag("slow")
class PlantedFaultsTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        Engine.start();
    }

    /** One run: its data, model and optimiser, how long it trains, and the cause planted in it (null: healthy). */
    record Planted(String name, String data, RunConfig run, int batch, int seq, int steps, Cause planted) {
    }

    private static RunConfig run(ModelConfig m, double lr, double clip, OptimizerConfig.Method method) {
        return new RunConfig(m, OptimizerConfig.of(lr, Schedule.CONSTANT, 100, 3000, clip > 0, clip > 0 ? clip : 1, method));
    }

    private static RunConfig adam(ModelConfig m, double lr) {
        return run(m, lr, 1, OptimizerConfig.Method.ADAM);
    }

    private static ModelConfig recurrent(Family f, int hidden) {
        return new ModelConfig(f, 0, hidden, 1);
    }

    private static ModelConfig transformer(int width, int layers, int context, Positional p) {
        return new ModelConfig(Family.TRANSFORMER, 0, width, layers, 4, context, p);
    }

    static List<Planted> runs(Path smallText) {
        return List.of(
                new Planted("an LSTM at lr 5 without clipping", "names", run(recurrent(Family.LSTM, 64), 5, 0, OptimizerConfig.Method.ADAM), 16, 32, 100, Cause.DIVERGED),
                new Planted("an LSTM at lr 1e-6", "names", adam(recurrent(Family.LSTM, 64), 1e-6), 16, 32, 150, Cause.LR_TOO_LOW),
                new Planted("an RNN at lr 0.05", "names", adam(recurrent(Family.RNN, 64), 0.05), 16, 32, 300, Cause.LR_TOO_HIGH),
                new Planted("an RNN by SGD at lr 4, clipped", "names", run(recurrent(Family.RNN, 128), 4, 1, OptimizerConfig.Method.SGD), 16, 32, 200, Cause.LR_TOO_HIGH),
                new Planted("an RNN on delayed recall", "synthetic:recall", adam(recurrent(Family.RNN, 64), 3e-3), 16, 64, 800, Cause.VANISHING_GRADIENT),
                new Planted("a six-layer RNN at lr 0.1", "names", adam(new ModelConfig(Family.RNN, 0, 64, 6), 0.1), 16, 32, 150, Cause.EXPLODING_GRADIENT),
                new Planted("a three-layer RNN at lr 0.2", "names", adam(new ModelConfig(Family.RNN, 0, 64, 3), 0.2), 16, 32, 200, Cause.DEAD_UNITS),
                new Planted("an LSTM at lr 0.05", "names", adam(recurrent(Family.LSTM, 64), 0.05), 16, 32, 200, Cause.SATURATED_GATES),
                new Planted("a 512-wide LSTM on 2 KB of text", smallText.toString(), adam(recurrent(Family.LSTM, 512), 3e-3), 16, 32, 300, Cause.OVERFITTING),
                new Planted("a 4-unit RNN on names", "names", adam(recurrent(Family.RNN, 4), 3e-3), 16, 32, 700, Cause.UNDERFITTING),
                new Planted("a Transformer without positions on the order task", "synthetic:order",
                        adam(transformer(64, 1, 32, Positional.NONE), 0.01), 32, 32, 250, Cause.NO_POSITIONS),
                new Planted("a one-layer kernel-2 convolution on names", "names", adam(ModelConfig.conv1d(64, 1, 2, false), 3e-3), 16, 32, 300, Cause.CONTEXT_TOO_SHORT),
                new Planted("a three-layer convolution on the repeat task", "synthetic:repeat", adam(ModelConfig.conv1d(64, 3, 2, true), 3e-3), 16, 64, 300, Cause.CONTEXT_TOO_SHORT),
                new Planted("a GRU on delayed recall", "synthetic:recall", adam(recurrent(Family.GRU, 64), 3e-3), 16, 64, 300, Cause.LONG_RANGE_MISSED),
                // healthy: the lab's defaults, on data they suit
                new Planted("the lab's LSTM on names", "names", RunConfig.defaults(Family.LSTM), 16, 32, 300, null),
                new Planted("the lab's GRU on names", "names", RunConfig.defaults(Family.GRU), 16, 32, 300, null),
                new Planted("the lab's Transformer on the repeat task", "synthetic:repeat", RunConfig.defaults(Family.TRANSFORMER)
                        .withModel(transformer(64, 2, 64, Positional.SINUSOIDAL)), 16, 64, 300, null),
                new Planted("the lab's dilated convolution on names", "names", RunConfig.defaults(Family.CONV1D), 16, 32, 300, null));
    }

    @Test
    void theTutorNamesThePlantedCauseFirstConfirmsItAndLeavesHealthyRunsAlone() throws Exception {
        Path small = dir.resolve("small.txt");
        String harbour = Files.readString(Path.of("../lessons/16-generalisation/harbour.txt"), StandardCharsets.UTF_8);
        Files.writeString(small, harbour.substring(0, 2048), StandardCharsets.UTF_8);
        List<String> rows = new ArrayList<>();
        Map<String, Map<String, Integer>> confusion = new TreeMap<>();
        int faulted = 0;
        int namedFirst = 0;
        int confirmed = 0;
        List<String> healthyComplaints = new ArrayList<>();
        assertThat(runs(small).stream().map(Planted::planted).filter(java.util.Objects::nonNull).distinct())
                .as("every cause has a planted run").containsExactlyInAnyOrder(Cause.values());
        for (Planted p : runs(small)) {
            DataSource data = DataSources.open(p.data());
            TrainConfig config = new TrainConfig(p.batch(), p.seq(), 1, 25, 4);
            TrainingSession session = new TrainingSession(data, config, List.of(p.run()));
            for (int s = 0; s < p.steps() && session.runs().get(0).status() == org.seqlab.engine.train.ModelRun.Status.OK; s++) {
                session.trainStep();
            }
            session.evaluate();
            List<Diagnosis> found = Tutor.diagnose(session, 0);
            String first = found.isEmpty() ? "(nothing)" : found.get(0).cause().id();
            String planted = p.planted() == null ? "(healthy)" : p.planted().id();
            confusion.computeIfAbsent(planted, k -> new TreeMap<>()).merge(first, 1, Integer::sum);
            String verdict = "";
            if (p.planted() == null) {
                if (!found.isEmpty()) {
                    healthyComplaints.add(p.name() + ": " + found.get(0).says());
                }
            } else {
                faulted++;
                boolean named = !found.isEmpty() && found.get(0).cause() == p.planted();
                namedFirst += named ? 1 : 0;
                CounterExperiment.Verdict v = CounterExperiment.of(p.planted(), p.run()).run(data, config, p.run(), session.stepsTaken());
                confirmed += v.confirmed() ? 1 : 0;
                verdict = (v.confirmed() ? "confirmed" : "rejected") + ": " + v.says().replace("|", "/");
            }
            rows.add("| " + p.name() + " | " + planted + " | " + first + " | " + verdict + " |");
        }
        StringBuilder table = new StringBuilder("| run | planted | named first | counter-experiment |\n|---|---|---|---|\n");
        rows.forEach(r -> table.append(r).append('\n'));
        table.append("\nPlanted cause (rows) against the cause named first (columns):\n\n");
        confusion.forEach((planted, named) -> table.append("- ").append(planted).append(" → ").append(named).append('\n'));
        table.append(String.format("%nNamed first %d of %d; confirmed %d of %d; healthy runs with a diagnosis: %d of 4.%n",
                namedFirst, faulted, confirmed, faulted, healthyComplaints.size()));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/tutor-confusion.md"), table);
        System.out.println(table);
        assertThat(healthyComplaints).as("diagnoses on healthy runs").isEmpty();
        assertThat(faulted).isGreaterThanOrEqualTo(14);
        assertThat(namedFirst).as("planted cause named first\n" + table).isGreaterThanOrEqualTo(12);
        assertThat(confirmed).as("planted cause confirmed by its counter-experiment\n" + table).isGreaterThanOrEqualTo(10);
    }
}
