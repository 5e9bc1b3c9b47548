package org.seqlab.engine.expect;

/** Makes the measurements of an {@link Expectation}. */
@FunctionalInterface
public interface Measures {

    /**
     * The value of one measurement.
     *
     * @throws IllegalArgumentException when it cannot be made on these models (no such model, the wrong family)
     */
    double value(MeasureCall call);
}
