package org.seqlab.engine.model.conv;

/** The gradient-flow and receptive-field traces of the convolutional models. */
final class GradientNorms {

    private GradientNorms() {
    }

    /**
     * ‖∂L/∂x(b, p)‖ over the width, summed over the batch, for every position p (a time step, or a pixel in raster
     * order) of a row-major [batch · positions, width] gradient.
     */
    static double[] perPosition(double[] d, int batch, int positions, int width) {
        double[] out = new double[positions];
        for (int b = 0; b < batch; b++) {
            for (int p = 0; p < positions; p++) {
                double s = 0;
                int o = (b * positions + p) * width;
                for (int j = 0; j < width; j++) {
                    s += d[o + j] * d[o + j];
                }
                out[p] += Math.sqrt(s);
            }
        }
        return out;
    }
}
