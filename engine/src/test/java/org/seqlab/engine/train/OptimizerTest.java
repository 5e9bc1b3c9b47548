package org.seqlab.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.seqlab.engine.Engine;
import org.seqlab.engine.model.Parameters;

/** SGD's step is the (clipped) gradient times α; Adam's barely notices a uniform scale — which is why lesson 04 clips under SGD. */
class OptimizerTest {

    @BeforeAll
    static void start() {
        Engine.start();
    }

    static Parameters weights(double... grad) {
        Parameters p = new Parameters(DataType.DOUBLE);
        p.add("w", grad.length);
        p.allocate();
        p.flat().assign(1.0);
        for (int i = 0; i < grad.length; i++) {
            p.flatGradient().putScalar(i, grad[i]);
        }
        return p;
    }

    @Test
    void sgdStepsByAlphaTimesTheClippedGradient() {
        OptimizerConfig sgd = OptimizerConfig.defaults().withMethod(OptimizerConfig.Method.SGD).withLearningRate(0.5).withClip(true, 1.0);
        Parameters p = weights(3, 4);                                  // ‖g‖ = 5, clipped to 1: g = (0.6, 0.8)
        AdamOptimizer o = new AdamOptimizer(p, sgd);
        AdamOptimizer.Update u = o.apply(0, o.gradientNorm());
        assertThat(u.scale()).isCloseTo(0.2, within(1e-12));
        assertThat(p.flat().getDouble(0)).isCloseTo(1 - 0.5 * 0.6, within(1e-12));
        assertThat(p.flat().getDouble(1)).isCloseTo(1 - 0.5 * 0.8, within(1e-12));

        Parameters q = weights(3, 4);
        AdamOptimizer unclipped = new AdamOptimizer(q, sgd.withClip(false, 1.0));
        unclipped.apply(0, unclipped.gradientNorm());
        assertThat(q.flat().getDouble(0)).as("the step is the gradient itself").isCloseTo(1 - 0.5 * 3, within(1e-12));
        assertThat(sgd.describe()).isEqualTo("SGD 5e-1, clip 1");
    }

    @Test
    void adamsFirstStepIsTheSameWhateverTheGradientsScale() {
        OptimizerConfig adam = OptimizerConfig.defaults().withLearningRate(0.01).withClip(false, 1.0);
        Parameters small = weights(3, 4);
        Parameters large = weights(300, 400);
        AdamOptimizer a = new AdamOptimizer(small, adam);
        AdamOptimizer b = new AdamOptimizer(large, adam);
        a.apply(0, a.gradientNorm());
        b.apply(0, b.gradientNorm());
        assertThat(large.flat().getDouble(0)).isCloseTo(small.flat().getDouble(0), within(1e-8));
        assertThat(small.flat().getDouble(0)).as("Adam's first step is α·sign(g)").isCloseTo(1 - 0.01, within(1e-6));
        assertThat(adam.method()).isEqualTo(OptimizerConfig.Method.ADAM);
    }
}
