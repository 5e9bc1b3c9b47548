package org.seqlab.engine.inspect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.seqlab.engine.data.Batch;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.SequenceModel;
import org.seqlab.engine.model.Step;
import org.seqlab.engine.model.StepState;
import org.seqlab.engine.model.TraceLevel;
import org.seqlab.engine.model.build.Models;

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
     * @param positions      the positions t at which one generation step was timed (1 … generate)
     * @param stepMillis     the time of the step that produces token t: a recurrent step (constant in t), a causal
     *                       conv step (constant), a Transformer step with its cache (attention over t keys: O(t))
     * @param uncachedMillis a Transformer recomputing all t tokens with a full forward pass (O(t²) attention; NaN otherwise),
     *                       on the same model and context as {@code stepMillis}
     */
    public record ModelCosts(String label, Family family, int[] lengths, double[] forwardMillis, double[] memoryBytes,
            double tokensPerSecond, double uncachedTokensPerSecond, int[] positions, double[] stepMillis, double[] uncachedMillis) {
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
        // both generation measurements on the same model, whose context covers every position measured
        double cached = tokensPerSecond(model, generate);
        double uncached = c.family() == Family.TRANSFORMER ? uncachedTokensPerSecond(model, generate, c.context()) : Double.NaN;
        int[] positions = new int[generate];
        for (int i = 0; i < generate; i++) {
            positions[i] = i + 1;
        }
        double[] step = stepMillis(model, generate);
        double[] full = new double[generate];
        if (c.family() == Family.TRANSFORMER) {
            full = uncachedMillis(model, generate);
        } else {
            Arrays.fill(full, Double.NaN);
        }
        return new ModelCosts(label, config.family(), lengths, ms, bytes, cached, uncached, positions, step, full);
    }

    /**
     * Rounds of timing per position; each position reports its fastest, since on a busy machine noise only ever adds
     * time (the usual estimator for microbenchmarks).
     */
    static final int REPEATS = 3;

    /** The time of each generation step, position by position (the fastest of {@link #REPEATS} generations). */
    public static double[] stepMillis(SequenceModel model, int n) {
        double[][] runs = new double[n][REPEATS];
        for (int r = 0; r < REPEATS; r++) {
            StepState s = model.start(1);
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                s = model.step(s, new int[] {i % 2}).state();
                runs[i][r] = (System.nanoTime() - t0) / 1e6;
            }
        }
        return fastest(runs);
    }

    /** The time of a full forward pass over the first t tokens, for t = 1 … n (the fastest of {@link #REPEATS}). */
    static double[] uncachedMillis(SequenceModel model, int n) {
        int[] tokens = new int[n];
        for (int i = 0; i < n; i++) {
            tokens[i] = i % 2;
        }
        double[][] runs = new double[n][REPEATS];
        for (int r = 0; r < REPEATS; r++) {
            for (int t = 1; t <= n; t++) {
                int[] window = Arrays.copyOf(tokens, t);
                long t0 = System.nanoTime();
                model.forward(new Batch(1, t, window, window), TraceLevel.NONE).logits();
                runs[t - 1][r] = (System.nanoTime() - t0) / 1e6;
            }
        }
        return fastest(runs);
    }

    private static double[] fastest(double[][] runs) {
        double[] out = new double[runs.length];
        for (int i = 0; i < runs.length; i++) {
            out[i] = Arrays.stream(runs[i]).min().orElse(Double.NaN);
        }
        return out;
    }

    /** Float32 bytes of the attention weights of one sequence, or of the recurrent state. */
    public static double memoryBytes(ModelConfig c, int steps) {
        return switch (c.family()) {
            case TRANSFORMER -> 4.0 * c.layers() * c.heads() * steps * steps;
            case LSTM -> 4.0 * 2 * c.layers() * c.hidden();
            case RNN, GRU -> 4.0 * c.layers() * c.hidden();
            // a causal conv needs its receptive field of activations in every layer to make the next step
            case CONV1D -> 4.0 * c.layers() * c.hidden() * c.receptiveField();
            case PIXELCNN, GATED_PIXELCNN, MADE -> throw new IllegalArgumentException("image models are not measured per sequence length");
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
