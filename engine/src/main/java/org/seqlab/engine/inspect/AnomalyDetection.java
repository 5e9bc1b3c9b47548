package org.seqlab.engine.inspect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.seqlab.engine.data.Batch;
import org.seqlab.engine.data.DigitsCorpus;
import org.seqlab.engine.metrics.Metrics;
import org.seqlab.engine.metrics.RocAuc;
import org.seqlab.engine.model.Forward;
import org.seqlab.engine.model.SequenceModel;
import org.seqlab.engine.model.TraceLevel;

/**
 * Likelihood-based anomaly detection: a density model gives every image its negative log-likelihood in bits per
 * dimension; digits like the training ones should score low, damaged ones high. Held-out digits are compared
 * with three perturbations of the same digits — salt-and-pepper noise, a shift, and inverted ink — and each is
 * summarised by the ROC AUC of bits per dimension as the anomaly score.
 */
public final class AnomalyDetection {

    /** Flipped pixels in the noisy set. */
    public static final double NOISE = 0.1;
    /** Pixels moved right and down in the shifted set (a quarter of the width). */
    public static final double SHIFT = 0.25;

    /**
     * Bits per dimension of every image in each set, and each perturbed set's AUC against the held-out digits.
     *
     * @param sets "held-out", "noise", "shifted", "inverted" → one score per image
     * @param auc  per perturbed set
     */
    public record Result(Map<String, double[]> sets, Map<String, Double> auc, int step) {
        public double[] heldOut() {
            return sets.get("held-out");
        }
    }

    private AnomalyDetection() {
    }

    public static Result compute(SequenceModel model, DigitsCorpus digits, int count, int step, long seed) {
        int h = digits.imageShape().height();
        int w = digits.imageShape().width();
        int shift = Math.max(1, (int) Math.round(w * SHIFT / 2));
        SplittableRandom rng = new SplittableRandom(seed);
        List<int[]> held = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            held.add(digits.image(digits.trainCount() + i % (digits.count() - digits.trainCount())));
        }
        List<int[]> noise = new ArrayList<>();
        List<int[]> shifted = new ArrayList<>();
        List<int[]> inverted = new ArrayList<>();
        for (int[] img : held) {
            int[] n = img.clone();
            for (int p = 0; p < n.length; p++) {
                if (rng.nextDouble() < NOISE) {
                    n[p] = 1 - n[p];
                }
            }
            noise.add(n);
            int[] s = new int[img.length];
            for (int r = shift; r < h; r++) {
                for (int c = shift; c < w; c++) {
                    s[r * w + c] = img[(r - shift) * w + (c - shift)];
                }
            }
            shifted.add(s);
            int[] v = new int[img.length];
            for (int p = 0; p < v.length; p++) {
                v[p] = 1 - img[p];
            }
            inverted.add(v);
        }
        Map<String, double[]> sets = new LinkedHashMap<>();
        sets.put("held-out", bitsPerDim(model, held));
        sets.put("noise", bitsPerDim(model, noise));
        sets.put("shifted", bitsPerDim(model, shifted));
        sets.put("inverted", bitsPerDim(model, inverted));
        Map<String, Double> auc = new LinkedHashMap<>();
        for (String k : List.of("noise", "shifted", "inverted")) {
            auc.put(k, RocAuc.of(sets.get("held-out"), sets.get(k)));
        }
        return new Result(sets, auc, step);
    }

    /** −log₂ p(image) / pixels for each image, 32 at a time. */
    public static double[] bitsPerDim(SequenceModel model, List<int[]> images) {
        int pixels = images.get(0).length;
        double[] out = new double[images.size()];
        for (int start = 0; start < images.size(); start += 32) {
            int b = Math.min(32, images.size() - start);
            int[] px = new int[b * pixels];
            for (int k = 0; k < b; k++) {
                System.arraycopy(images.get(start + k), 0, px, k * pixels, pixels);
            }
            Forward f = model.forward(new Batch(b, pixels, px, px), TraceLevel.NONE);
            float[] logits = f.logits();
            int v = f.vocab();
            for (int k = 0; k < b; k++) {
                double nats = 0;
                for (int p = 0; p < pixels; p++) {
                    nats -= org.seqlab.engine.metrics.Metrics.logProb(logits, (k * pixels + p) * v, v, px[k * pixels + p]);
                }
                out[start + k] = Metrics.bits(nats / pixels);
            }
        }
        return out;
    }
}
