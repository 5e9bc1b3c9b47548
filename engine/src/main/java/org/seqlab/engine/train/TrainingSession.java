package org.seqlab.engine.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.seqlab.engine.data.Batch;
import org.seqlab.engine.data.DataSource;
import org.seqlab.engine.data.ImageShape;
import org.seqlab.engine.data.OrderedPixels;
import org.seqlab.engine.data.PixelOrder;
import org.seqlab.engine.metrics.Metrics;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.build.ModelSize;

/**
 * Two to four runs trained side by side on the same batches, step by step. Synchronous and confined to one
 * thread (each step's models run at once on their own cores, {@link SideBySide}, and the step returns when all are
 * done): the command line drives it directly, the lab through a {@link LabTrainer}. Nothing in it knows
 * what kind of model a run holds (minGPT's trainer: "nothing in this file really has anything to do with GPT").
 */
public final class TrainingSession implements Trainer.Session {

    public static final int MAX_RUNS = 4;
    private static final String IDS = "ABCD";

    private final DataSource data;
    private final TrainConfig config;
    private final List<RunConfig> runConfigs;
    private final List<ModelRun> runs = new ArrayList<>();
    private final List<List<Batch>> validation = new ArrayList<>();   // per run: the same images in its own pixel order
    private final SplittableRandom batchRng;
    private final Checkpoints checkpoints = new Checkpoints();
    private int step;

    /** What one session step did. */
    public record StepOutcome(int step, List<ModelRun.StepResult> results, boolean evaluated, List<String> divergences) {
    }

    public TrainingSession(DataSource data, TrainConfig config, List<RunConfig> runConfigs) {
        if (runConfigs.isEmpty() || runConfigs.size() > MAX_RUNS) {
            throw new IllegalArgumentException("train 1 to " + MAX_RUNS + " models at once, not " + runConfigs.size());
        }
        // an image source fixes the sequence length (its pixels) and the size of every image model
        if (data.fixedSteps() > 0 && config.steps() != data.fixedSteps()) {
            config = new TrainConfig(config.batch(), data.fixedSteps(), config.seed(), config.evalEvery(), config.evalBatches());
        }
        ImageShape shape = data.imageShape();
        List<RunConfig> sized = new ArrayList<>();
        for (int i = 0; i < runConfigs.size(); i++) {
            RunConfig rc = runConfigs.get(i);
            boolean image = rc.model().family().image();
            if (image && shape == null) {
                throw new IllegalArgumentException("Model " + IDS.charAt(i) + ": " + rc.model().family().withArticle()
                        + " models images; choose digits or digits-14 as the data");
            }
            if (!image && shape != null) {
                throw new IllegalArgumentException("Model " + IDS.charAt(i) + ": " + rc.model().family().withArticle()
                        + " models text; on digits choose PixelCNN or Gated PixelCNN, or read the digits as a sequence"
                        + " (digits-14:raster, :snake, :column, :hilbert or :random)");
            }
            if (rc.order() != null && !(data instanceof OrderedPixels)) {
                rc = rc.withOrder(null);   // a pixel order means nothing to other data
            }
            sized.add(image ? rc.withModel(rc.model().withImage(shape.height(), shape.width())) : rc);
        }
        runConfigs = sized;
        if (config.steps() > data.maxSteps()) {
            throw new IllegalArgumentException("sequence length " + config.steps() + " is longer than " + data.name()
                    + " allows (" + data.maxSteps() + ")");
        }
        for (int i = 0; i < runConfigs.size(); i++) {
            var m = runConfigs.get(i).model();
            if (m.family() == Family.TRANSFORMER && config.steps() > m.context()) {
                throw new IllegalArgumentException("Model " + IDS.charAt(i) + ": sequence length " + config.steps()
                        + " is longer than the Transformer's context (" + m.context() + ")");
            }
        }
        // what the models will take, refused with both numbers before anything is allocated
        long bytes = 0;
        for (int i = 0; i < runConfigs.size(); i++) {
            var m = runConfigs.get(i).model();
            long one = ModelSize.trainingBytes(m, data.vocabulary().size(), config.batch(), config.steps());
            ModelSize.checkFits("Model " + IDS.charAt(i) + " (" + m.describe() + ", batch " + config.batch() + " × " + config.steps() + ")", one);
            bytes += one;
        }
        if (runConfigs.size() > 1) {
            ModelSize.checkFits("Training the " + runConfigs.size() + " models side by side", bytes);
        }
        this.data = data;
        this.config = config;
        this.runConfigs = List.copyOf(runConfigs);
        for (int i = 0; i < runConfigs.size(); i++) {
            // every run starts from the same seed, so two runs of one configuration are identical
            runs.add(new ModelRun(String.valueOf(IDS.charAt(i)), runConfigs.get(i), data.vocabulary().size(), config.seed()));
        }
        List<Batch> shared = data.validationBatches(config.batch(), config.steps(), config.evalBatches());
        for (int i = 0; i < runs.size(); i++) {
            int run = i;
            validation.add(shared.stream().map(b -> fed(run, b)).toList());
        }
        this.batchRng = new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + 1);
        checkpoints.record(0, runs);
    }

    /**
     * A session as it was saved after {@code step} steps: built from the same seed, its batch order wound forward
     * by drawing (and discarding) the batches it had already trained on, so that training continues with exactly the
     * batches an uninterrupted session would see; the runs' states are restored by {@link SessionFile}.
     */
    static TrainingSession resumed(DataSource data, TrainConfig config, List<RunConfig> runs, int step) {
        TrainingSession s = new TrainingSession(data, config, runs);
        for (int i = 0; i < step; i++) {
            data.trainBatch(s.config.batch(), s.config.steps(), s.batchRng);
        }
        s.step = step;
        return s;
    }

    /** The run with this id ("A" … "D"). */
    public ModelRun run(String id) {
        return runs.stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no model " + id + " in this session"));
    }

    public DataSource data() {
        return data;
    }

    public TrainConfig config() {
        return config;
    }

    public List<RunConfig> runConfigs() {
        return runConfigs;
    }

    public List<ModelRun> runs() {
        return Collections.unmodifiableList(runs);
    }

    /** Steps taken so far. */
    @Override
    public int stepsTaken() {
        return step;
    }

    /** One batch, one update of every healthy run; validation every {@code evalEvery} steps. */
    public StepOutcome trainStep() {
        checkpoints.live(runs);   // training goes on from the live weights, never from a checkpoint being viewed
        Batch batch = data.trainBatch(config.batch(), config.steps(), batchRng);
        List<Boolean> wasOk = runs.stream().map(r -> r.status() == ModelRun.Status.OK).toList();
        int next = step + 1;
        List<ModelRun.StepResult> results = SideBySide.each(runs.size(), i -> runs.get(i).step(fed(i, batch), next));
        List<String> divergences = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            if (wasOk.get(i) && results.get(i).diverged()) {
                divergences.add(runs.get(i).message());
            }
        }
        step++;
        boolean evaluate = step % config.evalEvery() == 0 || step == 1;
        if (evaluate) {
            evaluate();
        }
        if (Checkpoints.due(step)) {
            checkpoints.record(step, runs);
        }
        return new StepOutcome(step, results, evaluate, divergences);
    }

    /** Validation loss of every healthy run, recorded at the current step. */
    public void evaluate() {
        SideBySide.each(runs.size(), i -> {
            ModelRun run = runs.get(i);
            if (run.status() == ModelRun.Status.OK) {
                run.evaluate(validation.get(i), step);
            }
            return run;
        });
    }

    /** Model {@code run}'s validation loss in bits for the weights it holds now (a checkpoint's too), not recorded. */
    public double validationBitsNow(ModelRun run) {
        return Metrics.bits(run.meanLoss(validation(run)));
    }

    /** The validation batches {@code run} is scored on (the same images in its own pixel order). */
    public List<Batch> validation(ModelRun run) {
        return validation.get(runs.indexOf(run));
    }

    /** A text in the data's symbols, encoded as {@code run} reads it ({@link #readBy}). */
    public int[] encodeFor(ModelRun run, String text) {
        return readBy(run, dataOf(run).vocabulary().encode(text));
    }

    /** What run {@code i} is fed of a batch: the batch itself, or for digits read as a sequence, the same images in its order. */
    public Batch fed(int i, Batch batch) {
        PixelOrder order = runConfigs.get(i).order();
        return order != null && data instanceof OrderedPixels o ? o.reorder(batch, order) : batch;
    }

    /**
     * An input in the data's symbols as {@code run} reads it: for digits read as a sequence, a whole image's pixels put
     * into the run's own order (the views inspect every model on the same digit); anything else unchanged.
     */
    public int[] readBy(ModelRun run, int[] symbols) {
        DataSource own = dataOf(run);
        if (own == data || !(data instanceof OrderedPixels o) || symbols.length != o.fixedSteps()) {
            return symbols;
        }
        int[] image = o.toImage(symbols);
        int[] path = ((OrderedPixels) own).path();
        int[] out = new int[symbols.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = image[path[k]];
        }
        return out;
    }

    /** The data as run {@code i} reads it (for digits read as a sequence, in its own pixel order). */
    public DataSource dataOf(ModelRun run) {
        PixelOrder order = runConfigs.get(runs.indexOf(run)).order();
        return order != null && data instanceof OrderedPixels o ? o.in(order) : data;
    }

    /** The weights kept at chosen steps, for going back in time. */
    public Checkpoints checkpoints() {
        return checkpoints;
    }

    /** Every model as it was after {@code step} (a step with a checkpoint), until {@link #live()} or the next step. */
    public void view(int step) {
        checkpoints.view(step, runs);
    }

    /** Every model with its live weights again. */
    public void live() {
        checkpoints.live(runs);
    }

    /** True when no run can train any more. */
    public boolean allDiverged() {
        return runs.stream().allMatch(r -> r.status() == ModelRun.Status.DIVERGED);
    }

    @Override
    public String advance() {
        List<String> divergences = trainStep().divergences();
        // the runs' own messages tell the whole story; the status line only names who stopped
        return divergences.isEmpty() ? null : divergences.size() == 1 ? "A model diverged; it is paused on its last good weights."
                : divergences.size() + " models diverged; they are paused on their last good weights.";
    }

    @Override
    public String exhausted() {
        return allDiverged() ? "Every model has diverged; reset to start again." : null;
    }

    /** The exact entropy floor of this session's windows, in bits, if the source knows it. */
    public OptionalDouble entropyFloorBits() {
        return data.entropyFloorBits(config.steps());
    }
}
