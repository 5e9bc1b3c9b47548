package org.seqlab.app;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The suite's memory stays bounded: after every test class the heap in use is measured after a full collection, and a
 * class fails when it leaves more than {@value #BOUND_MB} MB beyond what the first class left. Whatever a class starts
 * — a lab, an engine thread, a trainer, a window, a model — must be stopped and let go when it ends; a class that keeps
 * it reachable is named here, instead of the suite running out of memory minutes later in an unrelated test (as it
 * once did with both cores busy). Registered for every class by {@code META-INF/services} (JUnit's extension
 * auto-detection, switched on in {@code junit-platform.properties}); each measurement is appended to
 * {@code target/heap-after-each-class.txt}.
 */
public final class HeapBound implements AfterAllCallback {

    /** Growth allowed over the first class, in MB, under the fork's 2 GB heap. */
    public static final long BOUND_MB = 400;

    private static long baseline = -1;

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (context.getRequiredTestClass().getEnclosingClass() != null) {
            return;   // a nested class: its outer class is measured
        }
        long used = usedAfterFullGc();
        if (baseline < 0) {
            baseline = used;
        }
        long growth = (used - baseline) >> 20;
        String line = String.format("%-40s %6d MB in use after a full GC (%+d MB over the first class)%n",
                context.getRequiredTestClass().getSimpleName(), used >> 20, growth);
        Files.writeString(Path.of("target", "heap-after-each-class.txt"), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (System.getenv("SEQLAB_HEAP_HISTOGRAM") != null) {   // what stays reachable, for whoever hunts a leak
            String h = (String) ManagementFactory.getPlatformMBeanServer().invoke(new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram", new Object[] {null}, new String[] {String[].class.getName()});
            Files.writeString(Path.of("target", "heap-histograms.txt"), line + h + "\n\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        if (growth > BOUND_MB) {
            throw new AssertionError(String.format("%s left %d MB more in use than the first test class did (bound %d MB): something it "
                    + "started (a lab, an engine, a window, a model) is still reachable", context.getRequiredTestClass().getSimpleName(),
                    growth, BOUND_MB));
        }
    }

    /**
     * The heap in use once collections stop freeing anything. ND4J lets go of a freed buffer's bookkeeping (its
     * deallocator's reference, its native handle) on its own threads after a collection has found the buffer unreachable:
     * after a class that made half a million buffers (the layout command's labs) that takes seconds, so collections go on
     * while each still frees more than a megabyte, for up to 40.
     */
    static long usedAfterFullGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        long previous = Long.MAX_VALUE;
        long used = memory.getHeapMemoryUsage().getUsed();
        for (int i = 0; i < 40 && used < previous - (1 << 20); i++) {
            previous = used;
            System.gc();
            Thread.sleep(250);   // lets finalizers, cleaners and ND4J's deallocators run between collections
            used = memory.getHeapMemoryUsage().getUsed();
        }
        return used;
    }
}
