package org.seqlab.engine.inspect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleConsumer;
import org.seqlab.engine.data.Batch;
import org.seqlab.engine.data.DataSource;
import org.seqlab.engine.data.ExactSource;
import org.seqlab.engine.model.SequenceModel;
import org.seqlab.engine.model.Step;
import org.seqlab.engine.model.StepState;
import org.seqlab.engine.sample.DecodeStep;
import org.seqlab.engine.sample.Decoder;
import org.seqlab.engine.sample.DecodingConfig;

/**
 * Exposure bias: a model trained with teacher forcing always reads the true prefix, but when it generates it
 * reads its own output. For a reference continuation this computes, at every step t, the loss of the true next
 * token given the true history (teacher forcing) and given the model's own generated history (free running),
 * and where the generation first leaves the reference. On a source that knows its probabilities it also finds
 * where the generation becomes impossible under the source, i.e. where the model leaves the data it was
 * trained on.
 */
public final class ExposureBias {

    /**
     * @param reference     the true continuation
     * @param generated     what the model produced from the same prefix, free running
     * @param teacherForced −log p(reference_t | prefix, reference_&lt;t), nats
     * @param freeRunning   −log p(reference_t | prefix, generated_&lt;t), nats
     * @param divergence    the first t with generated_t ≠ reference_t, or −1
     * @param impossibleAt  the first t at which prefix · generated_≤t has probability 0 under the source, or −1
     *                      (also −1 without a source)
     */
    public record Result(int[] reference, int[] generated, double[] teacherForced, double[] freeRunning, int divergence,
            int impossibleAt) {
    }

    /**
     * Mean per-step losses over many windows of the validation data.
     *
     * @param divergedShare the share of windows whose generation has left the reference by step t
     */
    public record Average(int windows, double[] teacherForced, double[] freeRunning, double[] divergedShare) {
    }

    private ExposureBias() {
    }

    public static Result compute(SequenceModel model, int[] prefix, int[] reference, DecodingConfig decoding, ExactSource source) {
        return computeAll(model, new int[][] {prefix}, new int[][] {reference}, decoding, source, done -> { }).get(0);
    }

    /**
     * {@link #compute} for B prefixes of one length and B references of one length at once, with the model stepping
     * all B sequences together (two batched steps per token: one teacher-forced, one free-running). Sequence i
     * samples with seed {@code decoding.seed() + i}.
     *
     * @param progress told the share of steps done, from 0 to 1
     */
    public static List<Result> computeAll(SequenceModel model, int[][] prefixes, int[][] references, DecodingConfig decoding,
            ExactSource source, DoubleConsumer progress) {
        int batch = prefixes.length;
        int p = prefixes[0].length;
        int n = references[0].length;
        if (p == 0) {
            throw new IllegalArgumentException("exposure bias needs a prefix of at least one token");
        }
        StepState state = model.start(batch);
        Step last = null;
        for (int t = 0; t < p; t++) {
            last = model.step(state, column(prefixes, t));
            state = last.state();
        }
        Step teacher = last;
        Step free = last;
        double[][] tf = new double[batch][n];
        double[][] fr = new double[batch][n];
        int[][] generated = new int[batch][n];
        int[] divergence = new int[batch];
        int[] impossibleAt = new int[batch];
        Arrays.fill(divergence, -1);
        Arrays.fill(impossibleAt, -1);
        SplittableRandom[] rng = new SplittableRandom[batch];
        for (int i = 0; i < batch; i++) {
            rng[i] = new SplittableRandom(decoding.seed() + i);
        }
        for (int t = 0; t < n; t++) {
            int[] chosen = new int[batch];
            for (int i = 0; i < batch; i++) {
                int truth = references[i][t];
                tf[i][t] = nats(teacher.logits()[i], truth);
                fr[i][t] = nats(free.logits()[i], truth);
                DecodeStep d = Decoder.step(free.logits()[i], decoding, rng[i], 0);
                chosen[i] = d.chosen();
                generated[i][t] = d.chosen();
                if (divergence[i] < 0 && chosen[i] != truth) {
                    divergence[i] = t;
                }
                if (source != null && impossibleAt[i] < 0) {
                    int[] sofar = Arrays.copyOf(prefixes[i], p + t + 1);
                    System.arraycopy(generated[i], 0, sofar, p, t + 1);
                    if (!(source.probability(sofar) > 0)) {
                        impossibleAt[i] = t;
                    }
                }
            }
            // the last token needs no logits after it (and an image model has no pixel left to predict)
            if (t + 1 < n) {
                teacher = model.step(teacher.state(), column(references, t));
                free = model.step(free.state(), chosen);
            }
            progress.accept((t + 1) / (double) n);
        }
        List<Result> out = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            out.add(new Result(references[i].clone(), generated[i], tf[i], fr[i], divergence[i], impossibleAt[i]));
        }
        return out;
    }

    private static int[] column(int[][] rows, int t) {
        int[] c = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            c[i] = rows[i][t];
        }
        return c;
    }

    /**
     * Up to {@code count} validation sequences of the data, each as one array: a text window of T + 1 tokens (its
     * inputs, then its last target), or a whole image (an image batch's inputs are its pixels).
     */
    public static List<int[]> sequences(DataSource data, int steps, int count) {
        boolean image = data.imageShape() != null;
        List<int[]> out = new ArrayList<>();
        for (Batch b : data.validationBatches(Math.min(32, count), steps, (count + 31) / 32)) {
            for (int i = 0; i < b.batch() && out.size() < count; i++) {
                int[] seq = new int[image ? b.steps() : b.steps() + 1];
                for (int t = 0; t < b.steps(); t++) {
                    seq[t] = b.input(i, t);
                }
                if (!image) {
                    seq[b.steps()] = b.target(i, b.steps() - 1);
                }
                out.add(seq);
            }
        }
        return out;
    }

    /** Averages {@link #compute} over sequences: each one's first {@code prefixLength} tokens are the prefix, the rest the reference. */
    public static Average average(SequenceModel model, List<int[]> sequences, int prefixLength, DecodingConfig decoding) {
        return average(model, sequences, prefixLength, decoding, done -> { });
    }

    /** @param progress told the share done, from 0 to 1 */
    public static Average average(SequenceModel model, List<int[]> sequences, int prefixLength, DecodingConfig decoding,
            DoubleConsumer progress) {
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("no sequences to continue");
        }
        int n = sequences.get(0).length;
        if (prefixLength < 1 || prefixLength >= n) {
            throw new IllegalArgumentException("the prefix must be 1 to " + (n - 1) + " tokens of the " + n + ", not " + prefixLength);
        }
        int length = n - prefixLength;
        int[][] prefixes = new int[sequences.size()][];
        int[][] references = new int[sequences.size()][];
        for (int i = 0; i < prefixes.length; i++) {
            prefixes[i] = Arrays.copyOf(sequences.get(i), prefixLength);
            references[i] = Arrays.copyOfRange(sequences.get(i), prefixLength, n);
        }
        List<Result> all = computeAll(model, prefixes, references, decoding, null, progress);
        double[] tf = new double[length];
        double[] fr = new double[length];
        double[] diverged = new double[length];
        for (Result r : all) {
            for (int t = 0; t < length; t++) {
                tf[t] += r.teacherForced()[t] / all.size();
                fr[t] += r.freeRunning()[t] / all.size();
                diverged[t] += (r.divergence() >= 0 && r.divergence() <= t ? 1.0 : 0.0) / all.size();
            }
        }
        return new Average(all.size(), tf, fr, diverged);
    }

    private static double nats(float[] logits, int token) {
        return -Math.log(Math.max(Decoder.softmax(logits, 1.0)[token], Double.MIN_VALUE));
    }
}
