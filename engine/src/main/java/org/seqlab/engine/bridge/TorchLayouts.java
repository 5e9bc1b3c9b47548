package org.seqlab.engine.bridge;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.Positional;
import org.seqlab.engine.model.conv.Mask;
import org.seqlab.engine.model.seq2seq.Attention;
import org.seqlab.engine.model.seq2seq.Seq2SeqConfig;

/**
 * Which PyTorch tensor is made of which SeqLab tensor, family by family. SeqLab keeps a layer's weight as
 * {@code W [in, out]} and computes {@code x W}; PyTorch keeps {@code weight [out, in]} and computes {@code x weightᵀ}:
 * every matrix is transposed. The recurrent layers' gate blocks are rows of PyTorch's {@code weight_ih}; SeqLab has
 * one bias per gate where PyTorch's cells add two ({@code b_ih + b_hh}), so {@code bias_hh} is zero (and
 * {@code model.py} keeps it from training), except the GRU's candidate part, which is SeqLab's {@code b_hn}.
 */
final class TorchLayouts {

    /** One PyTorch tensor: its name, its shape, and how it is made from SeqLab's tensors (each read from one flat array). */
    record Entry(String name, long[] shape, Function<Function<String, float[]>, float[]> make) {
    }

    /** SeqLab's LSTM gate blocks are i, f, o, g; PyTorch's are i, f, g, o: PyTorch's block k is SeqLab's LSTM_ORDER[k]. */
    private static final int[] LSTM_ORDER = {0, 1, 3, 2};

    private TorchLayouts() {
    }

    /** makemore's recurrent model: {@code embed} (nn.Embedding), {@code rnn} (nn.RNN, nn.GRU or nn.LSTM), {@code out} (nn.Linear). */
    static List<Entry> recurrent(ModelConfig c, int vocab) {
        int h = c.hidden();
        List<Entry> out = new ArrayList<>();
        int e = c.embedWidth();
        out.add(new Entry("embed.weight", shape(vocab, e), t -> t.apply("embed.E")));
        int in = e;
        for (int l = 0; l < c.layers(); l++) {
            out.addAll(rnnLayer("rnn", c.family().id() + l, l, c.family(), in, h));
            in = h;
        }
        out.add(new Entry("out.weight", shape(vocab, h), t -> transpose(t.apply("out.W"), h, vocab)));
        out.add(new Entry("out.bias", shape(vocab), t -> t.apply("out.b")));
        return out;
    }

    /** nanoGPT's names: {@code transformer.wte}, {@code .wpe}, {@code .h.{i}.ln_1 / attn.c_attn / attn.c_proj / ln_2 / mlp.c_fc / mlp.c_proj}, {@code .ln_f}, {@code lm_head}. */
    static List<Entry> transformer(ModelConfig c, int vocab) {
        int d = c.hidden();
        int kv = c.kvHeads() * (d / c.heads());
        boolean b = c.biased();
        List<Entry> out = new ArrayList<>();
        out.add(new Entry("transformer.wte.weight", shape(vocab, d), t -> t.apply("embed.E")));
        if (c.positional() == Positional.LEARNED) {
            out.add(new Entry("transformer.wpe.weight", shape(c.context(), d), t -> t.apply("pos.P")));
        }
        for (int l = 0; l < c.layers(); l++) {
            String s = "block" + l;
            String p = "transformer.h." + l;
            out.addAll(norm(p + ".ln_1", s + ".ln1", d, b));
            out.addAll(linear(p + ".attn.c_attn", s + ".attn.qkv", d, d + 2 * kv, b));
            out.addAll(linear(p + ".attn.c_proj", s + ".attn.proj", d, d, b));
            out.addAll(norm(p + ".ln_2", s + ".ln2", d, b));
            out.addAll(linear(p + ".mlp.c_fc", s + ".mlp.fc", d, 4 * d, b));
            out.addAll(linear(p + ".mlp.c_proj", s + ".mlp.proj", 4 * d, d, b));
        }
        out.addAll(norm("transformer.ln_f", "lnf", d, b));
        out.addAll(linear("lm_head", "head", d, vocab, b));
        return out;
    }

    /**
     * WaveNet's stack: {@code embed} (nn.Embedding), per layer {@code convs.{l}} (an nn.Conv1d of C → 2C channels, k taps
     * d apart: SeqLab keeps W [k·C, 2C] with tap-major rows, oldest tap first, PyTorch [2C, C, k]) and {@code resskip.{l}}
     * (nn.Linear C → 2C: residual | skip), then {@code out}.
     */
    static List<Entry> conv1d(ModelConfig c, int vocab) {
        int ch = c.hidden();
        int k = c.kernel();
        List<Entry> out = new ArrayList<>();
        out.add(new Entry("embed.weight", shape(vocab, ch), t -> t.apply("embed.E")));
        for (int l = 0; l < c.layers(); l++) {
            String s = "conv" + l;
            out.add(new Entry("convs." + l + ".weight", shape(2 * ch, ch, k), t -> {
                float[] w = t.apply(s + ".W");              // [(tap·C + ci), o]
                float[] o = new float[w.length];            // [o, ci, tap]
                for (int tap = 0; tap < k; tap++) {
                    for (int ci = 0; ci < ch; ci++) {
                        for (int co = 0; co < 2 * ch; co++) {
                            o[(co * ch + ci) * k + tap] = w[(tap * ch + ci) * 2 * ch + co];
                        }
                    }
                }
                return o;
            }));
            out.add(new Entry("convs." + l + ".bias", shape(2 * ch), t -> t.apply(s + ".b")));
            out.addAll(linear("resskip." + l, "resskip" + l, ch, 2 * ch));
        }
        out.addAll(linear("out", "out", ch, vocab));
        return out;
    }

    /**
     * A recurrent encoder–decoder: {@code src_embed}, {@code tgt_embed}, {@code encoder} and {@code decoder} (nn.GRU or
     * nn.LSTM, one layer each), with attention {@code attention.W_q}, {@code .W_k}, {@code .v} (additive) and {@code combine},
     * then {@code out}.
     */
    static List<Entry> seq2seq(Seq2SeqConfig c, int vocab) {
        int h = c.hidden();
        int e = c.embed();
        Family cell = c.kind() == Seq2SeqConfig.Kind.LSTM ? Family.LSTM : Family.GRU;
        List<Entry> out = new ArrayList<>();
        out.add(new Entry("src_embed.weight", shape(vocab, e), t -> t.apply("src.embed.E")));
        out.add(new Entry("tgt_embed.weight", shape(vocab, e), t -> t.apply("tgt.embed.E")));
        out.addAll(rnnLayer("encoder", "encoder", 0, cell, e, h));
        out.addAll(rnnLayer("decoder", "decoder", 0, cell, e, h));
        if (c.attends()) {
            if (c.score() == Attention.Score.ADDITIVE) {
                out.add(new Entry("attention.W_q.weight", shape(h, h), t -> transpose(t.apply("attention.Wq"), h, h)));
                out.add(new Entry("attention.W_k.weight", shape(h, h), t -> transpose(t.apply("attention.Wk"), h, h)));
                out.add(new Entry("attention.v", shape(h), t -> t.apply("attention.v")));
            }
            out.addAll(linear("combine", "combine", 2 * h, h));
        }
        out.addAll(linear("out", "out", h, vocab));
        return out;
    }

    /**
     * The Transformer encoder–decoder: embeddings, {@code enc.{l}} (ln1, attn.qkv, attn.proj, ln2, mlp), {@code enc_ln},
     * {@code dec.{l}} (ln1, self_attn.qkv/proj, ln2, cross.q/kv/proj, ln3, mlp), {@code dec_ln}, {@code out}.
     */
    static List<Entry> seq2seqTransformer(Seq2SeqConfig c, int vocab) {
        int d = c.hidden();
        List<Entry> out = new ArrayList<>();
        out.add(new Entry("src_embed.weight", shape(vocab, d), t -> t.apply("src.embed.E")));
        out.add(new Entry("tgt_embed.weight", shape(vocab, d), t -> t.apply("tgt.embed.E")));
        for (int l = 0; l < Seq2SeqConfig.TRANSFORMER_LAYERS; l++) {
            String s = "enc" + l;
            String p = "enc." + l;
            out.addAll(norm(p + ".ln1", s + ".ln1", d));
            out.addAll(linear(p + ".attn.qkv", s + ".attn.qkv", d, 3 * d));
            out.addAll(linear(p + ".attn.proj", s + ".attn.proj", d, d));
            out.addAll(norm(p + ".ln2", s + ".ln2", d));
            out.addAll(linear(p + ".mlp.fc", s + ".mlp.fc", d, 4 * d));
            out.addAll(linear(p + ".mlp.proj", s + ".mlp.proj", 4 * d, d));
        }
        out.addAll(norm("enc_ln", "enc.ln", d));
        for (int l = 0; l < Seq2SeqConfig.TRANSFORMER_LAYERS; l++) {
            String s = "dec" + l;
            String p = "dec." + l;
            out.addAll(norm(p + ".ln1", s + ".ln1", d));
            out.addAll(linear(p + ".self_attn.qkv", s + ".self.qkv", d, 3 * d));
            out.addAll(linear(p + ".self_attn.proj", s + ".self.proj", d, d));
            out.addAll(norm(p + ".ln2", s + ".ln2", d));
            out.addAll(linear(p + ".cross.q", s + ".cross.q", d, d));
            out.addAll(linear(p + ".cross.kv", s + ".cross.kv", d, 2 * d));
            out.addAll(linear(p + ".cross.proj", s + ".cross.proj", d, d));
            out.addAll(norm(p + ".ln3", s + ".ln3", d));
            out.addAll(linear(p + ".mlp.fc", s + ".mlp.fc", d, 4 * d));
            out.addAll(linear(p + ".mlp.proj", s + ".mlp.proj", 4 * d, d));
        }
        out.addAll(norm("dec_ln", "dec.ln", d));
        out.addAll(linear("out", "out", d, vocab));
        return out;
    }

    /** One layer of an nn.RNN/GRU/LSTM named {@code torch}, from SeqLab's layer {@code seqlab} (Wx, Wh, b, and a GRU's bhn). */
    private static List<Entry> rnnLayer(String torch, String seqlab, int l, Family family, int in, int h) {
        int blocks = switch (family) {
            case LSTM -> 4;
            case GRU -> 3;
            default -> 1;
        };
        int[] order = family == Family.LSTM ? LSTM_ORDER : identity(blocks);
        return List.of(
                new Entry(torch + ".weight_ih_l" + l, shape(blocks * h, in),
                        t -> reorderRows(transpose(t.apply(seqlab + ".Wx"), in, blocks * h), order, h, in)),
                new Entry(torch + ".weight_hh_l" + l, shape(blocks * h, h),
                        t -> reorderRows(transpose(t.apply(seqlab + ".Wh"), h, blocks * h), order, h, h)),
                new Entry(torch + ".bias_ih_l" + l, shape(blocks * h), t -> reorderRows(t.apply(seqlab + ".b"), order, h, 1)),
                new Entry(torch + ".bias_hh_l" + l, shape(blocks * h), t -> {
                    float[] zero = new float[blocks * h];
                    if (family == Family.GRU) {
                        System.arraycopy(t.apply(seqlab + ".bhn"), 0, zero, 2 * h, h);   // n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
                    }
                    return zero;
                }));
    }

    /**
     * The PixelCNN: {@code convs.0} (mask A, k×k, 1 → C), {@code convs.{l}} (mask B, 3×3, C → C), then the pixel head.
     * A masked convolution is an nn.Conv2d whose full kernel is multiplied by its mask ({@code model.py} keeps the mask):
     * SeqLab keeps weights only for the taps the mask lets through, so the others are written as zeros.
     */
    static List<Entry> pixelCnn(ModelConfig c) {
        int ch = c.hidden();
        List<Entry> out = new ArrayList<>(maskedConv("convs.0", "convA", Mask.typeA(c.kernel()), 1, ch));
        for (int l = 1; l < c.layers(); l++) {
            out.addAll(maskedConv("convs." + l, "convB" + l, Mask.typeB(3), ch, ch));
        }
        out.addAll(head(ch));
        return out;
    }

    /** The gated PixelCNN: per layer {@code v.{l}} (vertical k×k), {@code h.{l}} (horizontal 1×k), {@code link.{l}}, {@code res.{l}}. */
    static List<Entry> gatedPixelCnn(ModelConfig c) {
        int ch = c.hidden();
        int k = c.kernel() % 2 == 1 ? c.kernel() : c.kernel() + 1;
        List<Entry> out = new ArrayList<>();
        for (int l = 0; l < c.layers(); l++) {
            int in = l == 0 ? 1 : ch;
            out.addAll(maskedConv("v." + l, "v" + l, Mask.vertical(k), in, 2 * ch));
            out.addAll(maskedConv("h." + l, "h" + l, Mask.horizontal(k, l > 0), in, 2 * ch));
            out.addAll(linear("link." + l, "link" + l, 2 * ch, 2 * ch));
            out.addAll(linear("res." + l, "res" + l, ch, ch));
        }
        out.addAll(head(ch));
        return out;
    }

    /** MADE: {@code fc1} (D → K) and {@code fc2} (K → D·F), their masks applied in {@code model.py}, then the pixel head. */
    static List<Entry> made(ModelConfig c) {
        int d = c.height() * c.width();
        int k = c.hidden();
        int f = 4;   // MadeModel.FEATURES: features per pixel for the shared head
        List<Entry> out = new ArrayList<>(List.of(
                new Entry("fc1.weight", shape(k, d), t -> transpose(t.apply("made.W1"), d, k)),
                new Entry("fc1.bias", shape(k), t -> t.apply("made.b1")),
                new Entry("fc2.weight", shape((long) d * f, k), t -> transpose(t.apply("made.W2"), k, d * f)),
                new Entry("fc2.bias", shape((long) d * f), t -> t.apply("made.b2"))));
        out.addAll(head(f));
        return out;
    }

    /** The pixel head every image model shares: ℓ = ReLU(f W₁ + b₁) W₂ + b₂. */
    private static List<Entry> head(int ch) {
        List<Entry> out = new ArrayList<>(linear("head1", "head1", ch, ch));
        out.addAll(linear("head2", "head2", ch, 1));
        return out;
    }

    /** A masked convolution's full kernel [out, in, kh, kw] from SeqLab's W [taps·in, out] (tap-major, the mask's raster order). */
    private static List<Entry> maskedConv(String torch, String seqlab, Mask mask, int in, int outs) {
        int[][] taps = mask.taps();
        int kh = mask.height();
        int kw = mask.width();
        return List.of(new Entry(torch + ".weight", shape(outs, in, kh, kw), t -> {
            float[] w = t.apply(seqlab + ".W");
            float[] o = new float[outs * in * kh * kw];
            for (int tap = 0; tap < taps.length; tap++) {
                int r = taps[tap][0] + mask.centerRow();
                int col = taps[tap][1] + mask.centerCol();
                for (int ci = 0; ci < in; ci++) {
                    for (int co = 0; co < outs; co++) {
                        o[((co * in + ci) * kh + r) * kw + col] = w[(tap * in + ci) * outs + co];
                    }
                }
            }
            return o;
        }), new Entry(torch + ".bias", shape(outs), t -> t.apply(seqlab + ".b")));
    }

    /** An nn.Linear from SeqLab's {@code W [in, out]} and {@code b [out]}. */
    private static List<Entry> linear(String torch, String seqlab, int in, int outs) {
        return linear(torch, seqlab, in, outs, true);
    }

    private static List<Entry> linear(String torch, String seqlab, int in, int outs, boolean bias) {
        Entry w = new Entry(torch + ".weight", shape(outs, in), t -> transpose(t.apply(seqlab + ".W"), in, outs));
        return bias ? List.of(w, new Entry(torch + ".bias", shape(outs), t -> t.apply(seqlab + ".b"))) : List.of(w);
    }

    /** An nn.LayerNorm from SeqLab's γ and β. */
    private static List<Entry> norm(String torch, String seqlab, int d) {
        return norm(torch, seqlab, d, true);
    }

    private static List<Entry> norm(String torch, String seqlab, int d, boolean bias) {
        Entry g = new Entry(torch + ".weight", shape(d), t -> t.apply(seqlab + ".gamma"));
        return bias ? List.of(g, new Entry(torch + ".bias", shape(d), t -> t.apply(seqlab + ".beta"))) : List.of(g);
    }

    /** [rows, cols] row-major → [cols, rows]. */
    static float[] transpose(float[] a, int rows, int cols) {
        float[] out = new float[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = a[r * cols + c];
            }
        }
        return out;
    }

    /** Blocks of {@code h} rows (of {@code width} values each) put in a new order: block k of the result is block order[k]. */
    static float[] reorderRows(float[] a, int[] order, int h, int width) {
        float[] out = new float[a.length];
        for (int k = 0; k < order.length; k++) {
            System.arraycopy(a, order[k] * h * width, out, k * h * width, h * width);
        }
        return out;
    }

    static int[] identity(int n) {
        int[] o = new int[n];
        for (int i = 0; i < n; i++) {
            o[i] = i;
        }
        return o;
    }

    private static long[] shape(long... dims) {
        return dims;
    }
}
