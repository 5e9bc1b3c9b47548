package org.seqlab.app.figures;

import org.seqlab.engine.tutor.vocabulary.Cause;
import org.seqlab.engine.tutor.CounterExperiment;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.DoubleConsumer;
import org.seqlab.engine.bridge.TorchExport;
import org.seqlab.engine.data.ImageShape;
import org.seqlab.engine.expect.Measured;
import org.seqlab.engine.expect.Point;
import org.seqlab.engine.inspect.Ablation;
import org.seqlab.engine.inspect.AnomalyDetection;
import org.seqlab.engine.inspect.Costs;
import org.seqlab.engine.inspect.LengthProbe;
import org.seqlab.engine.inspect.PixelSampling;
import org.seqlab.engine.model.conv.Mask;
import org.seqlab.engine.sample.DecodingConfig;

/**
 * The one port through which views reach the models: requests answered on the engine thread, between training
 * steps, as plain data. Nothing that draws holds the trainer or a live model. Runs are named by their id ("A").
 */
public interface EngineTasks {

    /** Greedy and {@code config} from the same prompt, every step's distributions kept. */
    CompletableFuture<DecodingFigure.Input> decode(String runId, String prompt, int length, DecodingConfig config, ImageShape image);

    /** A beam search of {@code width} from the prompt (with the source's probabilities when it knows them). */
    CompletableFuture<BeamFigure.Input> beam(String runId, String prompt, int width, int length);

    /**
     * Every model continues validation windows teacher-forced and free-running; window {@code example} is shown in
     * full. {@code prefix} &lt; 0 takes half a window (or image).
     */
    CompletableFuture<ExposureFigure.Input> exposure(int example, int prefix, DecodingConfig free, DoubleConsumer progress);

    /** The counter-experiment of {@code cause} for a model: it and the fix trained from the start on the same batches, judged. */
    CompletableFuture<CounterExperiment.Verdict> confirm(String runId, Cause cause, DoubleConsumer progress);

    /** The strategies, each continuing the prompt {@code samples} times. */
    CompletableFuture<StrategiesFigure.Input> strategies(String runId, String prompt, List<DecodingConfig> strategies, int samples,
            int length, DoubleConsumer progress);

    /** Every text model's validation loss on windows 1, 2 and 4 times the training length. */
    CompletableFuture<List<LengthProbe.Curve>> lengths();

    /** Fresh models of every text run's configuration, timed on this machine. */
    CompletableFuture<List<Costs.ModelCosts>> costs();

    /** The masks a convolutional model really uses (none for other models). */
    CompletableFuture<List<Mask>> masks(String runId);

    /** An image drawn pixel by pixel after {@code prefix}. */
    CompletableFuture<PixelSampling.Drawing> draw(String runId, int[] prefix, double temperature, long seed);

    /** Held-out digits and damaged copies scored by an image model. */
    CompletableFuture<AnomalyDetection.Result> anomalies(String runId, int digits, long seed);

    /**
     * Model {@code runId} with one part switched off against itself intact: per position of {@code text}, on validation, and
     * a generation of {@code length} from the text's first symbol replayed with the same draws.
     */
    CompletableFuture<AblationFigure.Input> ablate(String runId, Ablation part, String text, int length,
            double temperature, long seed);

    /**
     * {@code text} against a copy with its first symbol changed, the copy's state after {@code position} patched from the
     * text's run: a Transformer's whole cache when {@code whole}, else only that position's keys and values.
     */
    CompletableFuture<PatchingFigure.Input> patch(String runId, String text, int position, boolean whole);

    /** A Transformer's prediction read out before every block (the logit lens) on {@code text}. */
    CompletableFuture<LogitLensFigure.Input> lens(String runId, String text);

    /** A Transformer on {@code text} and on its symbols before the last reversed, with and without its causal mask. */
    CompletableFuture<PermutationFigure.Input> permute(String runId, String text);

    /** Every head's induction score of a Transformer. */
    CompletableFuture<InductionFigure.Input> induction(String runId);

    /** Every model that can be written, as a PyTorch program in a new folder of its own inside {@code folder}. */
    CompletableFuture<TorchExport.Written> toPyTorch(Path folder);

    /** The input every model view traces from now on. */
    void inspect(String text);

    /** The output whose loss the inspection back-propagates (−1: the last); for an image, the pixel whose field is mapped. */
    void inspectAt(int position);

    /** The lab's samples: temperature and length. */
    void setSampling(double temperature, int length);

    /**
     * A lesson scene's point on the models as they are and at every checkpoint, by the code {@code check-lessons} runs
     * ({@link Measured#of}); {@code input} is the scene's input as the views inspect it.
     */
    CompletableFuture<Measured> measure(Point point, String input);
}
