package org.seqlab.engine.expect;

import java.util.ArrayList;
import java.util.List;

/** One measurement an expectation names: what is measured, on which model (or none), with which whole numbers. */
public record MeasureCall(Measure measure, String model, List<Integer> args) {

    /** As written in a lesson: {@code grad_ratio(A, 16)}, {@code floor()}. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (model != null) {
            parts.add(model);
        }
        args.forEach(a -> parts.add(String.valueOf(a)));
        return measure.id() + "(" + String.join(", ", parts) + ")";
    }
}
