package org.seqlab.engine.data;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.seqlab.engine.io.DataException;
import org.seqlab.engine.io.Says;

/**
 * A folder of one's own PNG or JPEG images (a class's handwritten digits, icons) as data for the pixel models:
 * each scaled to a small square, made grey, turned so that the strokes are ink whatever the paper, binarised, and
 * split 90/10 into training and validation after a fixed shuffle. Untrusted input: the folder's entries, each file's
 * size and each image's dimensions are checked before anything is decoded; only regular files inside the folder are
 * read (a symbolic link is skipped, wherever it points); the folder's pixels together are bounded
 * ({@value #MAX_TOTAL_PIXELS}), and a large image is subsampled while it is decoded, so a folder of huge images costs
 * seconds, not minutes.
 */
public final class ImageFolders {

    public static final int MIN_IMAGES = 20;
    public static final int MAX_IMAGES = 20_000;
    public static final long MAX_FILE_BYTES = 20L << 20;
    public static final int MAX_SIDE = 8192;
    /** All the images' pixels together, as their headers declare them: a billion is 40 phone photos' worth, twice over. */
    public static final long MAX_TOTAL_PIXELS = 1_000_000_000L;
    /** A decoded image is subsampled to at most this many times the target side before it is scaled down. */
    static final int OVERSAMPLE = 4;

    private ImageFolders() {
    }

    /**
     * @param size the side of the square each image becomes (14 or 28)
     * @throws DataException one sentence: not a folder, too many or too few images, a file too large
     */
    public static DigitsCorpus load(Path dir, int size, String name) throws DataException {
        String shown = dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
        if (dir.toString().isBlank()) {
            throw DataException.says("images.imagesDirNeedsFolder");
        }
        if (!Files.isDirectory(dir)) {
            throw DataException.says("images.isNotFolderImages", dir);
        }
        List<Path> files = new ArrayList<>();
        int links = 0;
        try (Stream<Path> list = Files.list(dir)) {
            Iterator<Path> it = list.iterator();
            while (it.hasNext()) {
                Path p = it.next();
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                if (!(n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg"))) {
                    continue;
                }
                if (Files.isSymbolicLink(p) || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    links++;       // a link may point anywhere (/etc/shadow): never opened
                    continue;
                }
                if (files.size() == MAX_IMAGES) {
                    throw DataException.says("images.holdsMoreThanImages", shown, MAX_IMAGES);
                }
                files.add(p);
            }
        } catch (IOException e) {
            throw DataException.says("images.cannotBeRead", dir, e);
        }
        long pixels = 0;
        for (Path f : files) {
            pixels += declaredPixels(f);
        }
        if (pixels > MAX_TOTAL_PIXELS) {
            throw DataException.says("images.imagesInHoldMillion", shown, pixels / 1_000_000, MAX_TOTAL_PIXELS / 1_000_000);
        }
        files.sort(null);
        List<int[]> images = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Path f : files) {
            try {
                images.add(binary(read(f, size), size));
            } catch (DataException e) {
                refused.add(e.getMessage());
            }
        }
        if (images.size() < MIN_IMAGES) {
            throw DataException.says(images.size() == 1 ? "images.tooFew.one" : "images.tooFew", shown, images.size(), MIN_IMAGES,
                    refused.isEmpty() ? "" : Says.of("images.refused", refused.size(), refused.get(0)),
                    links == 0 ? "" : Says.of(links == 1 ? "images.links.one" : "images.links", links));
        }
        // a fixed shuffle, so that validation is not just the last files' names
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = images.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int[] t = images.get(i);
            images.set(i, images.get(j));
            images.set(j, t);
        }
        int validation = Math.max(2, images.size() / 10);
        int skipped = refused.size() + links;
        return DigitsCorpus.ofImages(name, "your images in " + shown + (skipped == 0 ? "" : " (" + skipped
                + " files skipped)"), new ImageShape(size, size), images.toArray(int[][]::new), images.size() - validation);
    }

    /** An image's width × height from its header alone (0 when it has none SeqLab reads: it is named when decoded). */
    static long declaredPixels(Path f) {
        try (ImageInputStream in = ImageIO.createImageInputStream(f.toFile())) {
            Iterator<ImageReader> readers = in == null ? Collections.emptyIterator() : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return 0;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return (long) reader.getWidth(0) * reader.getHeight(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * Decodes one image after checking its file size and, from its header alone, its dimensions; a large one is
     * subsampled as it is decoded, to at most {@value #OVERSAMPLE} × {@code size} pixels on a side.
     */
    static BufferedImage read(Path f, int size) throws DataException {
        String name = f.getFileName().toString();
        try {
            if (Files.size(f) > MAX_FILE_BYTES) {
                throw DataException.says("images.isLargerThanMb", name, MAX_FILE_BYTES >> 20);
            }
            try (ImageInputStream in = ImageIO.createImageInputStream(f.toFile())) {
                Iterator<ImageReader> readers = in == null ? Collections.emptyIterator() : ImageIO.getImageReaders(in);
                if (!readers.hasNext()) {
                    throw DataException.says("images.isNotPngOr", name);
                }
                ImageReader reader = readers.next();
                try {
                    reader.setInput(in, true, true);
                    int w = reader.getWidth(0);
                    int h = reader.getHeight(0);
                    if (w < 1 || h < 1 || w > MAX_SIDE || h > MAX_SIDE) {
                        throw DataException.says("images.isPixelsSeqlabReads", name, w, h, MAX_SIDE);
                    }
                    javax.imageio.ImageReadParam param = reader.getDefaultReadParam();
                    int step = Math.max(1, (Math.max(w, h) + OVERSAMPLE * size - 1) / (OVERSAMPLE * size));
                    param.setSourceSubsampling(step, step, 0, 0);
                    return reader.read(0, param);
                } finally {
                    reader.dispose();
                }
            }
        } catch (IOException | RuntimeException e) {
            throw DataException.says("images.isNotReadablePng", name, e);
        }
    }

    /**
     * The image as {@code size × size} binary pixels: grey, scaled by area averaging, turned so the paper (the
     * border's mean) is 0, and ink where a pixel is more than half way from the paper to the darkest or brightest stroke.
     */
    static int[] binary(BufferedImage src, int size) {
        BufferedImage grey = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        java.awt.Graphics2D g = grey.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, size, size);
        g.drawImage(src.getScaledInstance(size, size, java.awt.Image.SCALE_AREA_AVERAGING), 0, 0, null);
        g.dispose();
        int[] v = new int[size * size];
        grey.getRaster().getPixels(0, 0, size, size, v);
        double border = 0;
        int n = 0;
        for (int i = 0; i < size; i++) {
            border += v[i] + v[(size - 1) * size + i] + v[i * size] + v[i * size + size - 1];
            n += 4;
        }
        border /= n;
        double far = 0;
        for (int x : v) {
            far = Math.max(far, Math.abs(x - border));
        }
        int[] out = new int[size * size];
        for (int i = 0; i < v.length; i++) {
            out[i] = far > 0 && Math.abs(v[i] - border) > far / 2 ? 1 : 0;
        }
        return out;
    }
}
