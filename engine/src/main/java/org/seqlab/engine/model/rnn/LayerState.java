package org.seqlab.engine.model.rnn;

/**
 * The state one recurrent layer carries from step to step, for B sequences: {@code h} [B*H] and, for an
 * LSTM, the cell {@code c} [B*H] (null for a vanilla RNN). Treated as immutable.
 */
public record LayerState(int batch, int hidden, double[] h, double[] c) {

    public static LayerState zeros(int batch, int hidden, boolean withCell) {
        return new LayerState(batch, hidden, new double[batch * hidden], withCell ? new double[batch * hidden] : null);
    }
}
