package org.seqlab.engine.model;

/**
 * What a built model is: its configuration, vocabulary size, parameter count and the longest context it
 * can use (0: unbounded, as for recurrent models).
 */
public record ModelSpec(ModelConfig config, int vocabSize, long parameterCount, int context) {

    public Family family() {
        return config.family();
    }
}
