package org.seqlab.engine.inspect;

import java.util.SplittableRandom;
import org.seqlab.engine.data.Batch;
import org.seqlab.engine.model.Forward;
import org.seqlab.engine.model.SequenceModel;
import org.seqlab.engine.model.TraceLevel;

/**
 * Drawing an image the way an autoregressive image model defines it: pixel by pixel in raster order, each drawn
 * from p(x_i = 1 | x_&lt;i) given everything drawn so far. Records that probability for every pixel, so the
 * drawing can be replayed as an animation. Given a prefix (say the top half of a real digit), it completes the rest.
 */
public final class PixelSampling {

    /**
     * @param pixels        the finished image
     * @param probabilities p(x_i = 1 | x_&lt;i) at the moment pixel i was drawn (or scored, for given pixels)
     * @param given         how many leading pixels came from the prefix
     */
    public record Drawing(int height, int width, int[] pixels, double[] probabilities, int given) {
    }

    private PixelSampling() {
    }

    /** @param prefix the first pixels, fixed (may be empty) */
    public static Drawing draw(SequenceModel model, int height, int width, int[] prefix, double temperature, long seed) {
        int n = height * width;
        int[] image = new int[n];
        System.arraycopy(prefix, 0, image, 0, Math.min(prefix.length, n));
        double[] probs = new double[n];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            // the masks make pixels ≥ i irrelevant to pixel i, so the unfinished part of the image does not matter
            Forward f = model.forward(new Batch(1, n, image, image), TraceLevel.NONE);
            double l0 = f.logit(0, i, 0);
            double l1 = f.logit(0, i, 1);
            double p = 1 / (1 + Math.exp(-(l1 - l0) / Math.max(1e-6, temperature)));
            probs[i] = 1 / (1 + Math.exp(-(l1 - l0)));
            if (i >= prefix.length) {
                image[i] = temperature <= 0 ? (p > 0.5 ? 1 : 0) : rng.nextDouble() < p ? 1 : 0;
            }
        }
        return new Drawing(height, width, image, probs, Math.min(prefix.length, n));
    }
}
