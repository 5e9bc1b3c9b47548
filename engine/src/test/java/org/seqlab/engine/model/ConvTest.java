package org.seqlab.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.Batch;
import org.seqlab.engine.model.build.Models;
import org.seqlab.engine.model.conv.GatedActivation;
import org.seqlab.engine.model.conv.Mask;
import org.seqlab.engine.model.conv.MaskedConv;
import org.seqlab.engine.model.layers.HostArray;

/** Masked convolutions: gradients, causality in one and two dimensions, receptive fields and the blind spot. */
class ConvTest {

    @BeforeAll
    static void start() {
        Engine.start();
    }

    static Mask[] masks() {
        return new Mask[] {Mask.typeA(3), Mask.typeB(3), Mask.typeA(5), Mask.vertical(3), Mask.horizontal(3, false),
            Mask.horizontal(3, true), Mask.causal1d(2, 4), Mask.causal1d(3, 2)};
    }

    @Test
    void maskedConvolutionGradients() {
        for (Mask m : masks()) {
            Parameters p = new Parameters(DataType.DOUBLE);
            MaskedConv conv = new MaskedConv(p, "c", 2, 3, m);
            p.allocate();
            conv.initialize(new SplittableRandom(3));
            Parameters.uniform(p.tensor("c.b"), 0.5, new SplittableRandom(4));
            int batch = 2;
            int h = m.height() == 1 ? 1 : 4;
            int w = 5;
            HostArray x = LayerGradientCheckTest.random((long) batch * h * w, 2, 5);
            HostArray r = LayerGradientCheckTest.random((long) batch * h * w, 3, 6);
            conv.forward(x, batch, h, w);
            INDArray dX = conv.backward(r).array().dup();
            INDArray grads = p.flatGradient().dup();
            GradientChecks.check(m.name() + " weights", p.flat(), grads, () -> LayerGradientCheckTest.dot(conv.forward(x, batch, h, w), r));
            GradientChecks.check(m.name() + " input", x.array(), dX, () -> LayerGradientCheckTest.dot(conv.forward(x, batch, h, w), r));
        }
    }

    @Test
    void gatedActivationGradient() {
        GatedActivation g = new GatedActivation(DataType.DOUBLE, 3);
        HostArray a = LayerGradientCheckTest.random(4, 6, 7);
        HostArray r = LayerGradientCheckTest.random(4, 3, 8);
        g.forward(a, 2, 2);
        INDArray da = g.backward(r).array().dup();
        GradientChecks.check("gate", a.array(), da, () -> LayerGradientCheckTest.dot(g.forward(a, 2, 2), r));
    }

    @Test
    void masksLetThroughOnlyThePast() {
        assertThat(Arrays.deepToString(Mask.typeA(3).taps())).isEqualTo("[[-1, -1], [-1, 0], [-1, 1], [0, -1]]");
        assertThat(Arrays.deepToString(Mask.typeB(3).taps())).isEqualTo("[[-1, -1], [-1, 0], [-1, 1], [0, -1], [0, 0]]");
        assertThat(Mask.vertical(3).taps().length).isEqualTo(6);
        assertThat(Arrays.deepToString(Mask.causal1d(2, 4).taps())).isEqualTo("[[0, -4], [0, 0]]");
    }

    static ModelConfig image(Family f) {
        return switch (f) {
            case PIXELCNN -> ModelConfig.pixelCnn(false, 4, 3, 3, 4, 5);
            case MADE -> ModelConfig.made(32, 4, 5);   // at least D − 1 units: every hidden number in use
            default -> ModelConfig.pixelCnn(true, 3, 2, 3, 4, 5);
        };
    }

    static int[] pixels(int count, long seed) {
        return new Random(seed).ints(count, 0, 2).toArray();
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"PIXELCNN", "GATED_PIXELCNN", "MADE"})
    void pixelModelGradients(Family family) {
        SequenceModel m = Models.create(image(family), 2, DataType.DOUBLE, 2);
        // weights big enough that ReLUs and gates are far from their symmetric start
        for (Parameters.Tensor t : m.parameters().tensors()) {
            Parameters.uniform(t, 0.7, new SplittableRandom(t.name().hashCode()));
        }
        int[] img = pixels(2 * 20, 9);
        Batch b = new Batch(2, 20, img, img);
        m.forward(b, TraceLevel.NONE);
        m.backward();
        INDArray g = m.parameters().flatGradient().dup();
        GradientChecks.check(family + " weights", m.parameters().flat(), g, () -> m.forward(b, TraceLevel.NONE).loss());
    }

    @Test
    void conv1dGradients() {
        SequenceModel m = Models.create(ModelConfig.conv1d(4, 3, 2, true), 5, DataType.DOUBLE, 3);
        Batch b = ModelGradientCheckTest.randomBatch(2, 9, 5, 4, true);
        m.forward(b, TraceLevel.NONE);
        m.backward();
        INDArray g = m.parameters().flatGradient().dup();
        GradientChecks.check("conv1d weights", m.parameters().flat(), g, () -> m.forward(b, TraceLevel.NONE).loss());
    }

    /** The logit of pixel i may depend on pixels before i only: changing pixel p leaves every logit at positions ≤ p unchanged. */
    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"PIXELCNN", "GATED_PIXELCNN", "MADE"})
    void changingALaterPixelLeavesEarlierOutputsUnchanged(Family family) {
        SequenceModel m = Models.create(image(family).withImage(5, 6), 2, 4);
        if (family == Family.MADE) {
            // every hidden unit switched on, so that what a pixel reads is exactly what the masks let through (a ReLU at 0
            // would hide the one unit numbered p + 1 that carries pixel p to pixel p + 1)
            m.parameters().tensor("made.b1").value().assign(10);
            m.parameters().tensor("head1.b").value().assign(10);   // and the pixel head's ReLU
        }
        int[] img = pixels(30, 12);
        float[] base = m.forward(new Batch(1, 30, img, img), TraceLevel.NONE).logits().clone();
        for (int p = 0; p < 30; p++) {
            int[] other = img.clone();
            other[p] = 1 - other[p];
            float[] changed = m.forward(new Batch(1, 30, other, other), TraceLevel.NONE).logits();
            for (int i = 0; i <= p; i++) {
                assertThat(changed[2 * i + 1]).as("%s pixel %d after flipping %d", family, i, p).isEqualTo(base[2 * i + 1]);
            }
            if (p + 1 < 30 && (p + 1) % 6 != 0) {
                assertThat(changed[2 * (p + 1) + 1]).as("pixel %d reads its left neighbour", p + 1).isNotEqualTo(base[2 * (p + 1) + 1]);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"PIXELCNN", "GATED_PIXELCNN", "MADE"})
    void drawingPixelByPixelMatchesTheFullForward(Family family) {
        SequenceModel m = Models.create(image(family), 2, 6);
        int[] img = pixels(20, 13);
        float[] full = m.forward(new Batch(1, 20, img, img), TraceLevel.NONE).logits();
        StepState s = m.start(1);
        for (int i = 0; i < 19; i++) {
            Step st = m.step(s, new int[] {img[i]});
            assertThat(st.logits()[0][1] - st.logits()[0][0]).isCloseTo(full[2 * (i + 1) + 1] - full[2 * (i + 1)],
                    org.assertj.core.api.Assertions.within(1e-4f));
            s = st.state();
        }
    }

    /** ‖∂ℓ/∂input‖ at every position for the loss of one output position, summed over a few inputs. */
    static float[] field(SequenceModel m, int steps, int position, int vocab, boolean image) {
        int batch = 4;
        int[] in = new Random(21).ints(batch * steps, 0, vocab).toArray();
        double[] w = new double[batch * steps];
        for (int b = 0; b < batch; b++) {
            w[b * steps + position] = 1;
        }
        m.forward(new Batch(batch, steps, in, image ? in : in, w), TraceLevel.FULL);
        return m.backward().get(image ? new Probe.ReceptiveField(0) : new Probe.GradientNorm(Probe.GradientOf.LAYER_INPUT, 0)).data();
    }

    @Test
    void conv1dReceptiveFieldIsTheFormula() {
        for (boolean dilated : new boolean[] {true, false}) {
            ModelConfig c = ModelConfig.conv1d(6, 4, 2, dilated);
            SequenceModel m = Models.create(c, 5, DataType.DOUBLE, 5);
            int steps = 30;
            int t = 25;
            float[] g = field(m, steps, t, 5, false);
            int reached = 0;
            for (int s = 0; s < steps; s++) {
                boolean inside = s <= t && s > t - c.receptiveField();
                assertThat(g[s] != 0).as("dilated=%s position %d", dilated, s).isEqualTo(inside);
                reached += g[s] != 0 ? 1 : 0;
            }
            assertThat(reached).isEqualTo(dilated ? 16 : 5); // 2^L with dilations 1, 2, 4, 8; 1 + L without
        }
    }

    @Test
    void thePlainStackHasABlindSpotAndTheGatedStackNone() {
        int h = 12;
        int w = 12;
        int r = 8;
        int c = 5;
        int layers = 4;
        SequenceModel plain = Models.create(ModelConfig.pixelCnn(false, 8, layers, 3, h, w), 2, DataType.DOUBLE, 7);
        SequenceModel gated = Models.create(ModelConfig.pixelCnn(true, 8, layers, 3, h, w), 2, DataType.DOUBLE, 7);
        float[] pf = field(plain, h * w, r * w + c, 2, true);
        float[] gf = field(gated, h * w, r * w + c, 2, true);
        // every pixel before (r, c) in raster order within `layers` rows and columns of it
        int blindPlain = 0;
        int blindGated = 0;
        for (int i = r - layers; i <= r; i++) {
            for (int j = c - layers; j <= c + layers; j++) {
                if (i < r || j < c) {
                    blindPlain += pf[i * w + j] == 0 ? 1 : 0;
                    blindGated += gf[i * w + j] == 0 ? 1 : 0;
                }
            }
        }
        assertThat(blindPlain).as("pixels the plain stack cannot see").isGreaterThan(0);
        assertThat(pf[(r - 1) * w + c + 2]).as("up and two to the right: the classic blind spot").isZero();
        assertThat(blindGated).as("pixels the gated stack cannot see").isZero();
        // and neither sees the pixel itself or anything after it
        for (int i = r * w + c; i < h * w; i++) {
            assertThat(pf[i]).isZero();
            assertThat(gf[i]).isZero();
        }
    }
}
