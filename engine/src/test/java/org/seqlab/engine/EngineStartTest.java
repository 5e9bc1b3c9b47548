package org.seqlab.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Every way of starting SeqLab goes through {@link Engine#start()}, which must leave ND4J on one OpenMP and
 * one BLAS thread without relying on OMP_NUM_THREADS (surefire sets no such variable for this module).
 */
class EngineStartTest {

    @Test
    void oneThreadInProcess() {
        Engine.Info info = Engine.start();
        assertThat(System.getenv("SEQLAB_THREADS")).isNull();
        assertThat(NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads()).isEqualTo(1);
        assertThat(Nd4j.factory().blas().getMaxThreads()).isEqualTo(1);
        assertThat(info.ompThreads()).isEqualTo(1);
        assertThat(info.describe()).contains("1 thread");
        assertThat(Engine.start()).isSameAs(info);
    }
}
