package org.seqlab.engine.inspect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.Parameters;
import org.seqlab.engine.model.SequenceModel;

/**
 * One part of a trained model switched off: an attention head, an LSTM gate, a hidden unit or a convolution layer.
 * It is done by editing the weights, so the forward pass is the model's own, exactly:
 * <ul>
 *   <li>head h of block l: the rows of the output projection W_O that read head h are zeroed, so y = Σ_heads …
 *       loses exactly that head's term;</li>
 *   <li>a gate of LSTM layer l: its columns of W_x and W_h are zeroed and its bias set to −10⁴, so the gate is
 *       σ(−10⁴) = 0 at every step (the candidate g: bias 0, so tanh(0) = 0);</li>
 *   <li>unit j of recurrent layer l: every weight that reads h_j (the row j of W_h, of the next layer's W_x or of the
 *       output layer) is zeroed, so nothing downstream sees it, as if h_j = 0;</li>
 *   <li>convolution layer l: its residual and skip weights are zeroed, so it adds nothing and x passes through.</li>
 * </ul>
 * {@link #apply} returns the weights as they were; {@link #restore} puts them back.
 *
 * @param layer the block or layer, from 0
 * @param index the head, the unit, or the gate (0 input, 1 forget, 2 output, 3 candidate); unused for a layer
 */
public record Ablation(Part part, int layer, int index) {

    /** What is switched off. */
    public enum Part { HEAD, GATE, UNIT, LAYER }

    /** The LSTM's gate names in the order of its weight blocks [i, f, o, g]. */
    public static final List<String> GATES = List.of("input", "forget", "output", "candidate");

    /** "head 2 of block 1", "the forget gate of layer 0", "unit 17 of layer 0", "conv layer 3". */
    public String describe() {
        return switch (part) {
            case HEAD -> "head " + index + " of block " + layer;
            case GATE -> "the " + GATES.get(index) + " gate of layer " + layer;
            case UNIT -> "unit " + index + " of layer " + layer;
            case LAYER -> "conv layer " + layer;
        };
    }

    /** Every part of this model that can be switched off, in the order a menu lists them (units: the first 8 of each layer). */
    public static List<Ablation> parts(ModelConfig c) {
        List<Ablation> out = new ArrayList<>();
        Family f = c.family();
        for (int l = 0; l < c.layers(); l++) {
            switch (f) {
                case TRANSFORMER -> {
                    for (int h = 0; h < c.heads(); h++) {
                        out.add(new Ablation(Part.HEAD, l, h));
                    }
                }
                case CONV1D -> out.add(new Ablation(Part.LAYER, l, 0));
                case LSTM, RNN, GRU -> {
                    if (f == Family.LSTM) {
                        for (int g = 0; g < GATES.size(); g++) {
                            out.add(new Ablation(Part.GATE, l, g));
                        }
                    }
                    for (int j = 0; j < Math.min(8, c.hidden()); j++) {
                        out.add(new Ablation(Part.UNIT, l, j));
                    }
                }
                default -> { }
            }
        }
        return out;
    }

    /**
     * Switches the part off in {@code model}'s weights.
     *
     * @return every weight as it was, for {@link #restore}
     * @throws IllegalArgumentException when the model has no such part
     */
    public double[] apply(SequenceModel model) {
        ModelConfig c = model.spec().config();
        Family f = c.family();
        if (layer < 0 || layer >= c.layers()) {
            throw new IllegalArgumentException(describe() + ": the model has layers 0 to " + (c.layers() - 1));
        }
        Parameters p = model.parameters();
        double[] saved = p.toArray();
        double[] w = saved.clone();   // edited as plain numbers, then assigned whole
        switch (part) {
            case HEAD -> {
                require(f == Family.TRANSFORMER, "heads belong to a Transformer");
                require(index >= 0 && index < c.heads(), "the model has heads 0 to " + (c.heads() - 1));
                int hs = c.hidden() / c.heads();
                fillRows(w, p.tensor("block" + layer + ".attn.proj.W"), index * hs, (index + 1) * hs, 0);
            }
            case GATE -> {
                require(f == Family.LSTM, "gates belong to an LSTM");
                require(index >= 0 && index < 4, "an LSTM has gates 0 (input) to 3 (candidate)");
                int h = c.hidden();
                String n = "lstm" + layer;
                fillColumns(w, p.tensor(n + ".Wx"), index * h, (index + 1) * h, 0);
                fillColumns(w, p.tensor(n + ".Wh"), index * h, (index + 1) * h, 0);
                fillColumns(w, p.tensor(n + ".b"), index * h, (index + 1) * h, index == 3 ? 0 : -1e4);
            }
            case UNIT -> {
                String n = switch (f) {
                    case RNN -> "rnn";
                    case LSTM -> "lstm";
                    case GRU -> "gru";
                    default -> throw new IllegalArgumentException("cannot switch off " + describe() + ": hidden units belong to a recurrent model");
                };
                require(index >= 0 && index < c.hidden(), "the layer has units 0 to " + (c.hidden() - 1));
                fillRows(w, p.tensor(n + layer + ".Wh"), index, index + 1, 0);
                fillRows(w, p.tensor(layer + 1 < c.layers() ? n + (layer + 1) + ".Wx" : "out.W"), index, index + 1, 0);
            }
            case LAYER -> {
                require(f == Family.CONV1D, "switching off a layer needs a causal convolution");
                fillRows(w, p.tensor("resskip" + layer + ".W"), 0, (int) p.tensor("resskip" + layer + ".W").shape()[0], 0);
                fillColumns(w, p.tensor("resskip" + layer + ".b"), 0, (int) p.tensor("resskip" + layer + ".b").length(), 0);
            }
            default -> throw new IllegalStateException();
        }
        p.assign(w);
        return saved;
    }

    /** Puts back the weights {@link #apply} returned. */
    public static void restore(SequenceModel model, double[] saved) {
        model.parameters().assign(saved);
    }

    private void require(boolean ok, String why) {
        if (!ok) {
            throw new IllegalArgumentException("cannot switch off " + describe() + ": " + why);
        }
    }

    /** Rows [from, to) of a [rows, columns] tensor (a vector is one row) set to {@code value}. */
    private static void fillRows(double[] w, Parameters.Tensor t, int from, int to, double value) {
        long cols = t.shape().length == 1 ? t.length() : t.shape()[1];
        Arrays.fill(w, (int) (t.offset() + from * cols), (int) (t.offset() + to * cols), value);
    }

    /** Columns [from, to) of every row of a [rows, columns] tensor (of a vector, entries [from, to)) set to {@code value}. */
    private static void fillColumns(double[] w, Parameters.Tensor t, int from, int to, double value) {
        long[] shape = t.shape();
        long rows = shape.length == 1 ? 1 : shape[0];
        long cols = shape.length == 1 ? shape[0] : shape[1];
        for (long r = 0; r < rows; r++) {
            Arrays.fill(w, (int) (t.offset() + r * cols + from), (int) (t.offset() + r * cols + to), value);
        }
    }
}
