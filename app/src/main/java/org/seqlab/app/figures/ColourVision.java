package org.seqlab.app.figures;

import java.awt.Color;

/**
 * How a colour looks to an eye with a colour-vision deficiency, and how far apart two colours are: the simulation of
 * Machado, Oliveira &amp; Fernandes (2009, IEEE TVCG 15(6)) at full severity, applied in linear RGB, and the CIE 1976
 * colour difference ΔE*ab in CIELAB (D65). SeqLab's palette test holds every pair of model colours, and the ends and
 * middle of each colour map, apart by {@link #DISTINCT} under each deficiency.
 */
public final class ColourVision {

    /** A ΔE*ab this large is told apart at a glance (2.3 is the just-noticeable difference). */
    public static final double DISTINCT = 20;

    /** The three dichromacies, each a 3×3 matrix on linear RGB (Machado et al. 2009, severity 1.0). */
    public enum Deficiency {
        NONE(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}),
        PROTANOPIA(new double[] {0.152286, 1.052583, -0.204868, 0.114503, 0.786281, 0.099216, -0.003882, -0.048116, 1.051998}),
        DEUTERANOPIA(new double[] {0.367322, 0.860646, -0.227968, 0.280085, 0.672501, 0.047413, -0.011820, 0.042940, 0.968881}),
        TRITANOPIA(new double[] {1.255528, -0.076749, -0.178779, -0.078411, 0.930809, 0.147602, 0.004733, 0.691367, 0.303900});

        private final double[] m;

        Deficiency(double[] m) {
            this.m = m;
        }

        /** The colour as this eye sees it. */
        public Color see(Color c) {
            double r = linear(c.getRed());
            double g = linear(c.getGreen());
            double b = linear(c.getBlue());
            return new Color(encode(m[0] * r + m[1] * g + m[2] * b), encode(m[3] * r + m[4] * g + m[5] * b),
                    encode(m[6] * r + m[7] * g + m[8] * b));
        }
    }

    private ColourVision() {
    }

    /** ΔE*ab between two colours as {@code eye} sees them. */
    public static double distance(Color a, Color b, Deficiency eye) {
        double[] p = lab(eye.see(a));
        double[] q = lab(eye.see(b));
        return Math.sqrt(sq(p[0] - q[0]) + sq(p[1] - q[1]) + sq(p[2] - q[2]));
    }

    /** CIELAB (L*, a*, b*) of an sRGB colour, D65 white. */
    public static double[] lab(Color c) {
        double r = linear(c.getRed());
        double g = linear(c.getGreen());
        double b = linear(c.getBlue());
        double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
        double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        double fx = f(x);
        double fy = f(y);
        double fz = f(z);
        return new double[] {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
    }

    private static double f(double t) {
        return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
    }

    private static double linear(int v) {
        double c = v / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static int encode(double lin) {
        double c = Math.max(0, Math.min(1, lin));
        double s = c <= 0.0031308 ? 12.92 * c : 1.055 * Math.pow(c, 1 / 2.4) - 0.055;
        return (int) Math.round(s * 255);
    }

    private static double sq(double v) {
        return v * v;
    }
}
