package org.seqlab.engine.model.conv;

import java.util.ArrayList;
import java.util.List;

/**
 * Which positions of a kernel a masked convolution may use: a {@code height × width} grid whose centre sits on
 * the output position; {@code on[i·width + j]} says whether the input at offset (i − centreRow, j − centreCol)
 * takes part. Masks are what make a convolution causal: nothing at or after the output position in raster order
 * (type A), or nothing after it (type B).
 */
public record Mask(String name, int height, int width, int centerRow, int centerCol, boolean[] on) {

    public Mask {
        if (on.length != height * width) {
            throw new IllegalArgumentException("mask needs " + height * width + " entries");
        }
        on = on.clone();
    }

    @Override
    public boolean[] on() {
        return on.clone();
    }

    public boolean at(int row, int col) {
        return on[row * width + col];
    }

    /** The (dy, dx) offsets of the positions that are on, in raster order of the kernel. */
    public int[][] taps() {
        List<int[]> t = new ArrayList<>();
        for (int i = 0; i < height; i++) {
            for (int j = 0; j < width; j++) {
                if (on[i * width + j]) {
                    t.add(new int[] {i - centerRow, j - centerCol});
                }
            }
        }
        return t.toArray(int[][]::new);
    }

    /** PixelCNN's first layer (van den Oord et al. 2016): rows above the centre, and the centre row left of it. */
    public static Mask typeA(int k) {
        return raster("A", k, false);
    }

    /** PixelCNN's later layers: as type A, plus the centre itself (a feature may use its own position's features). */
    public static Mask typeB(int k) {
        return raster("B", k, true);
    }

    private static Mask raster(String name, int k, boolean centre) {
        int c = k / 2;
        boolean[] on = new boolean[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                on[i * k + j] = i < c || i == c && (j < c || centre && j == c);
            }
        }
        return new Mask(name, k, k, c, c, on);
    }

    /** Gated PixelCNN's vertical stack: every row up to and including the centre's (its output is shifted down a row before the horizontal stack reads it). */
    public static Mask vertical(int k) {
        int c = k / 2;
        boolean[] on = new boolean[k * k];
        for (int i = 0; i <= c; i++) {
            for (int j = 0; j < k; j++) {
                on[i * k + j] = true;
            }
        }
        return new Mask("vertical", k, k, c, c, on);
    }

    /** Gated PixelCNN's horizontal stack: the centre row to the left of the centre (A) or including it (B). */
    public static Mask horizontal(int k, boolean includeCentre) {
        int c = k / 2;
        boolean[] on = new boolean[k];
        for (int j = 0; j < k; j++) {
            on[j] = j < c || includeCentre && j == c;
        }
        return new Mask(includeCentre ? "horizontal B" : "horizontal A", 1, k, 0, c, on);
    }

    /**
     * A causal 1-D convolution with k taps spaced {@code dilation} apart, ending at the output position:
     * offsets 0, −d, −2d, … −(k−1)d.
     */
    public static Mask causal1d(int k, int dilation) {
        int w = (k - 1) * dilation + 1;
        boolean[] on = new boolean[w];
        for (int i = 0; i < k; i++) {
            on[w - 1 - i * dilation] = true;
        }
        return new Mask("causal d=" + dilation, 1, w, 0, w - 1, on);
    }
}
