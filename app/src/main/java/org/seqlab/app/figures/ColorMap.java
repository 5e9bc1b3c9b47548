package org.seqlab.app.figures;

import java.awt.Color;

/**
 * Perceptually uniform colour maps, sampled from published anchor colours and interpolated linearly in RGB.
 * {@link #VIRIDIS} (matplotlib's default, van der Walt &amp; Smith) for values in a range; {@link #DIVERGING}
 * (Moreland's cool-warm) for signed values around zero.
 */
public final class ColorMap {

    public static final ColorMap VIRIDIS = new ColorMap("viridis", new int[] {
        0x440154, 0x482475, 0x414487, 0x355f8d, 0x2a788e, 0x21918c, 0x22a884, 0x44bf70, 0x7ad151, 0xbddf26, 0xfde725});

    public static final ColorMap DIVERGING = new ColorMap("cool-warm", new int[] {
        0x3b4cc0, 0x6282ea, 0x8db0fe, 0xb8d0f9, 0xdddddd, 0xf5c4ad, 0xf49a7b, 0xde604d, 0xb40426});

    private final String name;
    // 257 entries, so that t = 0.5 (zero on a diverging scale) falls exactly on the middle entry
    private final Color[] lut = new Color[257];

    private ColorMap(String name, int[] anchors) {
        this.name = name;
        for (int i = 0; i < lut.length; i++) {
            double pos = i / 256.0 * (anchors.length - 1);
            int k = Math.min(anchors.length - 2, (int) Math.floor(pos));
            double f = pos - k;
            int a = anchors[k];
            int b = anchors[k + 1];
            lut[i] = new Color(mix(a >> 16, b >> 16, f), mix(a >> 8, b >> 8, f), mix(a, b, f));
        }
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round((a & 0xff) * (1 - f) + (b & 0xff) * f);
    }

    public String name() {
        return name;
    }

    /** Colour at t in [0, 1] (clamped). */
    public Color at(double t) {
        if (Double.isNaN(t)) {
            return Color.GRAY;
        }
        int i = (int) Math.round(Math.max(0, Math.min(1, t)) * 256);
        return lut[i];
    }

    /** Colour of v on the scale lo..hi. */
    public Color at(double v, double lo, double hi) {
        return at((v - lo) / (hi - lo));
    }
}
