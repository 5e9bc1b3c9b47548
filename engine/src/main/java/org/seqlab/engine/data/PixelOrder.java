package org.seqlab.engine.data;

import org.seqlab.engine.io.BadValue;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The order in which a sequence model reads an image's pixels. An image is not a sequence: the chain rule holds for
 * any order, p(x) = Π_k p(x_{π(k)} | x_{π(<k)}), and each order asks the model to learn different conditionals.
 * Orders that keep neighbours close in the sequence (raster, snake, column, Hilbert) leave the model short-range
 * dependencies; a random permutation scatters them.
 */
public enum PixelOrder {
    /** Row by row, left to right: the PixelCNN's order. */
    RASTER("raster", "Raster"),
    /** Row by row, every other row right to left (boustrophedon): the next pixel is always a neighbour. */
    SNAKE("snake", "Snake"),
    /** Column by column, top to bottom. */
    COLUMN("column", "Column-major"),
    /** The Hilbert curve over the next power-of-two square, cells outside the image skipped: nearby in the sequence is nearby in the image. */
    HILBERT("hilbert", "Hilbert curve"),
    /** One fixed random permutation (seed 1), the same for every image. */
    RANDOM("random", "Random (fixed)");

    private final String id;
    private final String label;

    PixelOrder(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return label;
    }

    public static PixelOrder parse(String s) {
        for (PixelOrder o : values()) {
            if (o.id.equalsIgnoreCase(s.trim())) {
                return o;
            }
        }
        throw BadValue.says("config.unknownOrder", s);
    }

    /** path[k] = the (row-major) index of the pixel read k-th; a permutation of 0 … h·w−1. */
    public int[] path(int h, int w) {
        int[] p = new int[h * w];
        switch (this) {
            case RASTER -> {
                for (int i = 0; i < p.length; i++) {
                    p[i] = i;
                }
            }
            case SNAKE -> {
                for (int r = 0, k = 0; r < h; r++) {
                    for (int c = 0; c < w; c++) {
                        p[k++] = r * w + (r % 2 == 0 ? c : w - 1 - c);
                    }
                }
            }
            case COLUMN -> {
                for (int c = 0, k = 0; c < w; c++) {
                    for (int r = 0; r < h; r++) {
                        p[k++] = r * w + c;
                    }
                }
            }
            case HILBERT -> {
                int n = 1;
                while (n < Math.max(h, w)) {
                    n *= 2;
                }
                List<Integer> kept = new ArrayList<>();
                for (int d = 0; d < n * n; d++) {
                    int[] xy = hilbert(n, d);
                    if (xy[1] < h && xy[0] < w) {
                        kept.add(xy[1] * w + xy[0]);
                    }
                }
                for (int i = 0; i < p.length; i++) {
                    p[i] = kept.get(i);
                }
            }
            case RANDOM -> {
                for (int i = 0; i < p.length; i++) {
                    p[i] = i;
                }
                SplittableRandom rng = new SplittableRandom(1);
                for (int i = p.length - 1; i > 0; i--) {   // Fisher–Yates
                    int j = rng.nextInt(i + 1);
                    int t = p[i];
                    p[i] = p[j];
                    p[j] = t;
                }
            }
            default -> throw new IllegalStateException();
        }
        return p;
    }

    /** The d-th cell (x, y) of the Hilbert curve filling an n × n square, n a power of two (the classic d2xy). */
    static int[] hilbert(int n, int d) {
        int x = 0;
        int y = 0;
        int t = d;
        for (int s = 1; s < n; s *= 2) {
            int rx = 1 & (t / 2);
            int ry = 1 & (t ^ rx);
            if (ry == 0) {   // rotate the quadrant
                if (rx == 1) {
                    x = s - 1 - x;
                    y = s - 1 - y;
                }
                int k = x;
                x = y;
                y = k;
            }
            x += s * rx;
            y += s * ry;
            t /= 4;
        }
        return new int[] {x, y};
    }
}
