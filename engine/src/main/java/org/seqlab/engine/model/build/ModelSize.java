package org.seqlab.engine.model.build;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.seqlab.engine.io.Bytes;
import org.seqlab.engine.io.DataException;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.Positional;
import org.seqlab.engine.model.conv.Mask;
import org.seqlab.engine.model.made.MadeModel;

/**
 * What a configuration costs before anything is allocated: its exact number of weights, and an estimate of the
 * memory a training step needs (weights, gradients and Adam's two moments, plus every activation and gradient
 * buffer kept for the batch and length). Checked against what this machine allows before a model is built, so an
 * absurd size is refused with both numbers instead of ending in an OutOfMemoryError minutes later.
 *
 * <p>The parameter counts mirror the constructors of each family ({@code ModelSizeTest} checks them against the
 * built models); the activation counts follow the buffers each layer declares, in floats per position.
 */
public final class ModelSize {

    /** ND4J's own working memory, on top of what the models hold. */
    public static final long OVERHEAD_BYTES = 96L << 20;

    private ModelSize() {
    }

    /** The exact number of weights of this configuration over a vocabulary of {@code vocab} symbols. */
    public static long parameters(ModelConfig c, int vocab) {
        long h = c.hidden();
        long v = vocab;
        return switch (c.family()) {
            case RNN, LSTM, GRU -> {
                long gates = c.family() == Family.LSTM ? 4 : c.family() == Family.GRU ? 3 : 1;
                long in = c.embedWidth();
                long n = v * in;                                   // embedding E [V, E]
                for (int l = 0; l < c.layers(); l++) {
                    n += in * gates * h + h * gates * h + gates * h;   // Wx, Wh, b
                    n += c.family() == Family.GRU ? h : 0;             // the GRU's b_hn
                    in = h;
                }
                yield n + linear(h, v);                            // output layer
            }
            case TRANSFORMER -> {
                long n = v * h + (c.positional() == Positional.LEARNED ? (long) c.context() * h : 0);
                long kv = (long) c.kvHeads() * (h / c.heads());     // the width of the shared keys (and of the values)
                long block = 2 * 2 * h + linear(h, h + 2 * kv) + linear(h, h) + linear(h, 4 * h) + linear(4 * h, h);
                yield n + c.layers() * block + 2 * h + linear(h, v);   // blocks, final LayerNorm, head
            }
            case CONV1D -> {
                long n = v * h;
                for (int l = 0; l < c.layers(); l++) {
                    int dilation = c.dilated() ? 1 << l : 1;
                    n += conv(Mask.causal1d(c.kernel(), dilation), h, 2 * h) + linear(h, 2 * h);
                }
                yield n + linear(h, v);
            }
            case PIXELCNN -> {
                long n = conv(Mask.typeA(c.kernel()), 1, h) + (c.layers() - 1L) * conv(Mask.typeB(3), h, h);
                yield n + linear(h, h) + linear(h, 1);
            }
            case GATED_PIXELCNN -> {
                int k = c.kernel() % 2 == 1 ? c.kernel() : c.kernel() + 1;
                long n = 0;
                for (int l = 0; l < c.layers(); l++) {
                    long in = l == 0 ? 1 : h;
                    n += conv(Mask.vertical(k), in, 2 * h) + conv(Mask.horizontal(k, l > 0), in, 2 * h) + linear(2 * h, 2 * h)
                            + linear(h, h);
                }
                yield n + linear(h, h) + linear(h, 1);
            }
            case MADE -> {
                long d = (long) c.height() * c.width();
                long f = MadeModel.FEATURES;
                yield linear(d, h) + linear(h, d * f) + linear(f, f) + linear(f, 1);   // W₁, W₂ (masked, counted whole), the pixel head
            }
        };
    }

    /**
     * About how many bytes training this configuration on batches of {@code batch} windows of {@code steps} positions
     * needs: weights, gradients and Adam's moments (four copies), and the buffers kept for the backward pass.
     */
    public static long trainingBytes(ModelConfig c, int vocab, int batch, int steps) {
        double positions = (double) batch * steps;
        double floats = 4.0 * parameters(c, vocab) + positions * perPosition(c, vocab, steps);
        return OVERHEAD_BYTES + (long) Math.min(Long.MAX_VALUE / 2.0, floats * Float.BYTES);
    }

    /** Floats kept per position by a forward and backward pass (activations and their gradients). */
    static double perPosition(ModelConfig c, int vocab, int steps) {
        double h = c.hidden();
        double head = 4.0 * vocab + 2 * h;   // logits, probabilities, their gradient; the input embedding and its gradient
        return switch (c.family()) {
            case RNN -> head + c.layers() * (8 * h + c.embedWidth());
            case LSTM -> head + c.layers() * (20 * h + c.embedWidth());
            case GRU -> head + c.layers() * (18 * h + c.embedWidth());
            // measured on a 2×128 step: about 190 KB per position (activations, the attention maps, ND4J's temporaries)
            case TRANSFORMER -> head + c.layers() * (120 * h + 8.0 * c.heads() * Math.min(steps, c.context()));
            case CONV1D -> head + c.layers() * ((2.0 * c.kernel() + 12) * h);
            case PIXELCNN -> 8 + 6 * h + 2.0 * Mask.typeA(c.kernel()).taps().length
                    + (c.layers() - 1) * ((2.0 * Mask.typeB(3).taps().length + 8) * h);
            case GATED_PIXELCNN -> {
                int k = c.kernel() % 2 == 1 ? c.kernel() : c.kernel() + 1;
                double taps = Mask.vertical(k).taps().length + Mask.horizontal(k, true).taps().length;
                yield 8 + 6 * h + c.layers() * ((2 * taps + 40) * h);   // measured: 2.1 GB for 6×64 at 28×28, B 32
            }
            // per pixel: its F features and their gradient, the head; the hidden layer is per image, spread over its pixels
            case MADE -> 8 + 6.0 * MadeModel.FEATURES + 6 * h / Math.max(1, steps);
        };
    }

    /**
     * The most memory SeqLab lets models take: what JavaCPP lets the whole process hold ({@code maxPhysicalBytes}, by
     * default its {@code maxBytes} plus three times the heap: 4 GB under {@code -Xmx1g}; beyond it ND4J's next
     * allocation fails), and at most ¾ of the machine's physical memory, less the Java heap and the window's own
     * needs. Computed from the same settings JavaCPP reads, without loading it (loading native code early, off the
     * window's thread, once deadlocked the start, see the app's NativePreload).
     */
    public static long allowedBytes() {
        long heap = Runtime.getRuntime().maxMemory();
        long physical = 8L << 30;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            physical = os.getTotalMemorySize();
        }
        long maxBytes = javaCppSetting("maxBytes", heap, physical);
        long process = javaCppSetting("maxPhysicalBytes", maxBytes > 0 ? maxBytes + 3 * heap : 0, physical);
        long limit = physical / 4 * 3;
        if (process > 0) {
            limit = Math.min(limit, process);
        }
        return Math.max(128L << 20, limit - heap - (256L << 20));
    }

    /** JavaCPP's notation: bytes, with k, m, g or t, or a percentage of the physical memory; 0 means no limit. */
    static long javaCppSetting(String name, long otherwise, long physical) {
        String value = System.getProperty("org.bytedeco.javacpp." + name,
                System.getProperty("org.bytedeco.javacpp." + name.toLowerCase(Locale.ROOT)));
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("%")) {
                return (long) (physical * Double.parseDouble(v.substring(0, v.length() - 1)) / 100);
            }
            int shift = "kmgt".indexOf(v.charAt(v.length() - 1));
            if (shift >= 0) {
                return Long.parseLong(v.substring(0, v.length() - 1)) << (10 * (shift + 1));
            }
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /**
     * Refuses a training set-up that would not fit.
     *
     * @param what names it in the message ("Model A (LSTM 16×4096)")
     * @throws IllegalArgumentException "… needs about 9.1 GB of memory; this machine allows 5.8 GB …"
     */
    public static void checkFits(String what, long bytes) {
        long allowed = allowedBytes();
        if (bytes > allowed) {
            throw new IllegalArgumentException(String.format("%s needs about %s of memory; this machine allows %s. Use fewer or narrower layers, "
                    + "a smaller batch or shorter sequences", what, Bytes.describe(bytes), Bytes.describe(allowed)));
        }
    }

    /**
     * Refuses a saved model too large to load here: its weights are decoded on the Java heap (4 + 8 bytes each) and
     * held by ND4J (4 bytes each, and as much again for the work of a forward pass).
     */
    public static void checkLoadable(String what, long parameters) throws DataException {
        long heap = Runtime.getRuntime().maxMemory() / 5 * 4;
        if (parameters * 12 > heap || parameters > Integer.MAX_VALUE - 16) {
            throw DataException.says("size.needsAboutOfMemory", what, Bytes.describe(parameters * 12), Bytes.describe(heap));
        }
        try {
            checkFits(what, OVERHEAD_BYTES + parameters * 8);
        } catch (IllegalArgumentException e) {
            throw DataException.of(e);   // a file that cannot be loaded here is bad input, as its other faults
        }
    }

    private static long linear(long in, long out) {
        return in * out + out;
    }

    private static long conv(Mask mask, long in, long out) {
        return mask.taps().length * in * out + out;
    }
}
