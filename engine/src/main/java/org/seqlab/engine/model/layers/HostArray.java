package org.seqlab.engine.model.layers;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A c-ordered ND4J matrix whose rows Java loops read and write in bulk.
 *
 * <p>Why: each ND4J elementwise op costs 25 to 45 µs of call overhead here, and an LSTM cell needs about
 * 17 of them per time step. Reading a block of rows into a Java array, doing the cell arithmetic in one
 * loop and writing the result back costs a few microseconds (measured on this CPU backend).
 * The matrix keeps its own typed pointer so that moving it never disturbs ND4J's pointer.
 */
public final class HostArray {

    private final INDArray array;
    private final long rows;
    private final long cols;
    private final FloatPointer floats;
    private final DoublePointer doubles;
    /**
     * float32 matrices pass through a float[] on their way to and from Java's doubles. It lives only within one read or
     * write, so one per thread serves every HostArray; one per array had mirrored every float32 buffer on the heap
     * (attention's B·n_h·T² score buffers at 2 MB each, per layer, per shape, per model: lesson 09 ran out of 1 GB).
     */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[][] {new float[0]});

    public HostArray(DataType dataType, long rows, long cols) {
        this.array = Nd4j.create(dataType, rows, cols);
        this.rows = rows;
        this.cols = cols;
        if (dataType == DataType.FLOAT) {
            floats = new FloatPointer(array.data().addressPointer());
            doubles = null;
        } else if (dataType == DataType.DOUBLE) {
            doubles = new DoublePointer(array.data().addressPointer());
            floats = null;
        } else {
            throw new IllegalArgumentException("unsupported data type " + dataType);
        }
    }

    /** The ND4J matrix [rows, cols], for GEMMs. */
    public INDArray array() {
        return array;
    }

    public long rows() {
        return rows;
    }

    public long cols() {
        return cols;
    }

    /** Copies {@code len} elements starting at flat element {@code offset} into {@code dst[dstOff..]}. */
    public void read(long offset, double[] dst, int dstOff, int len) {
        check(offset, len);
        if (doubles != null) {
            doubles.position(offset).get(dst, dstOff, len);
            return;
        }
        float[] s = scratch(len);
        floats.position(offset).get(s, 0, len);
        for (int i = 0; i < len; i++) {
            dst[dstOff + i] = s[i];
        }
    }

    /** Copies {@code src[srcOff..srcOff+len)} to the flat elements starting at {@code offset}. */
    public void write(long offset, double[] src, int srcOff, int len) {
        check(offset, len);
        if (doubles != null) {
            doubles.position(offset).put(src, srcOff, len);
            return;
        }
        float[] s = scratch(len);
        for (int i = 0; i < len; i++) {
            s[i] = (float) src[srcOff + i];
        }
        floats.position(offset).put(s, 0, len);
    }

    /** Reads rows {@code [row, row + count)} into {@code dst}. */
    public void readRows(long row, long count, double[] dst) {
        read(row * cols, dst, 0, Math.toIntExact(count * cols));
    }

    /** Writes {@code src} to rows {@code [row, row + count)}. */
    public void writeRows(long row, long count, double[] src) {
        write(row * cols, src, 0, Math.toIntExact(count * cols));
    }

    private void check(long offset, int len) {
        if (offset < 0 || len < 0 || offset + len > rows * cols) {
            throw new IndexOutOfBoundsException("range " + offset + "+" + len + " outside " + rows + "x" + cols);
        }
    }

    private static float[] scratch(int len) {
        float[][] holder = SCRATCH.get();
        if (holder[0].length < len) {
            holder[0] = new float[len];
        }
        return holder[0];
    }
}
