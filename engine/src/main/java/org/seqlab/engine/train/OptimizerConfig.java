package org.seqlab.engine.train;
import org.seqlab.engine.io.BadValue;

/**
 * Adam (Kingma &amp; Ba 2015), or plain stochastic gradient descent, with an optional learning-rate schedule and
 * gradient-norm clipping (Pascanu et al. 2013: if ‖g‖ &gt; c, use g·c/‖g‖). Clipping matters most with SGD, whose
 * step is the gradient itself (θ ← θ − α·g); Adam's step α·m̂/√v̂ hardly changes when every gradient is scaled alike.
 *
 * @param learningRate  peak rate α
 * @param betaOne       β₁, decay of the first-moment average
 * @param betaTwo       β₂, decay of the second-moment average
 * @param epsilon       ε in the denominator
 * @param schedule      how α changes over steps
 * @param warmupSteps   steps of linear warm-up (warm-up + cosine only)
 * @param decaySteps    step at which the cosine reaches its floor (warm-up + cosine only)
 * @param clip          whether to clip the gradient norm
 * @param clipNorm      the threshold c
 * @param method        Adam or SGD (β₁, β₂ and ε are Adam's and unused by SGD)
 */
public record OptimizerConfig(double learningRate, double betaOne, double betaTwo, double epsilon, Schedule schedule,
        int warmupSteps, int decaySteps, boolean clip, double clipNorm, Method method) {

    /** How a gradient becomes a step. */
    public enum Method {
        /** Adam: α · m̂ / (√v̂ + ε), each weight's step scaled by its gradient's running size. */
        ADAM("adam"),
        /** Plain stochastic gradient descent: α · g. */
        SGD("sgd");

        private final String id;

        Method(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Method parse(String s) {
            for (Method m : values()) {
                if (m.id.equalsIgnoreCase(s.strip())) {
                    return m;
                }
            }
            throw BadValue.says("config.unknownOptimiser", s);
        }

        @Override
        public String toString() {
            return this == ADAM ? "Adam" : "SGD";
        }
    }

    /** Adam, as every configuration was before SGD existed (saved runs without a method read as Adam). */
    public OptimizerConfig(double learningRate, double betaOne, double betaTwo, double epsilon, Schedule schedule, int warmupSteps,
            int decaySteps, boolean clip, double clipNorm) {
        this(learningRate, betaOne, betaTwo, epsilon, schedule, warmupSteps, decaySteps, clip, clipNorm, Method.ADAM);
    }

    /** The highest learning rate SeqLab accepts anywhere (the lab, the command line, a lesson, a saved run). */
    public static final double MAX_LEARNING_RATE = 10;

    public OptimizerConfig {
        if (method == null) {
            method = Method.ADAM;
        }
        if (!(learningRate > 0) || learningRate > MAX_LEARNING_RATE) {
            throw BadValue.says("config.learningRate", learningRate);
        }
        if (!(betaOne >= 0 && betaOne < 1) || !(betaTwo >= 0 && betaTwo < 1)) {
            throw BadValue.says("config.betas");
        }
        if (!(epsilon > 0)) {
            throw BadValue.says("config.epsilon");
        }
        if (schedule == null) {
            throw BadValue.says("config.noSchedule");
        }
        if (warmupSteps < 0 || decaySteps < 1 || warmupSteps >= decaySteps && schedule == Schedule.WARMUP_COSINE) {
            throw BadValue.says("config.warmup", warmupSteps, decaySteps);
        }
        if (clip && !(clipNorm > 0)) {
            throw BadValue.says("config.clip", clipNorm);
        }
    }

    /** Adam at α = 0.003 (β 0.9, 0.999), constant, clipping at 1. */
    public static OptimizerConfig defaults() {
        return of(3e-3, Schedule.CONSTANT, 100, 5000, true, 1.0, Method.ADAM);
    }

    /** These settings with Adam's usual constants β₁ = 0.9, β₂ = 0.999, ε = 1e-8 (the only ones SeqLab uses; SGD ignores them). */
    public static OptimizerConfig of(double lr, Schedule schedule, int warmup, int decay, boolean clip, double clipNorm, Method method) {
        return new OptimizerConfig(lr, 0.9, 0.999, 1e-8, schedule, warmup, decay, clip, clipNorm, method);
    }

    public OptimizerConfig withLearningRate(double lr) {
        return new OptimizerConfig(lr, betaOne, betaTwo, epsilon, schedule, warmupSteps, decaySteps, clip, clipNorm, method);
    }

    public OptimizerConfig withClip(boolean on, double norm) {
        return new OptimizerConfig(learningRate, betaOne, betaTwo, epsilon, schedule, warmupSteps, decaySteps, on, norm, method);
    }

    public OptimizerConfig withSchedule(Schedule s, int warmup, int decay) {
        return new OptimizerConfig(learningRate, betaOne, betaTwo, epsilon, s, warmup, decay, clip, clipNorm, method);
    }

    public OptimizerConfig withMethod(Method m) {
        return new OptimizerConfig(learningRate, betaOne, betaTwo, epsilon, schedule, warmupSteps, decaySteps, clip, clipNorm, m);
    }

    /** The rate at a 0-based step. */
    public double learningRateAt(int step) {
        if (schedule == Schedule.CONSTANT) {
            return learningRate;
        }
        if (step < warmupSteps) {
            return learningRate * (step + 1) / warmupSteps;
        }
        double progress = Math.min(1.0, (step - warmupSteps) / (double) (decaySteps - warmupSteps));
        double floor = 0.1 * learningRate;
        return floor + (learningRate - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }

    /** "Adam 3e-3, clip 1.0", "SGD 5e-1, no clip". */
    public String describe() {
        String s = String.format("%s %.0e", method, learningRate).replace("e-0", "e-").replace("e+00", "");
        if (schedule == Schedule.WARMUP_COSINE) {
            s += " warm-up+cos";
        }
        return s + (clip ? String.format(", clip %s", trim(clipNorm)) : ", no clip");
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
