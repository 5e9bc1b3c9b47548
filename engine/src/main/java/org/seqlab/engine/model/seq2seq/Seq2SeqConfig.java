package org.seqlab.engine.model.seq2seq;

import org.seqlab.engine.io.BadValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * An encoder–decoder's architecture.
 *
 * @param kind   with or without attention
 * @param score  how attention scores: additive or dot for the GRU with attention; always (scaled) dot for the
 *               Transformer, whatever is asked; unused without attention
 * @param embed  width of the source and target embeddings
 * @param hidden width of the encoder's and decoder's GRU states
 */
public record Seq2SeqConfig(Kind kind, Attention.Score score, int embed, int hidden) {

    public static final int MAX_WIDTH = 1024;

    /** The encoder–decoders SeqLab builds, by their command-line names. */
    public enum Kind {
        /** The encoder's last state is all the decoder gets: the bottleneck. */
        GRU("seq2seq-gru", "GRU encoder–decoder"),
        /** The same with LSTM cells: the encoder hands on its last h and c. */
        LSTM("seq2seq-lstm", "LSTM encoder–decoder"),
        /** The same, and each decoder step attends over every encoder state. */
        ATTENTION("seq2seq-attention", "GRU encoder–decoder with attention"),
        /** Attention all the way: a bidirectional encoder, a causal decoder that cross-attends to it. */
        TRANSFORMER("seq2seq-transformer", "Transformer encoder–decoder");

        private final String id;
        private final String label;

        Kind(String id, String label) {
            this.id = id;
            this.label = label;
        }

        public String id() {
            return id;
        }

        public String label() {
            return label;
        }

        public static Kind parse(String s) {
            for (Kind k : values()) {
                if (k.id.equalsIgnoreCase(s.trim())) {
                    return k;
                }
            }
            throw BadValue.says("config.unknownEncoderDecoder", s, Arrays.stream(values()).map(Kind::id).collect(Collectors.joining(", ")));
        }
    }

    /** The Transformer encoder–decoder's blocks on each side, and its heads. */
    public static final int TRANSFORMER_LAYERS = 2;
    public static final int TRANSFORMER_HEADS = 4;

    public Seq2SeqConfig {
        if (kind == null) {
            throw BadValue.says("config.noKind");
        }
        if (score == null) {
            score = Attention.Score.ADDITIVE;
        }
        if (kind == Kind.TRANSFORMER) {
            score = Attention.Score.DOT;     // what it computes: softmax(QKᵀ/√d)V, so files and reports say so
        }
        if (embed < 1 || embed > MAX_WIDTH || hidden < 1 || hidden > MAX_WIDTH) {
            throw BadValue.says("config.seq2seqWidths", MAX_WIDTH, embed, hidden);
        }
        if (kind == Kind.TRANSFORMER && hidden % TRANSFORMER_HEADS != 0) {
            throw BadValue.says("config.seq2seqHeads", TRANSFORMER_HEADS, hidden);
        }
    }

    public boolean attends() {
        return kind == Kind.ATTENTION || kind == Kind.TRANSFORMER;
    }

    /** "GRU encoder–decoder 64, additive attention". */
    public String describe() {
        if (kind == Kind.TRANSFORMER) {
            return kind.label() + " " + TRANSFORMER_LAYERS + "+" + TRANSFORMER_LAYERS + "×" + hidden + ", "
                    + TRANSFORMER_HEADS + " heads";
        }
        return kind.label() + " " + hidden + (attends() ? ", " + score.id() + " attention" : "");
    }
}
