package org.seqlab.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.Batch;
import org.seqlab.engine.model.build.Models;

/** Every model's hand-written backward pass agrees with central differences of its own loss (double precision). */
class ModelGradientCheckTest {

    @BeforeAll
    static void start() {
        Engine.start();
    }

    static Batch randomBatch(int batch, int steps, int vocab, long seed, boolean weighted) {
        Random r = new Random(seed);
        int[] in = new int[batch * steps];
        int[] out = new int[batch * steps];
        double[] w = weighted ? new double[batch * steps] : null;
        for (int i = 0; i < in.length; i++) {
            in[i] = r.nextInt(vocab);
            out[i] = r.nextInt(vocab);
            if (w != null) {
                w[i] = r.nextDouble();
            }
        }
        return new Batch(batch, steps, in, out, w);
    }

    @ParameterizedTest(name = "{0} layers={1} embed={2} weighted={3} positions={4}")
    @CsvSource({"rnn,1,0,false,sinusoidal", "rnn,2,3,true,sinusoidal", "lstm,1,0,false,sinusoidal", "lstm,2,3,true,sinusoidal", "gru,1,0,false,sinusoidal", "gru,2,3,true,sinusoidal",
        "transformer,1,0,false,sinusoidal", "transformer,2,0,true,learned", "transformer,2,0,false,alibi", "transformer,1,0,true,rope"})
    void backwardMatchesNumericalGradient(String family, int layers, int embed, boolean weighted, String positions) {
        int vocab = 5;
        Family f = Family.parse(family);
        ModelConfig config = f == Family.TRANSFORMER
                ? new ModelConfig(f, 0, 8, layers, 2, 8, Positional.parse(positions))
                : new ModelConfig(f, embed, 4, layers);
        SequenceModel model = Models.create(config, vocab, DataType.DOUBLE, 11);
        Batch batch = randomBatch(3, 5, vocab, 3, weighted);

        model.forward(batch, TraceLevel.NONE);
        model.backward();
        INDArray analytic = model.parameters().flatGradient().dup();
        double worst = GradientChecks.check(family + " weights", model.parameters().flat(), analytic,
                () -> model.forward(batch, TraceLevel.NONE).loss());
        assertThat(worst).isLessThan(GradientChecks.TOLERANCE);
        // every tensor received a gradient somewhere (nothing silently left at zero)
        for (Parameters.Tensor t : model.parameters().tensors()) {
            assertThat(t.grad().amaxNumber().doubleValue()).as(t.name()).isGreaterThan(0);
        }
    }

    /** Post-LN blocks, keys and values shared by groups of heads (multi-query, grouped), and no biases (nanoGPT's bias=False). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"post,4,true", "pre,1,true", "post,2,true", "pre,4,false", "post,2,false"})
    void transformerVariantsMatchTheNumericalGradient(String norm, int kvHeads, boolean bias) {
        ModelConfig config = new ModelConfig(Family.TRANSFORMER, 0, 8, 2, 4, 8, Positional.ROPE).withKvHeads(kvHeads).withNorm(Norm.parse(norm))
                .withBias(bias);
        SequenceModel model = Models.create(config, 5, DataType.DOUBLE, 11);
        Batch batch = randomBatch(3, 5, 5, 3, true);
        model.forward(batch, TraceLevel.NONE);
        model.backward();
        INDArray analytic = model.parameters().flatGradient().dup();
        double worst = GradientChecks.check(config.describe(), model.parameters().flat(), analytic,
                () -> model.forward(batch, TraceLevel.NONE).loss());
        assertThat(worst).isLessThan(GradientChecks.TOLERANCE);
    }
}
