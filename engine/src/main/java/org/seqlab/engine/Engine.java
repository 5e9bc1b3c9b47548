package org.seqlab.engine;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Starts ND4J once per process with SeqLab's thread settings.
 *
 * <p>Why: with two OpenMP/BLAS threads on a two-core machine, ND4J's small per-time-step GEMMs spike to
 * seconds (threads spin-waiting for each other), and the UI loses its core. One thread is stable. The
 * usual cure is the environment variable {@code OMP_NUM_THREADS=1}, but an installer launcher or
 * {@code java -jar} cannot set environment variables, so the setting is applied here, in-process, right
 * after the backend loads and before any parallel region runs. {@code EngineStartTest} checks that
 * OpenMP and BLAS then report one thread even when no environment variable was set.
 *
 * <p>Override with {@code -Dseqlab.threads=N} or the environment variable {@code SEQLAB_THREADS}.
 */
public final class Engine {

    /** What the loaded backend reports, for the status bar and the benchmark. */
    public record Info(String backend, int ompThreads, int blasThreads, double loadSeconds) {
        public String describe() {
            return String.format("ND4J %s, %d thread%s, loaded in %.1f s",
                    backend, ompThreads, ompThreads == 1 ? "" : "s", loadSeconds);
        }
    }

    private static volatile Info info;

    private Engine() {
    }

    /** Loads ND4J (0.4 to 2 s) and applies the thread settings; later calls return at once. */
    public static synchronized Info start() {
        if (info != null) {
            return info;
        }
        long t0 = System.nanoTime();
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Nd4j.create(DataType.FLOAT, 1); // forces the backend and its native libraries to load
        int threads = configuredThreads();
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        int omp = NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
        int blas = Nd4j.factory().blas().getMaxThreads();
        String backend = Nd4j.getBackend().getClass().getSimpleName().replace("Backend", "");
        info = new Info(backend, omp, blas, (System.nanoTime() - t0) / 1e9);
        return info;
    }

    /** True once {@link #start()} has finished. */
    public static boolean started() {
        return info != null;
    }

    static int configuredThreads() {
        String value = System.getProperty("seqlab.threads", System.getenv("SEQLAB_THREADS"));
        if (value == null || value.isBlank()) {
            return 1;
        }
        try {
            return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), Integer.parseInt(value.trim())));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
