package org.seqlab.engine.model.conv;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.seqlab.engine.model.Parameters.Tensor;
import org.seqlab.engine.model.Parameters;
import org.seqlab.engine.model.layers.Blas;
import org.seqlab.engine.model.layers.HostArray;
import org.seqlab.engine.model.layers.RowSums;
import org.seqlab.engine.model.layers.Scratch;

/**
 * A convolution whose kernel is limited by a {@link Mask}, with "same" zero padding over images of
 * B × H × W positions and C channels, stored as rows {@code n = (b·H + r)·W + c} (a sequence is an image one
 * row high). Only the taps the mask lets through have weights, so the mask is exact: a masked-out input has no
 * weight at all, not a weight multiplied by zero.
 *
 * <p>Forward by im2col: gather each output position's P = taps · C_in inputs into a row of {@code cols}
 * [N, P], then {@code y = cols W + b} is one GEMM. Backward: {@code dW = colsᵀ dy}, {@code db = Σ dy},
 * {@code dcols = dy Wᵀ}, and col2im adds every entry of {@code dcols} back onto the input it was gathered from.
 */
public final class MaskedConv {

    /** Rows gathered per block, so that the Java scratch stays small at 28 × 28 × batch 32. */
    private static final int BLOCK = 1024;

    private final int cin;
    private final int cout;
    private final Mask mask;
    private final int[][] taps;
    private final Tensor W; // [taps·Cin, Cout]
    private final Tensor b; // [Cout]
    private final DataType dataType;
    private Buffers last;

    private static final class Buffers {
        final int batch;
        final int height;
        final int width;
        // batch-major, N = B·H·W for images (row (b·H + r)·W + c) or B·T for text (row b·T + t)
        final HostArray cols;  // [N, taps·Cin]
        final HostArray y;     // [N, Cout]
        final HostArray dCols; // [N, taps·Cin]
        final HostArray dx;    // [N, Cin]

        Buffers(DataType dt, int batch, int height, int width, int p, int cin, int cout) {
            this.batch = batch;
            this.height = height;
            this.width = width;
            long n = (long) batch * height * width;
            cols = new HostArray(dt, n, p);
            y = new HostArray(dt, n, cout);
            dCols = new HostArray(dt, n, p);
            dx = new HostArray(dt, n, cin);
        }
    }

    public MaskedConv(Parameters params, String name, int cin, int cout, Mask mask) {
        this(params, name, cin, cout, mask, new Scratch(), new Scratch());
    }

    /** With Java work arrays shared by the model's layers. */
    public MaskedConv(Parameters params, String name, int cin, int cout, Mask mask, Scratch inputs,
            Scratch blocks) {
        this.inputs = inputs;
        this.blocks = blocks;
        this.cin = cin;
        this.cout = cout;
        this.mask = mask;
        this.taps = mask.taps();
        if (taps.length == 0) {
            throw new IllegalArgumentException("mask " + mask.name() + " lets nothing through");
        }
        this.W = params.add(name + ".W", (long) taps.length * cin, cout);
        this.b = params.add(name + ".b", cout);
        this.dataType = params.dataType();
        this.biasGrad = new RowSums(dataType);
    }

    /** U(±1/√fan-in), fan-in = taps · C_in; zero bias. */
    public void initialize(SplittableRandom rng) {
        Parameters.uniform(W, 1.0 / Math.sqrt((double) taps.length * cin), rng);
        b.value().assign(0);
    }

    public Mask mask() {
        return mask;
    }

    private Buffers buffers(int batch, int height, int width) {
        if (last != null && last.batch == batch && last.height == height && last.width == width) {
            return last;
        }
        for (Buffers candidate : recent) {
            if (candidate != null && candidate.batch == batch && candidate.height == height && candidate.width == width) {
                return candidate;
            }
        }
        Buffers fresh = new Buffers(dataType, batch, height, width, taps.length * cin, cin, cout);
        recent[next] = fresh;
        next = (next + 1) % recent.length;
        return fresh;
    }

    // Java-side work arrays, transient within a call and shared by a model's layers (a fresh one per call was megabytes
    // per layer per step; one kept per layer was gigabytes for a gated PixelCNN)
    private final Scratch inputs;
    private final RowSums biasGrad;
    private final Scratch blocks;

    /** The last few shapes' buffers (training batch, inspection, generation), kept as ShapeCache keeps them. */
    private final Buffers[] recent = new Buffers[3];
    private int next;

    /** x [B·H·W, C_in] → y [B·H·W, C_out]. */
    public HostArray forward(HostArray x, int batch, int height, int width) {
        Buffers buf = buffers(batch, height, width);
        int n = batch * height * width;
        int p = taps.length * cin;
        double[] in = inputs.of(n * cin);
        x.read(0, in, 0, in.length);
        double[] rows = blocks.of(Math.min(BLOCK, n) * p);
        for (int start = 0; start < n; start += BLOCK) {
            int count = Math.min(BLOCK, n - start);
            Arrays.fill(rows, 0, count * p, 0.0);                 // zero padding outside the image
            for (int k = 0; k < count; k++) {
                int pos = start + k;
                int bi = pos / (height * width);
                int r = (pos / width) % height;
                int c = pos % width;
                for (int t = 0; t < taps.length; t++) {
                    int rr = r + taps[t][0];
                    int cc = c + taps[t][1];
                    if (rr >= 0 && rr < height && cc >= 0 && cc < width) {
                        System.arraycopy(in, ((bi * height + rr) * width + cc) * cin, rows, k * p + t * cin, cin);
                    }
                }
            }
            buf.cols.write((long) start * p, rows, 0, count * p);
        }
        // y = cols W + b                                            (N, taps·Cin) x (taps·Cin, Cout)
        Blas.gemm(buf.cols.array(), W.value(), buf.y.array(), false, false, 1.0, 0.0);
        buf.y.array().addiRowVector(b.value());
        last = buf;
        return buf.y;
    }

    /** dy [B·H·W, C_out] → dx [B·H·W, C_in]; fills dW and db. */
    public HostArray backward(HostArray dy) {
        Buffers buf = last;
        int n = buf.batch * buf.height * buf.width;
        int p = taps.length * cin;
        Blas.gemm(buf.cols.array(), dy.array(), W.grad(), true, false, 1.0, 0.0);   // dW = colsᵀ dy
        biasGrad.into(dy.array(), b.grad());                                        // db = Σ_n dy = 1ᵀ dy
        Blas.gemm(dy.array(), W.value(), buf.dCols.array(), false, true, 1.0, 0.0); // dcols = dy Wᵀ
        double[] dx = inputs.of(n * cin);                                           // the input is no longer needed
        Arrays.fill(dx, 0.0);                                             // col2im adds into it
        double[] rows = blocks.of(Math.min(BLOCK, n) * p);
        for (int start = 0; start < n; start += BLOCK) {
            int count = Math.min(BLOCK, n - start);
            buf.dCols.read((long) start * p, rows, 0, count * p);
            for (int k = 0; k < count; k++) {
                int pos = start + k;
                int bi = pos / (buf.height * buf.width);
                int r = (pos / buf.width) % buf.height;
                int c = pos % buf.width;
                for (int t = 0; t < taps.length; t++) {
                    int rr = r + taps[t][0];
                    int cc = c + taps[t][1];
                    if (rr >= 0 && rr < buf.height && cc >= 0 && cc < buf.width) {
                        int o = ((bi * buf.height + rr) * buf.width + cc) * cin;
                        int src = k * p + t * cin;
                        for (int ch = 0; ch < cin; ch++) {
                            dx[o + ch] += rows[src + ch];                       // col2im: back where it was gathered
                        }
                    }
                }
            }
        }
        buf.dx.write(0, dx, 0, dx.length);
        return buf.dx;
    }
}
