package org.seqlab.engine.inspect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.seqlab.engine.data.Batch;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.Models;
import org.seqlab.engine.model.SequenceModel;
import org.seqlab.engine.model.Step;
import org.seqlab.engine.model.StepState;
import org.seqlab.engine.model.TraceLevel;

/**
 * What sequence length costs, measured on this machine: the time of one forward pass and the memory its
 * attention matrices (or recurrent state) need, as T grows; and generation speed in tokens per second for a
 * recurrent step, a Transformer step with its key/value cache, and a Transformer recomputing the whole prefix.
 * Models are built fresh with the given sizes (timing does not depend on the weights).
 */
public final class Costs {

    /**
     * One model's measurements.
     *
     * @param lengths        the sequence lengths T measured
     * @param forwardMillis  median time of one forward pass of one sequence of each length
     * @param memoryBytes    float32 bytes of the attention weights L·heads·T² (Transformer) or of the state the
     *                       recurrent layers carry from step to step, L·H (or 2·L·H for an LSTM), constant in T
     * @param tokensPerSecond generation speed, one token at a time
     * @param uncachedTokensPerSecond a Transformer recomputing the whole prefix for every token (NaN otherwise)
     */
    public record ModelCosts(String label, Family family, int[] lengths, double[] forwardMillis, double[] memoryBytes,
            double tokensPerSecond, double uncachedTokensPerSecond) {
    }

    private Costs() {
    }

    /** The lengths measured: 16, 32, … up to {@code maxLength}. */
    public static int[] lengths(int maxLength) {
        List<Integer> out = new ArrayList<>();
        for (int t = 16; t <= maxLength; t *= 2) {
            out.add(t);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * @param generate tokens to generate for the speed measurement
     */
    public static ModelCosts measure(String label, ModelConfig config, int vocab, int maxLength, int generate) {
        int[] lengths = lengths(maxLength);
        ModelConfig c = config.family() == Family.TRANSFORMER ? config.withContext(Math.max(config.context(), maxLength)) : config;
        SequenceModel model = Models.create(c, vocab, 1);
        double[] ms = new double[lengths.length];
        double[] bytes = new double[lengths.length];
        // a full pass first, so that the JIT has compiled the code paths before anything is timed
        for (int t : lengths) {
            model.forward(Batch.ofSequence(new int[t + 1]), TraceLevel.NONE);
        }
        tokensPerSecond(model, 50);
        for (int i = 0; i < lengths.length; i++) {
            int t = lengths[i];
            int[] tokens = new int[t + 1];
            for (int k = 0; k < tokens.length; k++) {
                tokens[k] = k % vocab;
            }
            Batch b = Batch.ofSequence(tokens);
            model.forward(b, TraceLevel.NONE); // warm up this shape
            double[] runs = new double[5];
            for (int r = 0; r < runs.length; r++) {
                long t0 = System.nanoTime();
                model.forward(b, TraceLevel.NONE);
                runs[r] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(runs);
            ms[i] = runs[runs.length / 2];
            bytes[i] = memoryBytes(config, t);
        }
        double cached = tokensPerSecond(model, generate);
        double uncached = config.family() == Family.TRANSFORMER ? uncachedTokensPerSecond(model, generate, config.context()) : Double.NaN;
        return new ModelCosts(label, config.family(), lengths, ms, bytes, cached, uncached);
    }

    /** Float32 bytes of the attention weights of one sequence, or of the recurrent state. */
    public static double memoryBytes(ModelConfig c, int steps) {
        return switch (c.family()) {
            case TRANSFORMER -> 4.0 * c.layers() * c.heads() * steps * steps;
            case LSTM -> 4.0 * 2 * c.layers() * c.hidden();
            case RNN -> 4.0 * c.layers() * c.hidden();
            // a causal conv needs its receptive field of activations in every layer to make the next step
            case CONV1D -> 4.0 * c.layers() * c.hidden() * c.receptiveField();
            case PIXELCNN, GATED_PIXELCNN -> throw new IllegalArgumentException("image models are not measured per sequence length");
        };
    }

    /** One token at a time through {@code step} (a Transformer uses its cache). */
    static double tokensPerSecond(SequenceModel model, int n) {
        StepState s = model.start(1);
        for (int i = 0; i < 5; i++) {
            s = model.step(s, new int[] {i % 2}).state(); // warm up
        }
        s = model.start(1);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Step st = model.step(s, new int[] {i % 2});
            s = st.state();
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    /** Each token recomputes the whole visible prefix (up to the context) with a full forward pass. */
    static double uncachedTokensPerSecond(SequenceModel model, int n, int context) {
        int[] history = new int[n + 1];
        long t0 = System.nanoTime();
        for (int i = 1; i <= n; i++) {
            int from = Math.max(0, i - context);
            int[] window = Arrays.copyOfRange(history, from, i);
            model.forward(new Batch(1, window.length, window, window), TraceLevel.NONE).logits();
            history[i] = i % 2;
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }
}
