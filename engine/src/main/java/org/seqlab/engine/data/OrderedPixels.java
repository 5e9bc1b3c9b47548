package org.seqlab.engine.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * The digits as sequences for the text models: each image's pixels read in a {@link PixelOrder}, so that a recurrent
 * network, a causal convolution or a Transformer models p(x) = Π_k p(x_{π(k)} | x_{π(<k)}) over its H·W pixels.
 * Every pixel is a prediction: the first is predicted from a blank pixel (0, paper) standing for "nothing yet", so
 * the mean loss per prediction is exactly bits per dimension, comparable with the PixelCNN's. Named
 * {@code digits-14:snake} and the like; a session can read the same images in other orders per model
 * ({@link #reorder}).
 */
public final class OrderedPixels implements DataSource {

    private final DigitsCorpus digits;
    private final PixelOrder order;
    private final int[] path;

    public OrderedPixels(DigitsCorpus digits, PixelOrder order) {
        this.digits = digits;
        this.order = order;
        this.path = order.path(digits.imageShape().height(), digits.imageShape().width());
    }

    public PixelOrder order() {
        return order;
    }

    /** The same images in another order. */
    public OrderedPixels in(PixelOrder other) {
        return other == order ? this : new OrderedPixels(digits, other);
    }

    /** The images' size (the sequence is their pixels; the text models see no shape). */
    public ImageShape shape() {
        return digits.imageShape();
    }

    /** path[k]: the row-major index of the pixel read k-th. */
    public int[] path() {
        return path.clone();
    }

    @Override
    public String name() {
        return digits.name() + ":" + order.id();
    }

    @Override
    public String description() {
        return digits.description() + ", read as a sequence in " + order.toString().toLowerCase(Locale.ROOT) + " order";
    }

    @Override
    public Vocabulary vocabulary() {
        return digits.vocabulary();
    }

    @Override
    public int fixedSteps() {
        return digits.imageShape().pixels();
    }

    /** Image batches (every pixel its own target) as sequences: input k is pixel π(k−1) (a blank for k = 0), target k is pixel π(k). */
    public Batch sequences(Batch images) {
        int n = path.length;
        int[] in = new int[images.batch() * n];
        int[] out = new int[images.batch() * n];
        for (int b = 0; b < images.batch(); b++) {
            for (int k = 0; k < n; k++) {
                out[b * n + k] = images.target(b, path[k]);
                in[b * n + k] = k == 0 ? 0 : images.target(b, path[k - 1]);
            }
        }
        return new Batch(images.batch(), n, in, out);
    }

    /** A batch of this source's sequences read again in {@code other}'s order (the same images, pixel for pixel). */
    public Batch reorder(Batch sequences, PixelOrder other) {
        if (other == order) {
            return sequences;
        }
        int n = path.length;
        int[] px = new int[sequences.batch() * n];
        for (int b = 0; b < sequences.batch(); b++) {
            for (int k = 0; k < n; k++) {
                px[b * n + path[k]] = sequences.target(b, k);
            }
        }
        return in(other).sequences(new Batch(sequences.batch(), n, px, px));
    }

    /** Pixels as read (in this order) put back where they belong: a row-major image. */
    public int[] toImage(int[] read) {
        int[] img = new int[path.length];
        for (int k = 0; k < path.length && k < read.length; k++) {
            img[path[k]] = read[k];
        }
        return img;
    }

    @Override
    public Batch trainBatch(int batch, int steps, RandomGenerator rng) {
        return sequences(digits.trainBatch(batch, steps, rng));
    }

    @Override
    public List<Batch> validationBatches(int batch, int steps, int count) {
        List<Batch> out = new ArrayList<>();
        for (Batch b : digits.validationBatches(batch, steps, count)) {
            out.add(sequences(b));
        }
        return out;
    }

    @Override
    public int maxSteps() {
        return digits.maxSteps();
    }

    /** The example digits' pixels in this order, as 0s and 1s. */
    @Override
    public List<String> examples() {
        List<String> out = new ArrayList<>();
        for (String s : digits.examples()) {
            StringBuilder b = new StringBuilder();
            for (int k = 0; k < path.length; k++) {
                b.append(s.charAt(path[k]));
            }
            out.add(b.toString());
        }
        return out;
    }
}
