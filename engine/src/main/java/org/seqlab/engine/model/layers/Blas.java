package org.seqlab.engine.model.layers;

import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code C = α op(A) op(B) + β C} straight through OpenBLAS's {@code cblas_sgemm}/{@code cblas_dgemm}, the library ND4J
 * itself calls. Why: {@code Nd4j.gemm} wraps the same product in a custom op (shape checks, an op context, a
 * descriptor) that costs about 40 µs a call here, more than the product itself for a recurrent layer's per-step
 * [B, H]·[H, G·H] (measured: 62–96 µs through ND4J, 25–42 µs direct, at B = 32, H = 128). The recurrences call it
 * twice per time step, so the overhead was a third of an RNN's step.
 *
 * <p>Matrices whose rows are contiguous (c order, unit column stride; a row block of one is a view) go direct;
 * anything else goes through {@code Nd4j.gemm}, as before.
 */
public final class Blas {

    /** Products sent direct since start, for the benchmark's count of calls per step. */
    private static final AtomicLong DIRECT = new AtomicLong();

    private Blas() {
    }

    /** How many products have gone straight to OpenBLAS in this process. */
    public static long directCalls() {
        return DIRECT.get();
    }

    /** C ← α op(A) op(B) + β C, op(X) = Xᵀ when its flag is set. */
    public static void gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double alpha, double beta) {
        DataType dt = c.dataType();
        if (!(dt == DataType.FLOAT || dt == DataType.DOUBLE) || a.dataType() != dt || b.dataType() != dt
                || !rowMajor(a) || !rowMajor(b) || !rowMajor(c)) {
            Nd4j.gemm(a, b, c, transposeA, transposeB, alpha, beta);
            return;
        }
        long m = transposeA ? a.columns() : a.rows();
        long k = transposeA ? a.rows() : a.columns();
        long kb = transposeB ? b.columns() : b.rows();
        long n = transposeB ? b.rows() : b.columns();
        if (k != kb || c.rows() != m || c.columns() != n) {
            throw new IllegalArgumentException("gemm: op(A) is " + m + "x" + k + ", op(B) " + kb + "x" + n + ", C " + c.rows() + "x" + c.columns());
        }
        DIRECT.incrementAndGet();
        int ta = transposeA ? openblas.CblasTrans : openblas.CblasNoTrans;
        int tb = transposeB ? openblas.CblasTrans : openblas.CblasNoTrans;
        if (dt == DataType.FLOAT) {
            openblas.cblas_sgemm(openblas.CblasRowMajor, ta, tb, (int) m, (int) n, (int) k, (float) alpha, floats(a), ld(a), floats(b), ld(b),
                    (float) beta, floats(c), ld(c));
        } else {
            openblas.cblas_dgemm(openblas.CblasRowMajor, ta, tb, (int) m, (int) n, (int) k, alpha, doubles(a), ld(a), doubles(b), ld(b),
                    beta, doubles(c), ld(c));
        }
    }

    /** A 2-D matrix whose rows lie one after another in memory, each of unit stride. */
    private static boolean rowMajor(INDArray x) {
        if (x.rank() != 2 || x.isEmpty()) {
            return false;
        }
        long rows = x.rows();
        long cols = x.columns();
        boolean unitColumns = cols == 1 || x.stride(1) == 1;
        boolean rowsApart = rows == 1 || x.stride(0) >= cols;
        // the buffer's address then starts at the matrix's first element (a view's buffer carries the view's offset)
        return unitColumns && rowsApart && x.ordering() == 'c' && x.offset() == x.data().offset();
    }

    /** The leading dimension: how far apart rows start. */
    private static int ld(INDArray x) {
        return (int) (x.rows() == 1 ? Math.max(1, x.columns()) : x.stride(0));
    }

    private static FloatPointer floats(INDArray x) {
        return new FloatPointer(x.data().addressPointer());
    }

    private static DoublePointer doubles(INDArray x) {
        return new DoublePointer(x.data().addressPointer());
    }
}
