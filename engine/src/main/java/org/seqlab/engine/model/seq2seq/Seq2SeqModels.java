package org.seqlab.engine.model.seq2seq;

import org.nd4j.linalg.api.buffer.DataType;

/** Builds the encoder–decoder a configuration describes, its weights drawn from the seed. */
public final class Seq2SeqModels {

    private Seq2SeqModels() {
    }

    public static Seq2SeqModel create(Seq2SeqConfig config, int vocab, DataType dataType, long seed) {
        return config.kind() == Seq2SeqConfig.Kind.TRANSFORMER ? new TransformerSeq2Seq(config, vocab, dataType, seed)
                : new RecurrentSeq2Seq(config, vocab, dataType, seed);
    }
}
