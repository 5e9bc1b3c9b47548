package org.seqlab.engine.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.Batch;
import org.seqlab.engine.data.Vocabulary;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.Positional;
import org.seqlab.engine.model.Probe;
import org.seqlab.engine.model.SequenceModel;
import org.seqlab.engine.model.TraceLevel;
import org.seqlab.engine.model.build.Models;
import org.seqlab.engine.model.transformer.TransformerModel;

/**
 * Taking models apart: a part switched off is disconnected (perturbing what feeds it changes nothing downstream), the
 * weights come back exactly, patching restores what it should, the logit lens's last stage is the model's own output.
 */
class TakeApartTest {

    static final Vocabulary VOCAB = Vocabulary.ofSymbols("abcdefgh");
    static final int[] TOKENS = {1, 4, 2, 7, 0, 3, 3, 5, 6, 1, 2, 4};

    @BeforeAll
    static void engine() {
        Engine.start();
    }

    static SequenceModel model(ModelConfig c) {
        return Models.create(c, VOCAB.size(), 3);
    }

    static float[] logits(SequenceModel m, int[] tokens) {
        return m.forward(Batch.ofSequence(tokens), TraceLevel.NONE).logits().clone();
    }

    static double maxDiff(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    /** Adds {@code d} to columns [from, to) of a [rows, columns] weight. */
    static void addToColumns(SequenceModel m, String name, int from, int to, double d) {
        var p = m.parameters();
        var t = p.tensor(name);
        double[] w = p.toArray();
        long cols = t.shape()[1];
        for (long r = 0; r < t.shape()[0]; r++) {
            for (int c = from; c < to; c++) {
                w[(int) (t.offset() + r * cols + c)] += d * ((r * 7 + c) % 5 - 1.7);   // varied: LayerNorm'd inputs sum to 0
            }
        }
        p.assign(w);
    }

    /** Perturbs the weights that feed a part: with the part off, the output must not move; with it on, it must. */
    static void disconnected(SequenceModel m, Ablation part, Runnable perturbFeed) {
        float[] before = logits(m, TOKENS);
        double loss = m.forward(Batch.ofSequence(TOKENS), TraceLevel.NONE).loss();
        double[] saved = part.apply(m);
        float[] off = logits(m, TOKENS);
        assertThat(maxDiff(before, off)).as(part.describe() + " changes the output").isGreaterThan(1e-6);
        perturbFeed.run();
        assertThat(maxDiff(off, logits(m, TOKENS))).as(part.describe() + " is disconnected").isLessThan(1e-9);
        Ablation.restore(m, saved);
        assertThat(m.forward(Batch.ofSequence(TOKENS), TraceLevel.NONE).loss()).isEqualTo(loss);
        perturbFeed.run();
        assertThat(maxDiff(before, logits(m, TOKENS))).as("switched on, " + part.describe() + " matters").isGreaterThan(1e-6);
    }

    @Test
    void aHeadSwitchedOffIsDisconnectedFromTheOutput() {
        SequenceModel m = model(new ModelConfig(Family.TRANSFORMER, 0, 16, 2, 4, 32, Positional.SINUSOIDAL));
        // head 2 of block 1 reads its queries, keys and values from columns 8..11 of each third of W_qkv
        disconnected(m, new Ablation(Ablation.Part.HEAD, 1, 2), () -> {
            for (int third = 0; third < 3; third++) {
                addToColumns(m, "block1.attn.qkv.W", third * 16 + 8, third * 16 + 12, 0.7);
            }
        });
    }

    @Test
    void aUnitSwitchedOffIsReadByNothing() {
        for (Family f : new Family[] {Family.RNN, Family.LSTM, Family.GRU}) {
            SequenceModel m = model(new ModelConfig(f, 8, 12, 2));
            String n = f == Family.RNN ? "rnn" : f == Family.LSTM ? "lstm" : "gru";
            int gates = f == Family.RNN ? 1 : f == Family.LSTM ? 4 : 3;
            // unit 5 of layer 0: everything that computes it (its column in every gate's block)
            disconnected(m, new Ablation(Ablation.Part.UNIT, 0, 5), () -> {
                for (int g = 0; g < gates; g++) {
                    addToColumns(m, n + "0.Wx", g * 12 + 5, g * 12 + 6, 0.9);
                }
            });
        }
    }

    @Test
    void aConvolutionLayerSwitchedOffAddsNothing() {
        SequenceModel m = model(ModelConfig.conv1d(8, 3, 2, true));
        disconnected(m, new Ablation(Ablation.Part.LAYER, 1, 0), () -> addToColumns(m, "conv1.W", 0, 16, 0.5));
    }

    @Test
    void aGateHeldAtZeroIsZeroAndWithoutItsInputGateTheLstmSaysTheSameWhateverItReads() {
        SequenceModel m = model(new ModelConfig(Family.LSTM, 8, 12, 1));
        double[] saved = new Ablation(Ablation.Part.GATE, 0, 1).apply(m);
        var trace = m.forward(Batch.ofSequence(TOKENS), TraceLevel.FULL).trace();
        for (float v : trace.get(new Probe.GateValues(Probe.Gate.FORGET, 0)).data()) {
            assertThat(v).isLessThan(1e-30f);
        }
        Ablation.restore(m, saved);
        new Ablation(Ablation.Part.GATE, 0, 0).apply(m);   // no writes: c = 0, h = 0, the same logits everywhere
        float[] a = logits(m, TOKENS);
        float[] b = logits(m, new int[] {7, 7, 0, 1, 2, 3, 4, 5, 6, 0, 0, 1});
        assertThat(maxDiff(a, b)).isLessThan(1e-9);
        assertThatThrownBy(() -> new Ablation(Ablation.Part.HEAD, 0, 0).apply(m)).hasMessageContaining("Transformer");
    }

    @Test
    void patchingARecurrentStateRestoresEverythingAfterIt() {
        SequenceModel m = model(new ModelConfig(Family.LSTM, 8, 12, 2));
        TakeApart.Patching p = TakeApart.patch("A", m, VOCAB, TOKENS, 4, false, 20, 1.0, 9);
        // the patched run goes on exactly as the clean one: the same draws give the same text
        assertThat(p.continued().patched()).hasSize(20).isEqualTo(p.continued().clean());
        assertThat(p.corrupt().get(0)).isNotEqualTo(p.clean().get(0));
        assertThat(Math.abs(p.corruptBits()[6] - p.cleanBits()[6])).isGreaterThan(1e-6);   // the corruption is felt later
        assertThat(p.meanGap()).isLessThan(1e-6);                                          // and the state carries all of it
        for (int t = 5; t < p.gap().length; t++) {
            assertThat(p.patchedBits()[t]).isCloseTo(p.cleanBits()[t], org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void patchingOnePositionOfATransformerRestoresOnlyWhatLaterPositionsReadThere() {
        SequenceModel m = model(new ModelConfig(Family.TRANSFORMER, 0, 16, 2, 4, 32, Positional.SINUSOIDAL));
        // the corrupted symbol is at position 0: its keys and values in every block are all that later positions read of it
        assertThat(TakeApart.patch("A", m, VOCAB, TOKENS, 0, false).meanGap()).isLessThan(1e-9);
        // patch position 4 instead, and position 0 still speaks to everything after it
        assertThat(TakeApart.patch("A", m, VOCAB, TOKENS, 4, false).meanGap()).isGreaterThan(1e-6);
        // its whole state is its cache: patch every position up to 4 and the rest is the clean run exactly, as an RNN's
        TakeApart.Patching whole = TakeApart.patch("A", m, VOCAB, TOKENS, 4, true, 20, 1.0, 9);
        assertThat(whole.meanGap()).isLessThan(1e-9);
        assertThat(whole.continued().patched()).isEqualTo(whole.continued().clean());
        assertThatThrownBy(() -> TakeApart.patch("A", model(ModelConfig.conv1d(8, 2, 2, true)), VOCAB, TOKENS, 2, false))
                .hasMessageContaining("recurrent model or a Transformer");
    }

    @Test
    void theLogitLensEndsAtTheModelsOwnOutput() {
        TransformerModel m = (TransformerModel) model(new ModelConfig(Family.TRANSFORMER, 0, 16, 3, 4, 32, Positional.LEARNED));
        TakeApart.Lens lens = TakeApart.lens("A", m, VOCAB, TOKENS);
        assertThat(lens.bits()).hasNumberOfRows(4);
        double[] own = TakeApart.bitsPerPosition(m, TOKENS);
        for (int t = 0; t < own.length; t++) {
            assertThat(lens.bits()[3][t]).isCloseTo(own[t], org.assertj.core.data.Offset.offset(1e-5));
        }
        assertThat(lens.bits()[0][2]).isNotCloseTo(own[2], org.assertj.core.data.Offset.offset(1e-6));
        List<Batch> val = List.of(Batch.ofSequence(TOKENS));
        assertThat(TakeApart.lensBits(m, val, 3)).isCloseTo(TakeApart.meanBits(m, val), org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void everyHeadHasAnInductionScoreBetweenZeroAndOne() {
        SequenceModel m = model(new ModelConfig(Family.TRANSFORMER, 0, 16, 2, 4, 32, Positional.SINUSOIDAL));
        double[][] s = TakeApart.inductionScores(m);
        assertThat(s).hasNumberOfRows(2);
        assertThat(s[0]).hasSize(4);
        for (double[] row : s) {
            for (double v : row) {
                assertThat(v).isBetween(0.0, 1.0);
            }
        }
        int[] best = TakeApart.bestInductionHead(s);
        for (double[] row : s) {
            for (double v : row) {
                assertThat(v).isLessThanOrEqualTo(s[best[0]][best[1]]);
            }
        }
    }

    @Test
    void aComparisonReplaysTheSameDrawsAndPutsTheWeightsBack() {
        SequenceModel m = model(new ModelConfig(Family.RNN, 8, 12, 1));
        double[] weights = m.parameters().toArray();
        TakeApart.Comparison c = TakeApart.compare("A", m, VOCAB, TOKENS, List.of(Batch.ofSequence(TOKENS)),
                new Ablation(Ablation.Part.UNIT, 0, 3), "a", 30, 1.0, 11);
        assertThat(m.parameters().toArray()).isEqualTo(weights);
        assertThat(c.intactBits()).hasSize(TOKENS.length - 1);
        assertThat(c.intactSample()).hasSize(30).isEqualTo(org.seqlab.engine.sample.Sampler.generate(m, VOCAB, "a", 30, 1.0,
                new SplittableRandom(11)));
        assertThat(c.validationCost()).isEqualTo(c.ablatedValidation() - c.intactValidation());
    }
}
