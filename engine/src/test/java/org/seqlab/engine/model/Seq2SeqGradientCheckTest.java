package org.seqlab.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.tasks.Pair;
import org.seqlab.engine.data.tasks.PairBatch;
import org.seqlab.engine.data.tasks.Seq2SeqVocab;
import org.seqlab.engine.model.seq2seq.Attention;
import org.seqlab.engine.model.seq2seq.Seq2SeqConfig;
import org.seqlab.engine.model.seq2seq.Seq2SeqModel;
import org.seqlab.engine.model.seq2seq.Seq2SeqModels;

/**
 * The encoder–decoders' hand-written backward against central differences, every weight at once: embeddings, both
 * GRUs (the encoder reached only through the decoder's start state and, with attention, through the contexts),
 * the attention scores and the output layers. Sources of unequal length exercise attention's padding mask.
 */
class Seq2SeqGradientCheckTest {

    @BeforeAll
    static void start() {
        Engine.start();
    }

    @ParameterizedTest(name = "{0} {1}, targets of equal length: {2}")
    @CsvSource({"seq2seq-gru,dot,true", "seq2seq-gru,dot,false", "seq2seq-lstm,dot,true", "seq2seq-lstm,dot,false", "seq2seq-attention,dot,true", "seq2seq-attention,dot,false",
        "seq2seq-attention,additive,true", "seq2seq-attention,additive,false", "seq2seq-transformer,dot,true", "seq2seq-transformer,dot,false"})
    void backwardMatchesCentralDifferences(String kind, String score, boolean equal) {
        Seq2SeqVocab vocab = new Seq2SeqVocab("abcd");
        Seq2SeqModel model = Seq2SeqModels.create(new Seq2SeqConfig(Seq2SeqConfig.Kind.parse(kind), Attention.Score.parse(score), 3, 4),
                vocab.size(), DataType.DOUBLE, 7);
        List<Pair> pairs = equal ? List.of(new Pair("abc", "cba"), new Pair("dda", "add"))
                : List.of(new Pair("abc", "acbaa"), new Pair("ddb", "d"), new Pair("cbd", "db"));
        PairBatch b = PairBatch.of(pairs, vocab);
        double loss = model.forward(b.source(), b.sourceLengths(), b.sourceSteps(), b.targetIn(), b.targets(), b.targetSteps(), b.size());
        assertThat(loss).isPositive();
        model.backward();
        INDArray grads = model.parameters().flatGradient().dup();
        assertThat(grads.norm2Number().doubleValue()).isPositive();
        GradientChecks.check(kind + " " + score, model.parameters().flat(), grads,
                () -> model.forward(b.source(), b.sourceLengths(), b.sourceSteps(), b.targetIn(), b.targets(), b.targetSteps(), b.size()));
    }
}
