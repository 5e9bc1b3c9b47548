package org.seqlab.engine.tutor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.seqlab.engine.data.DataSource;
import org.seqlab.engine.expect.SessionMeasures;
import org.seqlab.engine.inspect.Health;
import org.seqlab.engine.inspect.Inspection;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.Positional;
import org.seqlab.engine.model.Trace;
import org.seqlab.engine.train.ModelRun;
import org.seqlab.engine.train.Series;
import org.seqlab.engine.train.TrainingSession;
import org.seqlab.engine.tutor.vocabulary.Cause;
import org.seqlab.engine.tutor.vocabulary.Diagnosis;

/**
 * Reads a model's training and names what went wrong, from the measurements SeqLab already makes: the loss curves,
 * the gradient's norm and clipping, the size of each update against the weights, the gradient through time, the
 * gates and hidden units on an input ({@link Health}), the settings, and on a synthetic source its exact floor and
 * how far back its dependencies reach. Every threshold is here, named, and in docs/tutor.md; nothing is learned.
 */
public final class Tutor {

    /** Fewer steps say nothing yet. */
    public static final int MIN_STEPS = 50;
    /** ‖Δθ‖ ÷ ‖θ‖ of a healthy Adam step is about 1e-3; the rules fire an order of magnitude or more away from it. */
    static final double RATIO_HIGH = 1e-2;
    static final double RATIO_LOW = 1e-5;
    /** The gradient through time has vanished when under a hundredth of it reaches the dependency (lesson 04's measure). */
    static final double VANISHED = 1e-2;
    /** ... and exploded when ten times more of it reaches {@link #THROUGH_TIME} steps back than the last step has. */
    static final double EXPLODED = 10;
    static final int THROUGH_TIME = 16;
    /** Clipping on more than this share of the recent steps, with the median gradient over {@link #CUT} × the threshold. */
    static final double CLIPPED_SHARE = 0.5;
    static final double CUT = 3;
    /** Unclipped, a gradient this many times the median in the recent steps is a spike that throws the weights. */
    static final double SPIKE = 10;
    /** More than this share of gate values saturated, or of hidden units pinned (healthy runs pin under a tenth). */
    static final double SATURATED_SHARE = 0.6;
    static final double PINNED_SHARE = 0.3;
    /** Overfitting: validation this far above its best and above the training loss (bits). */
    static final double RISE = 0.1;
    static final double GAP = 0.3;
    /** Underfitting: a model this narrow whose training loss fell less than {@link #FLAT} bits over its last 100 steps. */
    static final int NARROW = 16;
    static final double FLAT = 0.1;
    /** A dependency this far back is long-range. */
    static final int LONG_RANGE = 10;
    /** Text has no known dependency length; a model that sees fewer symbols back than this misses words. */
    static final int TEXT_REACH = 8;

    private Tutor() {
    }

    /**
     * What is wrong with run {@code i} of the session, the surest cause first; empty when nothing is. Read now, or,
     * while the models hold a checkpoint (the scrubber looking back), as things stood at its step: the checkpoint's
     * weights, and the curves, gradient norms and updates up to that step.
     */
    public static List<Diagnosis> diagnose(TrainingSession session, int i) {
        ModelRun run = session.runs().get(i);
        int viewing = session.checkpoints().viewing();
        int step = viewing >= 0 ? viewing : session.stepsTaken();
        int trained = viewing >= 0 ? Math.min(run.steps(), viewing) : run.steps();
        Series train = run.trainBits().upTo(step);
        Series validation = run.validationBits().upTo(step);
        Series gradNorms = run.gradNorms().upTo(step);
        ModelConfig m = run.config().model();
        DataSource data = session.dataOf(run);
        List<Diagnosis> found = new ArrayList<>();
        if (run.status() == ModelRun.Status.DIVERGED) {
            found.add(new Diagnosis(Cause.DIVERGED, step, evidence("lr", run.config().optimizer().learningRate(),
                    "grad_norm", Health.median(gradNorms, 5))));
            return found;   // nothing else is measured on weights that were taken back
        }
        if (trained < MIN_STEPS) {
            return found;
        }
        OptionalDouble floor = session.entropyFloorBits();
        double bits = validation.isEmpty() ? train.recentMean(25) : validation.last();
        double aboveFloor = floor.isPresent() ? bits - floor.getAsDouble() : Double.NaN;
        boolean short_ = floor.isEmpty() || aboveFloor > 0.05;   // short of what the data allows (always, on text)
        int reach = dependency(data);

        // the settings against the data
        if (m.family() == Family.TRANSFORMER && m.positional() == Positional.NONE && (floor.isEmpty() || aboveFloor > 0.3)) {
            found.add(new Diagnosis(Cause.NO_POSITIONS, step, evidence("bits", bits, "floor", floor.orElse(Double.NaN))));
        }
        int sees = m.family() == Family.CONV1D ? m.receptiveField() : m.family() == Family.TRANSFORMER ? m.context() : Integer.MAX_VALUE;
        int needs = reach > 0 ? reach : floor.isEmpty() && data.imageShape() == null ? TEXT_REACH : 0;
        if (sees < needs && short_) {
            found.add(new Diagnosis(Cause.CONTEXT_TOO_SHORT, step, evidence("reach", sees, "dependency", needs, "bits", bits)));
        }

        // the optimiser's steps
        double ratio = Health.median(run.updateRatios().upTo(step), Health.WINDOW);
        double fall = train.size() < 20 ? 0 : mean(train, 0, 10) - train.recentMean(10);
        if (ratio < RATIO_LOW && fall < 0.1) {
            found.add(new Diagnosis(Cause.LR_TOO_LOW, step, evidence("update_ratio", ratio, "fall_bits", fall)));
        }
        double clipped = Health.clippedShare(gradNorms, run.config().optimizer());
        double typical = Health.median(gradNorms, Health.WINDOW);
        double throughTime = Double.NaN;
        Trace trace = null;   // one trace of the input serves every measure inside a recurrent model
        int length = 0;
        if (m.family().recurrent()) {
            int[] tokens = session.encodeFor(run, input(session));
            trace = Inspection.of(run.model(), tokens);
            length = tokens.length;
            if (length > THROUGH_TIME + 1) {
                throughTime = Health.gradRatio(trace, THROUGH_TIME);
            }
        }
        double spike = max(gradNorms, Health.WINDOW);
        if (throughTime > EXPLODED || clipped > CLIPPED_SHARE && typical > CUT * run.config().optimizer().clipNorm()
                || spike > SPIKE * typical && !run.config().optimizer().clip()) {
            found.add(new Diagnosis(Cause.EXPLODING_GRADIENT, step, evidence("largest_grad_norm", spike, "grad_norm", typical, "clipped", clipped)));
        }
        if (ratio > RATIO_HIGH) {
            found.add(new Diagnosis(Cause.LR_TOO_HIGH, step, evidence("update_ratio", ratio)));
        }

        // inside the model, on an input
        if (trace != null) {
            if (reach > 0 && length > reach + 1 && short_) {
                double through = Health.gradRatio(trace, reach);
                if (through < VANISHED) {
                    found.add(new Diagnosis(Cause.VANISHING_GRADIENT, step, evidence("grad_ratio", through, "steps_back", reach, "bits", bits)));
                }
            }
            double pinned = Health.pinnedShare(trace);
            if (pinned > PINNED_SHARE && short_) {
                found.add(new Diagnosis(Cause.DEAD_UNITS, step, evidence("pinned", pinned)));
            }
            double saturated = Health.saturatedShare(trace);
            if (saturated > SATURATED_SHARE && short_) {
                found.add(new Diagnosis(Cause.SATURATED_GATES, step, evidence("saturated", saturated)));
            }
        }

        // the two curves
        if (validation.size() >= 3) {
            double best = Double.POSITIVE_INFINITY;
            for (int k = 0; k < validation.size(); k++) {
                best = Math.min(best, validation.value(k));
            }
            double trainNow = train.recentMean(25);
            if (bits > best + RISE && bits - trainNow > GAP) {
                found.add(new Diagnosis(Cause.OVERFITTING, step, evidence("bits", bits, "best_bits", best, "train_bits", trainNow)));
            }
        }
        // how much the training loss fell over the last 100 steps, 25-step means at both ends (one batch's loss is noisy)
        double lately = train.size() < 200 ? Double.NaN : mean(train, train.size() - 125, train.size() - 100) - train.recentMean(25);
        if (m.hidden() <= NARROW && lately < FLAT) {
            if (floor.isEmpty() || aboveFloor > 0.5) {
                found.add(new Diagnosis(Cause.UNDERFITTING, step, evidence("width", m.hidden(), "fall_bits_last_100", lately, "bits", bits)));
            }
        }
        // stalled short of the floor (a model still learning the long-range symbol is not missing it)
        if (reach >= LONG_RANGE && floor.isPresent() && aboveFloor > 0.05 && lately < FLAT / 2 && found.isEmpty()) {
            found.add(new Diagnosis(Cause.LONG_RANGE_MISSED, step, evidence("bits", bits, "floor", floor.getAsDouble(), "steps_back", reach)));
        }
        found.sort(Comparator.comparing(Diagnosis::cause));
        return found;
    }

    /**
     * How far back the symbol that decides a prediction can lie, for the synthetic sources whose structure is known
     * (SyntheticSources and RepeatCorpus): 0 when it is not known.
     */
    public static int dependency(DataSource data) {
        return switch (data.name()) {
            case "synthetic:recall" -> 16;   // the cue comes back 12 to 22 symbols later (10 to 20 dots and '?'); lesson 04 reads 16
            case "synthetic:repeat" -> 25;   // a string of up to 24 letters and its delimiter, then its copy
            case "synthetic:order" -> 3;     // "ab=" then a: three back
            default -> 0;
        };
    }

    /** The input the tutor looks inside the model with: the data's first example; on the recall task, up to a recalled cue. */
    static String input(TrainingSession session) {
        String example = session.data().examples().get(0);
        int asked = example.indexOf(SessionMeasures.RECALL_MARKER);
        return asked >= 0 && asked + 2 <= example.length() ? example.substring(0, asked + 2) : example;
    }

    private static Map<String, Double> evidence(Object... pairs) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k = 0; k < pairs.length; k += 2) {
            m.put((String) pairs[k], ((Number) pairs[k + 1]).doubleValue());
        }
        return m;
    }

    private static double max(Series s, int n) {
        double m = Double.NaN;
        for (int k = Math.max(0, s.size() - n); k < s.size(); k++) {
            m = Double.isNaN(m) ? s.value(k) : Math.max(m, s.value(k));
        }
        return m;
    }

    private static double mean(Series s, int from, int to) {
        double sum = 0;
        int n = 0;
        for (int k = Math.max(0, from); k < Math.min(s.size(), to); k++) {
            sum += s.value(k);
            n++;
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
