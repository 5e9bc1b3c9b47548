package org.seqlab.engine.model.layers;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * Softmax over the vocabulary and the cross-entropy with the targets, in nats:
 * {@code loss = Σ_n w_n (−log softmax(y_n)[target_n]) / Σ_n w_n}; gradient {@code dy_n = w_n (p_n − onehot_n) / Σ w}.
 *
 * <p>One Java pass over the logits computes the loss and the gradient together (the logits of a batch are
 * about 2048 × 80 numbers; ND4J's softmax, log and gather would be five calls and three temporaries).
 */
public final class SoftmaxCrossEntropy {

    private final int vocab;
    // row-wise, so row order is the caller's: time-major (t·B + b) in recurrent models, batch-major (b·T + t) elsewhere
    private final ShapeCache<HostArray> grads;
    private final Scratch work = new Scratch();
    private HostArray lastGrad;
    private double[] lastRowLoss;

    public SoftmaxCrossEntropy(DataType dataType, int vocab) {
        this.vocab = vocab;
        this.grads = new ShapeCache<>(s -> new HostArray(dataType, s[0] * s[1], vocab));
    }

    /**
     * @param logits  Y [N, V]
     * @param targets target id per row (N), or -1 for a row without a target
     * @param weights weight per row (N), or null for all ones
     * @return the weighted mean loss in nats
     */
    public double forward(HostArray logits, int[] targets, double[] weights, int steps, int batch) {
        int n = targets.length;
        double[] y = work.of(n * vocab);
        logits.read(0, y, 0, y.length);
        double total = 0;
        double weightSum = 0;
        double[] rowLoss = new double[n];
        double[] dy = y; // overwritten row by row with the gradient before scaling
        double[] w = new double[n];
        for (int r = 0; r < n; r++) {
            w[r] = targets[r] < 0 ? 0 : (weights == null ? 1 : weights[r]);
            weightSum += w[r];
        }
        double scale = weightSum > 0 ? 1.0 / weightSum : 0;
        for (int r = 0; r < n; r++) {
            int o = r * vocab;
            int target = targets[r];
            double yTarget = target >= 0 ? y[o + target] : 0;
            double max = Double.NEGATIVE_INFINITY;
            for (int v = 0; v < vocab; v++) {
                max = Math.max(max, y[o + v]);
            }
            double sum = 0;
            for (int v = 0; v < vocab; v++) {
                double e = Math.exp(y[o + v] - max);
                dy[o + v] = e;
                sum += e;
            }
            double logSum = Math.log(sum) + max;
            if (target >= 0) {
                double nll = logSum - yTarget; // −log p[target] = log Σ exp(y) − y[target]
                rowLoss[r] = nll;
                total += w[r] * nll;
            }
            for (int v = 0; v < vocab; v++) {
                dy[o + v] = w[r] * scale * (dy[o + v] / sum - (v == target ? 1 : 0));
            }
        }
        lastGrad = grads.get(steps, batch);
        lastGrad.write(0, dy, 0, dy.length);
        lastRowLoss = rowLoss;
        return total * scale;
    }

    /** dLoss/dY of the last forward, [N, V]. */
    public HostArray gradient() {
        return lastGrad;
    }

    /** −log p(target) per row of the last forward, in nats (0 where there was no target). */
    public double[] rowLosses() {
        return lastRowLoss.clone();
    }
}
