package org.seqlab.engine.model;

import org.seqlab.engine.io.BadValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The model families SeqLab can build. */
public enum Family {
    RNN("rnn", "Vanilla RNN", true, false),
    LSTM("lstm", "LSTM", true, false),
    /** Gated recurrent unit: an update gate that interpolates, a reset gate inside the candidate. */
    GRU("gru", "GRU", true, false),
    TRANSFORMER("transformer", "Transformer", false, false),
    /** WaveNet-style stack of gated, dilated causal convolutions over text. */
    CONV1D("conv1d", "Causal conv", false, false),
    /** Masked convolutions over binary images: type A, then type B. */
    PIXELCNN("pixelcnn", "PixelCNN", false, true),
    /** Gated PixelCNN with vertical and horizontal stacks (no blind spot). */
    GATED_PIXELCNN("gated-pixelcnn", "Gated PixelCNN", false, true),
    /** A masked MLP over the whole image (Germain et al. 2015): the chain rule before convolutions. */
    MADE("made", "MADE", false, true);

    private final String id;
    private final String label;
    private final boolean recurrent;
    private final boolean image;

    Family(String id, String label, boolean recurrent, boolean image) {
        this.id = id;
        this.label = label;
        this.recurrent = recurrent;
        this.image = image;
    }

    /** Whether it models images (pixels in raster order, each predicted at its own position) rather than text. */
    public boolean image() {
        return image;
    }

    /** The command-line and file name: {@code rnn}, {@code lstm}. */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** "an LSTM", "a Transformer": the label with its article, for sentences. */
    public String withArticle() {
        return withArticle(label);
    }

    /** "an LSTM 1×64", "a Vanilla RNN 1×8", "an RNN": the article as the phrase is read aloud. */
    public static String withArticle(String phrase) {
        boolean an = phrase.startsWith("LSTM") || phrase.startsWith("RNN") || !phrase.isEmpty() && "AEIOUaeiou".indexOf(phrase.charAt(0)) >= 0;
        return (an ? "an " : "a ") + phrase;
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
        throw BadValue.says("config.unknownModel", id, Arrays.stream(values()).map(Family::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return label;
    }
}
