package org.seqlab.engine.train;
import org.seqlab.engine.io.BadValue;

/** Learning-rate schedules. */
public enum Schedule {
    /** The same rate at every step. */
    CONSTANT("constant"),
    /** Linear warm-up from 0 to the rate over the warm-up steps, then a half cosine down to a tenth of it. */
    WARMUP_COSINE("warmup-cosine");

    private final String id;

    Schedule(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Schedule parse(String s) {
        for (Schedule v : values()) {
            if (v.id.equalsIgnoreCase(s.trim()) || v.name().equalsIgnoreCase(s.trim())) {
                return v;
            }
        }
        throw BadValue.says("config.unknownSchedule", s);
    }

    @Override
    public String toString() {
        return this == CONSTANT ? "Constant" : "Warm-up + cosine";
    }
}
