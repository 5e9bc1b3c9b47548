package org.seqlab.engine.model.rnn;

import org.seqlab.engine.model.layers.HostArray;

/** Copies batch item 0 out of time-major buffers for a Trace. */
public final class RecurrentTraces {

    private RecurrentTraces() {
    }

    /**
     * @param buffer [T*B, width·k] time-major; the first {@code width} columns of each row are taken from
     *               column {@code col0}
     * @return [T, width] of batch item 0
     */
    public static double[] item0(HostArray buffer, int steps, int batch, int width, int col0) {
        int cols = (int) buffer.cols();
        double[] row = new double[cols];
        double[] out = new double[steps * width];
        for (int t = 0; t < steps; t++) {
            buffer.read((long) t * batch * cols, row, 0, cols);
            System.arraycopy(row, col0, out, t * width, width);
        }
        return out;
    }

    public static double[] item0(HostArray buffer, int steps, int batch, int width) {
        return item0(buffer, steps, batch, width, 0);
    }
}
