package org.seqlab.engine.model.build;

import org.nd4j.linalg.api.buffer.DataType;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.SequenceModel;
import org.seqlab.engine.model.conv.Conv1dModel;
import org.seqlab.engine.model.conv.GatedPixelCnnModel;
import org.seqlab.engine.model.conv.PixelCnnModel;
import org.seqlab.engine.model.made.MadeModel;
import org.seqlab.engine.model.rnn.RecurrentModel;
import org.seqlab.engine.model.transformer.TransformerModel;

/** Builds a model of any family from its configuration. */
public final class Models {

    private Models() {
    }

    /**
     * @param vocab    vocabulary size V
     * @param dataType FLOAT for training, DOUBLE for gradient checks
     * @param seed     seeds the weight initialisation
     */
    public static SequenceModel create(ModelConfig config, int vocab, DataType dataType, long seed) {
        if (vocab < 2) {
            throw new IllegalArgumentException("a vocabulary needs at least two symbols");
        }
        return switch (config.family()) {
            case RNN, LSTM, GRU -> new RecurrentModel(config, vocab, dataType, seed);
            case TRANSFORMER -> new TransformerModel(config, vocab, dataType, seed);
            case CONV1D -> new Conv1dModel(config, vocab, dataType, seed);
            case PIXELCNN -> new PixelCnnModel(imageVocab(config, vocab), dataType, seed);
            case GATED_PIXELCNN -> new GatedPixelCnnModel(imageVocab(config, vocab), dataType, seed);
            case MADE -> new MadeModel(imageVocab(config, vocab), dataType, seed);
        };
    }

    /** Image models take binary pixels: a vocabulary of exactly two. */
    private static ModelConfig imageVocab(ModelConfig config, int vocab) {
        if (vocab != 2) {
            throw new IllegalArgumentException(config.family().label() + " models binary images: it needs image data (digits), "
                    + "not a vocabulary of " + vocab + " symbols");
        }
        return config;
    }

    public static SequenceModel create(ModelConfig config, int vocab, long seed) {
        return create(config, vocab, DataType.FLOAT, seed);
    }
}
