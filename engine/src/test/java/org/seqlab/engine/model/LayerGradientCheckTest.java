package org.seqlab.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.engine.Engine;
import org.seqlab.engine.model.layers.Embedding;
import org.seqlab.engine.model.layers.HostArray;
import org.seqlab.engine.model.layers.LayerNorm;
import org.seqlab.engine.model.layers.Linear;
import org.seqlab.engine.model.layers.SoftmaxCrossEntropy;
import org.seqlab.engine.model.rnn.GruLayer;
import org.seqlab.engine.model.rnn.LayerState;
import org.seqlab.engine.model.rnn.LstmLayer;
import org.seqlab.engine.model.rnn.RecurrentLayer;
import org.seqlab.engine.model.rnn.RnnLayer;
import org.seqlab.engine.model.transformer.Mlp;
import org.seqlab.engine.model.transformer.MultiHeadAttention;

/**
 * Each layer on its own: the scalar {@code L = Σ out ⊙ R} for a fixed random R, so ∂L/∂out = R, and the
 * layer's backward must give ∂L/∂weights and ∂L/∂input that match central differences.
 */
class LayerGradientCheckTest {

    static final DataType D = DataType.DOUBLE;

    @BeforeAll
    static void start() {
        Engine.start();
    }

    static HostArray random(long rows, long cols, long seed) {
        HostArray a = new HostArray(D, rows, cols);
        Random r = new Random(seed);
        double[] v = new double[(int) (rows * cols)];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        a.write(0, v, 0, v.length);
        return a;
    }

    static double dot(HostArray a, HostArray b) {
        return a.array().mul(b.array()).sumNumber().doubleValue();
    }

    @ParameterizedTest(name = "{0}, non-zero start state: {1}")
    @ValueSource(strings = {"rnn", "lstm", "gru"})
    void recurrentLayer(String kind) {
        for (boolean withStart : new boolean[] {false, true}) {
            int steps = 4;
            int batch = 2;
            int in = 3;
            int hid = 5;
            Parameters p = new Parameters(D);
            RecurrentLayer layer = switch (kind) {
                case "rnn" -> new RnnLayer(p, "l", in, hid);
                case "gru" -> new GruLayer(p, "l", in, hid);
                default -> new LstmLayer(p, "l", in, hid);
            };
            p.allocate();
            layer.initialize(new SplittableRandom(1));
            HostArray x = random((long) steps * batch, in, 2);
            HostArray r = random((long) steps * batch, hid, 3);
            LayerState start = null;
            if (withStart) {
                Random g = new Random(4);
                double[] h = g.doubles(batch * hid, -0.5, 0.5).toArray();
                double[] c = kind.equals("lstm") ? g.doubles(batch * hid, -1, 1).toArray() : null;
                start = new LayerState(batch, hid, h, c);
            }
            LayerState s0 = start;
            layer.forward(x, steps, batch, s0);
            HostArray dX = layer.backward(r);
            INDArray dXCopy = dX.array().dup();
            INDArray grads = p.flatGradient().dup();
            GradientChecks.check(kind + " weights", p.flat(), grads, () -> dot(layer.forward(x, steps, batch, s0), r));
            GradientChecks.check(kind + " input", x.array(), dXCopy, () -> dot(layer.forward(x, steps, batch, s0), r));
            if (!kind.equals("rnn") && withStart) {
                // the gradient an encoder's final state receives from the decoder it starts: ∂L/∂h_{-1} (and ∂L/∂c_{-1})
                LayerState d0 = layer.startGradient();
                double[] hv = start.h();
                double[] cv = start.c();
                INDArray h0 = Nd4j.create(hv.clone(), new long[] {(long) batch * hid}, D);
                GradientChecks.check(kind + " start h", h0, Nd4j.create(d0.h(), new long[] {(long) batch * hid}, D), () -> {
                    System.arraycopy(h0.toDoubleVector(), 0, hv, 0, hv.length);
                    return dot(layer.forward(x, steps, batch, new LayerState(batch, hid, hv, cv)), r);
                });
                if (cv != null) {
                    INDArray c0 = Nd4j.create(cv.clone(), new long[] {(long) batch * hid}, D);
                    GradientChecks.check(kind + " start c", c0, Nd4j.create(d0.c(), new long[] {(long) batch * hid}, D), () -> {
                        System.arraycopy(c0.toDoubleVector(), 0, cv, 0, cv.length);
                        return dot(layer.forward(x, steps, batch, new LayerState(batch, hid, hv, cv)), r);
                    });
                }
                // and backward with a gradient arriving at the final state equals backward of a loss that reads it
                HostArray dFinal = random(batch, hid, 9);
                HostArray dFinalC = random(batch, hid, 10);
                LayerState g = new LayerState(batch, hid, dFinal.array().reshape((long) batch * hid).toDoubleVector(),
                        cv == null ? null : dFinalC.array().reshape((long) batch * hid).toDoubleVector());
                layer.forward(x, steps, batch, start);
                HostArray dX2 = layer.backward(r, g);
                INDArray dX2Copy = dX2.array().dup();
                GradientChecks.check(kind + " input, with the final state read", x.array(), dX2Copy, () -> {
                    double loss = dot(layer.forward(x, steps, batch, s0), r);
                    LayerState fin = layer.finalState();
                    double extra = 0;
                    for (int i = 0; i < fin.h().length; i++) {
                        extra += fin.h()[i] * g.h()[i] + (fin.c() == null ? 0 : fin.c()[i] * g.c()[i]);
                    }
                    return loss + extra;
                });
            }
        }
    }

    @Test
    void linear() {
        Parameters p = new Parameters(D);
        Linear lin = new Linear(p, "out", 4, 3);
        p.allocate();
        lin.initialize(new SplittableRandom(5));
        Parameters.uniform(p.tensor("out.b"), 0.5, new SplittableRandom(6));
        HostArray x = random(6, 4, 7);
        HostArray r = random(6, 3, 8);
        lin.forward(x.array(), 3, 2);
        INDArray dX = lin.backward(r.array()).array().dup();
        INDArray grads = p.flatGradient().dup();
        GradientChecks.check("linear weights", p.flat(), grads, () -> dot(lin.forward(x.array(), 3, 2), r));
        GradientChecks.check("linear input", x.array(), dX, () -> dot(lin.forward(x.array(), 3, 2), r));
    }

    @Test
    void embedding() {
        Parameters p = new Parameters(D);
        Embedding emb = new Embedding(p, "e", 5, 3);
        p.allocate();
        emb.initialize(new SplittableRandom(9));
        int[] tokens = {0, 3, 3, 1, 4, 0};
        HostArray r = random(6, 3, 10);
        emb.forward(tokens, 3, 2);
        emb.backward(r);
        INDArray grads = p.flatGradient().dup();
        GradientChecks.check("embedding", p.flat(), grads, () -> dot(emb.forward(tokens, 3, 2), r));
    }

    @Test
    void softmaxCrossEntropy() {
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy(D, 4);
        HostArray y = random(6, 4, 11);
        int[] targets = {0, 3, -1, 1, 2, 2};
        double[] w = {1, 0.5, 1, 2, 0, 1};
        ce.forward(y, targets, w, 3, 2);
        INDArray dY = ce.gradient().array().dup();
        GradientChecks.check("softmax-CE logits", y.array(), dY, () -> ce.forward(y, targets, w, 3, 2));
    }

    @Test
    void layerNorm() {
        Parameters p = new Parameters(D);
        LayerNorm ln = new LayerNorm(p, "ln", 5);
        p.allocate();
        // γ and β away from 1 and 0 so that their gradients matter
        Parameters.uniform(p.tensor("ln.gamma"), 1.0, new SplittableRandom(12));
        Parameters.uniform(p.tensor("ln.beta"), 1.0, new SplittableRandom(13));
        HostArray x = random(6, 5, 14);
        HostArray r = random(6, 5, 15);
        ln.forward(x, 3, 2);
        INDArray dX = ln.backward(r).array().dup();
        INDArray grads = p.flatGradient().dup();
        GradientChecks.check("layer norm weights", p.flat(), grads, () -> dot(ln.forward(x, 3, 2), r));
        GradientChecks.check("layer norm input", x.array(), dX, () -> dot(ln.forward(x, 3, 2), r));
    }

    /** Plain (the positions added outside), ALiBi's bias on the scores, and RoPE's rotation of q and k. */
    @ParameterizedTest
    @EnumSource(value = Positional.class, names = {"SINUSOIDAL", "ALIBI", "ROPE"})
    void causalSelfAttention(Positional positions) {
        Parameters p = new Parameters(D);
        MultiHeadAttention attn = new MultiHeadAttention(p, "attn", 8, 2, positions);
        p.allocate();
        // larger weights than GPT's 0.02, so that the softmax is far from uniform and its gradient is tested
        for (Parameters.Tensor t : p.tensors()) {
            Parameters.uniform(t, 0.6, new SplittableRandom(t.name().hashCode()));
        }
        int steps = 4;
        int batch = 2;
        HostArray x = random((long) steps * batch, 8, 16);
        HostArray r = random((long) steps * batch, 8, 17);
        attn.forward(x, steps, batch);
        INDArray dX = attn.backward(r).array().dup();
        INDArray grads = p.flatGradient().dup();
        GradientChecks.check("attention weights", p.flat(), grads, () -> dot(attn.forward(x, steps, batch), r));
        GradientChecks.check("attention input", x.array(), dX, () -> dot(attn.forward(x, steps, batch), r));
    }

    /**
     * The encoder–decoder's uses of the same layer: bidirectional self-attention over left-padded sequences, and
     * cross-attention of 3 queries over 5 keys of another sequence (left-padded too), with grouped key/value heads
     * nowhere. The padded keys get no weight, so their rows of the memory get no gradient either.
     */
    @Test
    void bidirectionalAndCrossAttentionOverPaddedSequences() {
        int[] firstKey = {0, 2};
        Parameters ps = new Parameters(D);
        MultiHeadAttention self = MultiHeadAttention.self(ps, "self", 8, 2, false);
        Parameters p = new Parameters(D);
        MultiHeadAttention cross = MultiHeadAttention.cross(p, "cross", 8, 2);
        for (Parameters params : List.of(ps, p)) {
            params.allocate();
            for (Parameters.Tensor t : params.tensors()) {
                Parameters.uniform(t, 0.6, new SplittableRandom(t.name().hashCode()));
            }
        }
        HostArray x = random(5 * 2, 8, 20);
        HostArray r = random(5 * 2, 8, 21);
        self.forward(x, 5, 2, firstKey);
        INDArray dX = self.backward(r).array().dup();
        INDArray selfGrads = ps.flatGradient().dup();
        GradientChecks.check("bidirectional weights", ps.flat(), selfGrads, () -> dot(self.forward(x, 5, 2, firstKey), r));
        GradientChecks.check("bidirectional input", x.array(), dX, () -> dot(self.forward(x, 5, 2, firstKey), r));

        HostArray q = random(3 * 2, 8, 22);
        HostArray m = random(5 * 2, 8, 23);
        HostArray r2 = random(3 * 2, 8, 24);
        cross.forward(q, m, 3, 5, 2, firstKey);
        INDArray dQ = cross.backward(r2).array().dup();
        INDArray dM = cross.memoryGradient().array().dup();
        INDArray grads = p.flatGradient().dup();
        GradientChecks.check("cross-attention weights", p.flat(), grads, () -> dot(cross.forward(q, m, 3, 5, 2, firstKey), r2));
        GradientChecks.check("cross-attention queries", q.array(), dQ, () -> dot(cross.forward(q, m, 3, 5, 2, firstKey), r2));
        GradientChecks.check("cross-attention memory", m.array(), dM, () -> dot(cross.forward(q, m, 3, 5, 2, firstKey), r2));
        assertThat(dM.getRow(5).norm2Number().doubleValue()).as("a padded key's row").isZero();
        assertThat(dM.getRow(7).norm2Number().doubleValue()).as("the second sequence's first real key").isPositive();
        double[] w = cross.weights(-1);
        assertThat(w[15]).as("sequence 2, query 0, padded key 0").isZero();
    }

    /** Every form of GELU: SeqLab's sigmoid form, and the erf and tanh forms imported checkpoints use. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(org.seqlab.engine.model.Activation.class)
    void mlp(org.seqlab.engine.model.Activation activation) {
        Parameters p = new Parameters(D);
        Mlp mlp = new Mlp(p, "mlp", 4, activation);
        p.allocate();
        for (Parameters.Tensor t : p.tensors()) {
            Parameters.uniform(t, 0.7, new SplittableRandom(t.name().hashCode()));
        }
        HostArray x = random(6, 4, 18);
        HostArray r = random(6, 4, 19);
        mlp.forward(x, 3, 2);
        INDArray dX = mlp.backward(r).array().dup();
        INDArray grads = p.flatGradient().dup();
        GradientChecks.check("mlp weights, " + activation.id(), p.flat(), grads, () -> dot(mlp.forward(x, 3, 2), r));
        GradientChecks.check("mlp input, " + activation.id(), x.array(), dX, () -> dot(mlp.forward(x, 3, 2), r));
    }

    @Test
    void hostArrayRoundTripsFloatAndDouble() {
        for (DataType dt : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            HostArray a = new HostArray(dt, 3, 4);
            double[] v = {1, 2, 3, 4, 5, 6, 7, 8};
            a.write(4, v, 0, 8);
            INDArray expected = Nd4j.create(new double[] {0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8}, new long[] {3, 4}, dt);
            org.assertj.core.api.Assertions.assertThat(a.array()).isEqualTo(expected);
            double[] back = new double[4];
            a.readRows(1, 1, back);
            org.assertj.core.api.Assertions.assertThat(back).containsExactly(1, 2, 3, 4);
        }
    }
}
