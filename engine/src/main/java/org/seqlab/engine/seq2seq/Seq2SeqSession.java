package org.seqlab.engine.seq2seq;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqlab.engine.data.tasks.Task;
import org.seqlab.engine.expect.Measured;
import org.seqlab.engine.expect.Point;
import org.seqlab.engine.expect.PointHistory;
import org.seqlab.engine.train.Trainer;

/**
 * The encoder–decoder window's models as they train, what the {@link Seq2SeqTrainer} drives: a
 * {@link Seq2SeqExperiment}, its loss curve, a measurement every {@link #MEASURE_EVERY} steps and where training
 * stopped, and every model's output and alignment for the inspected source. Confined to the engine thread, as the lab's
 * {@code TrainingSession} is.
 */
public final class Seq2SeqSession implements Trainer.Session {

    static final int MEASURE_EVERY = 100;

    final Seq2SeqExperiment experiment;
    private String inspect;
    private Seq2SeqInspection inspection;
    /** The last measurement (null before the first). */
    private List<Seq2SeqExperiment.Measured> measured;
    /** Every measurement since the models were built, with its time. */
    private final List<Seq2SeqMeasurement> history = new ArrayList<>();
    private final List<Integer> lossSteps = new ArrayList<>();
    private final List<double[]> lossRows = new ArrayList<>();

    /** {@code experiment}'s models, paused at their step; {@code source} is inspected if it is one of the task's, else the first validation source. */
    Seq2SeqSession(Seq2SeqExperiment experiment, String source) {
        this.experiment = experiment;
        this.inspect = fits(source) ? source : experiment.data().validation().get(0).source();
        this.inspection = inspectNow();
    }

    /** A saved experiment, with its loss curve, measured at its step. */
    static Seq2SeqSession opened(ExperimentFile.Loaded loaded) {
        Seq2SeqSession s = new Seq2SeqSession(loaded.experiment(), loaded.inspect());
        for (int i = 0; i < loaded.lossSteps().length; i++) {
            s.lossSteps.add(loaded.lossSteps()[i]);
            s.lossRows.add(loaded.lossBits().get(i));
        }
        s.measureNow();
        return s;
    }

    @Override
    public int stepsTaken() {
        return experiment.step();
    }

    /** One step of every model (a divergence throws, and the trainer stops and says so); measured every {@link #MEASURE_EVERY}. */
    @Override
    public String advance() {
        experiment.trainStep();
        int step = experiment.step();
        if (step % 5 == 0 || step == 1) {
            lossSteps.add(step);
            lossRows.add(experiment.recentTrainBits());
        }
        if (step % MEASURE_EVERY == 0) {
            measureNow();
        }
        return null;
    }

    @Override
    public String exhausted() {
        return null;
    }

    /** Measured where training stopped, unless it was measured there already (or has not trained yet). */
    void measureIfNew() {
        if (experiment.step() > 0 && (history.isEmpty() || history.get(history.size() - 1).step() != experiment.step())) {
            measureNow();
        }
    }

    /** The step of the last measurement, or −1. */
    int measuredStep() {
        return measured == null ? -1 : measured.get(0).step();
    }

    private void measureNow() {
        measured = experiment.measure();
        if (history.isEmpty() || history.get(history.size() - 1).step() != experiment.step()) {
            history.add(new Seq2SeqMeasurement(experiment.step(), System.nanoTime(), measured));
        }
        inspection = inspectNow();
    }

    /** Shows every model's output and alignment for {@code source}; what to tell the learner when it is not the task's, else "". */
    String inspect(String source) {
        if (!fits(source)) {
            return "\"" + source + "\" is not a source of this task: " + experiment.spec().task().description() + ", with the symbols "
                    + experiment.spec().task().alphabet();
        }
        inspect = source;
        inspection = inspectNow();
        return "";
    }

    String inspected() {
        return inspect;
    }

    int[] lossSteps() {
        return lossSteps.stream().mapToInt(Integer::intValue).toArray();
    }

    List<double[]> lossRows() {
        return List.copyOf(lossRows);
    }

    List<Seq2SeqExperiment.Measured> measured() {
        return measured;
    }

    Seq2SeqInspection inspection() {
        return inspection;
    }

    List<Seq2SeqMeasurement> history() {
        return List.copyOf(history);
    }

    /**
     * A scene's point on the models as last measured, and at every measurement since they were built: what the
     * encoder–decoder lab shows under a scene's button and what {@code check-lessons} reports, by one piece of code.
     * Null before the first measurement.
     */
    Measured measure(Point point) {
        if (measured == null || history.isEmpty()) {
            return null;
        }
        int n = history.size();
        int[] steps = new int[n];
        boolean[] met = new boolean[n];
        Map<String, double[]> values = new LinkedHashMap<>();
        for (int k = 0; k < n; k++) {
            List<Seq2SeqExperiment.Measured> m = history.get(k).measured();
            steps[k] = history.get(k).step();
            Point.Verdict v = point.evaluate(call -> Seq2SeqExperiment.value(m, call));
            met[k] = v.met();
            int at = k;
            v.values().forEach((name, x) -> values.computeIfAbsent(name, x0 -> new double[n])[at] = x);
        }
        return new Measured(point.evaluate(call -> Seq2SeqExperiment.value(measured, call)), new PointHistory(steps, values, met));
    }

    private Seq2SeqInspection inspectNow() {
        List<Seq2SeqInspection.Run> runs = new ArrayList<>();
        List<Seq2SeqRun> all = experiment.runs();
        for (int i = 0; i < all.size(); i++) {
            Seq2SeqRun r = all.get(i);
            Translator.Decoded d = r.greedy(List.of(inspect)).get(0);
            Translator.EncoderView enc = r.translator().encoderView(inspect);
            runs.add(new Seq2SeqInspection.Run(Seq2SeqExperiment.id(i), r.model().config().describe(), r.model().config().attends(), d.text(),
                    d.weights(), enc.states(), enc.context(), r.translator().crossAttentionMaps(inspect, d.text())));
        }
        String reference;
        try {
            reference = experiment.spec().task().reference(inspect);
        } catch (RuntimeException e) {
            reference = null;
        }
        return new Seq2SeqInspection(inspect, reference, List.copyOf(runs));
    }

    private boolean fits(String source) {
        if (source == null || source.isEmpty() || source.length() > Task.LONG_MAX_LETTERS + 10) {
            return false;
        }
        try {
            experiment.runs().get(0).vocab().encode(source);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
