package org.seqlab.engine.model.layers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Work buffers kept per input shape, the few most recent ones.
 *
 * <p>Why: one model is run at a few shapes in turn (the training batch, the example being inspected,
 * one-token generation steps). Allocating ND4J buffers on every switch costs milliseconds and churns
 * native memory; keeping the last three shapes makes every switch free.
 */
public final class ShapeCache<V> {

    private static final int CAPACITY = 3;

    private final Map<Long, V> entries = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, V> eldest) {
            return size() > CAPACITY;
        }
    };
    private final Function<long[], V> factory;

    /** {@code factory} receives {@code {T, B}} and builds the buffers for that shape. */
    public ShapeCache(Function<long[], V> factory) {
        this.factory = factory;
    }

    public V get(int steps, int batch) {
        long key = ((long) steps << 32) | batch;
        return entries.computeIfAbsent(key, k -> factory.apply(new long[] {steps, batch}));
    }
}
