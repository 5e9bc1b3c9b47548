package org.seqlab.engine.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The model families SeqLab can build. */
public enum Family {
    RNN("rnn", "Vanilla RNN", true),
    LSTM("lstm", "LSTM", true),
    TRANSFORMER("transformer", "Transformer", false);

    private final String id;
    private final String label;
    private final boolean recurrent;

    Family(String id, String label, boolean recurrent) {
        this.id = id;
        this.label = label;
        this.recurrent = recurrent;
    }

    /** The command-line and file name: {@code rnn}, {@code lstm}. */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public boolean recurrent() {
        return recurrent;
    }

    public static Family parse(String id) {
        for (Family f : values()) {
            if (f.id.equalsIgnoreCase(id.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown model '" + id + "'; choose one of "
                + Arrays.stream(values()).map(Family::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return label;
    }
}
