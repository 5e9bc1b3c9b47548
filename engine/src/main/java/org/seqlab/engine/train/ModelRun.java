package org.seqlab.engine.train;

import java.util.List;
import java.util.SplittableRandom;
import org.seqlab.engine.data.Batch;
import org.seqlab.engine.metrics.Metrics;
import org.seqlab.engine.model.SequenceModel;
import org.seqlab.engine.model.TraceLevel;
import org.seqlab.engine.model.build.Models;
import org.seqlab.engine.sample.Sampler;

/**
 * One model being trained: the model, its optimiser and its history.
 *
 * <p>Divergence is watched on every step by the {@link DivergenceRule}, not only for NaN. When it fires, the run
 * stops; its weights and Adam's moments go back to the last ones that gave a sane loss (kept at every such step), and
 * {@link #resume} trains on from there with a lower learning rate.
 */
public final class ModelRun {

    /** Healthy, or stopped by a non-finite loss. */
    public enum Status { OK, DIVERGED }

    private final String id;
    private RunConfig config;
    private final SequenceModel model;
    private AdamOptimizer optimizer;
    /** The last weights and Adam moments that gave a sane loss. */
    private final org.nd4j.linalg.api.ndarray.INDArray goodWeights;
    private final org.nd4j.linalg.api.ndarray.INDArray goodState;
    private boolean hasGood;
    private final DivergenceRule divergence;
    private final Series.Builder train = new Series.Builder();
    private final Series.Builder validation = new Series.Builder();
    // what the tutor reads (org.seqlab.engine.tutor): per step, the gradient's norm before clipping and the size of
    // the update against the weights, ‖Δθ‖ ÷ ‖θ‖ (Karpathy's rule of thumb: about 1e-3 is healthy)
    private final Series.Builder gradNorms = new Series.Builder();
    private final Series.Builder updateRatios = new Series.Builder();
    private int clippedSteps;
    private double computeSeconds;
    private int steps;
    private double lastGradNorm = Double.NaN;
    private double lastLearningRate = Double.NaN;
    private boolean lastClipped;
    private Status status = Status.OK;
    private String message = "";
    private final long seed;
    private double lastSampledRate;

    /** Outcome of one training step. */
    public record StepResult(double lossNats, double gradNorm, boolean clipped, boolean diverged) {
    }

    public ModelRun(String id, RunConfig config, int vocab, long seed) {
        this.id = id;
        this.config = config;
        this.model = Models.create(config.model(), vocab, seed);
        this.optimizer = new AdamOptimizer(model.parameters(), config.optimizer());
        this.seed = seed;
        this.divergence = new DivergenceRule(vocab);
        this.goodWeights = model.parameters().flat().dup();
        this.goodState = optimizer.state().dup();
    }

    public String id() {
        return id;
    }

    public RunConfig config() {
        return config;
    }

    public SequenceModel model() {
        return model;
    }

    public AdamOptimizer optimizer() {
        return optimizer;
    }

    /** "A · LSTM 1×64" (and, on digits read as a sequence in its own order, "· snake"). */
    public String label() {
        return id + " · " + config.model().describe() + (config.order() != null ? " · " + config.order().id() : "");
    }

    /** forward → backward → (clip) → Adam, unless the loss or gradient has diverged (see the class comment). */
    public StepResult step(Batch batch, int globalStep) {
        if (status == Status.DIVERGED) {
            return new StepResult(Double.NaN, Double.NaN, false, true);
        }
        long t0 = System.nanoTime();
        double rate = config.model().family().image() ? 0 : config.scheduled().rate(steps);
        lastSampledRate = rate;
        Batch inputs = rate > 0 ? withOwnPredictions(batch, rate) : batch;
        double loss = model.forward(inputs, TraceLevel.NONE).loss();
        String diverged = divergence.check(loss);
        if (diverged != null) {
            return diverge(globalStep, diverged, t0);
        }
        double bits = Metrics.bits(loss);
        model.backward();
        double norm = optimizer.gradientNorm();
        if (!Double.isFinite(norm)) {
            return diverge(globalStep, "the gradient norm became " + norm, t0);
        }
        if (divergence.sane()) {
            keepAsGood();   // a sane loss and a finite gradient: these weights are good
        }
        AdamOptimizer.Update u = optimizer.apply(steps, norm);
        if (hasGood && divergence.sane()) {
            // goodWeights hold the weights from before this update: two native reductions, no copy
            double before = goodWeights.norm2Number().doubleValue();
            double ratio = model.parameters().flat().distance2(goodWeights) / before;
            if (Double.isFinite(ratio)) {
                updateRatios.add(globalStep, computeSeconds, ratio);
            }
        }
        gradNorms.add(globalStep, computeSeconds, norm);
        if (u.clipped()) {
            clippedSteps++;
        }
        steps++;
        computeSeconds += (System.nanoTime() - t0) / 1e9;
        lastGradNorm = norm;
        lastLearningRate = u.learningRate();
        lastClipped = u.clipped();
        train.add(globalStep, computeSeconds, bits);
        return new StepResult(loss, norm, u.clipped(), false);
    }

    /** The weights (and Adam's moments) that just gave a sane loss, before this step's update changes them. */
    private void keepAsGood() {
        goodWeights.assign(model.parameters().flat());
        goodState.assign(optimizer.state());
        hasGood = true;
    }

    /**
     * After a divergence: trains on from the last good weights with the learning rate divided by {@code factor}
     * (the run's settings change with it, so a saved run keeps the lower rate).
     */
    public void resume(double factor) {
        if (status != Status.DIVERGED) {
            return;
        }
        if (!(factor >= 1)) {
            throw new IllegalArgumentException("the learning rate is divided by at least 1, not " + factor);
        }
        RunConfig next = config.withOptimizer(config.optimizer().withLearningRate(config.optimizer().learningRate() / factor));
        AdamOptimizer lowered = new AdamOptimizer(model.parameters(), next.optimizer());
        lowered.state().assign(optimizer.state());
        config = next;
        optimizer = lowered;
        status = Status.OK;
        message = "";
        divergence.reset();
    }

    /**
     * Scheduled sampling: the batch with each input after the first replaced, with probability ε, by a token
     * drawn from the model's prediction for that position (the targets stay the true tokens). Input t is the
     * token predicted at position t − 1, so its replacement is drawn from the logits of position t − 1.
     */
    Batch withOwnPredictions(Batch batch, double rate) {
        int b = batch.batch();
        int t = batch.steps();
        int v = model.spec().vocabSize();
        float[] logits = model.forward(batch, TraceLevel.NONE).logits();
        // seeded by the step, not carried from step to step: a reopened run continues exactly as it would have
        SplittableRandom scheduleRng = new SplittableRandom((seed ^ 0x5DEECE66DL) * 0x9E3779B97F4A7C15L + steps);
        int[] inputs = batch.inputs().clone();
        float[] row = new float[v];
        for (int i = 0; i < b; i++) {
            for (int s = 1; s < t; s++) {
                if (scheduleRng.nextDouble() < rate) {
                    System.arraycopy(logits, (i * t + s - 1) * v, row, 0, v);
                    inputs[i * t + s] = Sampler.draw(Sampler.softmax(row, 1.0), scheduleRng);
                }
            }
        }
        return new Batch(b, t, inputs, batch.targets(), batch.weights());
    }

    /**
     * Puts back a saved run's state: its weights, Adam's moments, how far it trained and its history (see
     * {@link SessionFile}).
     */
    void restore(double[] weights, double[] adam, int steps, double computeSeconds, Series train, Series validation, Status status,
            String message) {
        if (weights.length != model.parameters().size() || adam.length != optimizer.state().length()) {
            throw new IllegalArgumentException(label() + ": the saved weights do not fit the model");
        }
        model.parameters().assign(weights);
        optimizer.state().assign(org.nd4j.linalg.factory.Nd4j.createFromArray(adam).castTo(optimizer.state().dataType()));
        keepAsGood();
        this.steps = steps;
        this.computeSeconds = computeSeconds;
        this.status = status;
        this.message = message == null ? "" : message;
        this.train.addAll(train);
        this.validation.addAll(validation);
    }

    /** Puts back what the tutor reads of a saved run: the gradient norms and update sizes of its steps. */
    void restoreHealth(Series norms, Series ratios) {
        gradNorms.addAll(norms);
        updateRatios.addAll(ratios);
        double clip = config.optimizer().clipNorm();
        for (int k = 0; k < norms.size(); k++) {
            clippedSteps += config.optimizer().clip() && norms.value(k) > clip ? 1 : 0;
        }
    }

    /** ε used by the last step (0 without scheduled sampling). */
    public double lastSampledRate() {
        return lastSampledRate;
    }

    private StepResult diverge(int globalStep, String what, long t0) {
        computeSeconds += (System.nanoTime() - t0) / 1e9;
        if (hasGood) {
            model.parameters().flat().assign(goodWeights);
            optimizer.state().assign(goodState);
        }
        status = Status.DIVERGED;
        divergence.reset();
        message = String.format("%s diverged at step %d: %s. Its weights are the last good ones; "
                + "lower the learning rate or turn clipping on, then train on.", label(), globalStep, what);
        return new StepResult(Double.NaN, Double.NaN, false, true);
    }

    /** Mean loss in nats over the given batches, with the weights the model holds now (a checkpoint's too); not recorded. */
    public double meanLoss(List<Batch> batches) {
        return meanLoss(model, batches);
    }

    /** Mean loss in nats of any model over the given batches, each weighted by its sequences. */
    public static double meanLoss(SequenceModel model, List<Batch> batches) {
        double sum = 0;
        double weight = 0;
        for (Batch b : batches) {
            sum += model.forward(b, TraceLevel.NONE).loss() * b.batch();
            weight += b.batch();
        }
        return sum / weight;
    }

    /** Mean validation loss in nats over the given batches; recorded at {@code globalStep}. */
    public double evaluate(List<Batch> batches, int globalStep) {
        double mean = meanLoss(batches);
        // an exploded value is not a point of the curve: the next step stops the run and takes these weights back
        if (Double.isFinite(mean) && Metrics.bits(mean) <= DivergenceRule.EXPLODED * divergence.uniformBits()) {
            validation.add(globalStep, computeSeconds, Metrics.bits(mean));
        }
        return mean;
    }

    public Series trainBits() {
        return train.view();
    }

    public Series validationBits() {
        return validation.view();
    }

    /** The gradient's norm at every step, before clipping. */
    public Series gradNorms() {
        return gradNorms.view();
    }

    /** ‖Δθ‖ ÷ ‖θ‖ of every step's update (steps after a sane loss). */
    public Series updateRatios() {
        return updateRatios.view();
    }

    /** How many steps clipping shortened. */
    public int clippedSteps() {
        return clippedSteps;
    }

    public int steps() {
        return steps;
    }

    public double computeSeconds() {
        return computeSeconds;
    }

    public double stepsPerSecond() {
        return computeSeconds > 0 ? steps / computeSeconds : 0;
    }

    public double lastGradNorm() {
        return lastGradNorm;
    }

    public double lastLearningRate() {
        return lastLearningRate;
    }

    public boolean lastClipped() {
        return lastClipped;
    }

    public Status status() {
        return status;
    }

    public String message() {
        return message;
    }
}
