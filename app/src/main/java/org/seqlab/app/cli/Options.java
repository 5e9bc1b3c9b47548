package org.seqlab.app.cli;

import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Out-of-range options are refused, never quietly changed: {@code --clip -1} does not turn clipping off and
 * {@code --kernel 0} does not become 2. A refusal is a usage error (exit 2) naming the option and its range.
 */
final class Options {

    private Options() {
    }

    static void range(CommandSpec spec, String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ParameterException(spec.commandLine(), String.format("%s must be between %,d and %,d, not %,d", option, min, max, value));
        }
    }

    static void range(CommandSpec spec, String option, Integer value, long min, long max) {
        if (value != null) {
            range(spec, option, (long) value, min, max);
        }
    }

    static void range(CommandSpec spec, String option, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new ParameterException(spec.commandLine(), String.format("%s must be between %s and %s, not %s", option, plain(min),
                    plain(max), plain(value)));
        }
    }

    static void positive(CommandSpec spec, String option, double value, double max) {
        if (!(value > 0 && value <= max)) {
            throw new ParameterException(spec.commandLine(), String.format("%s must be above 0 and at most %s, not %s", option, plain(max),
                    plain(value)));
        }
    }

    /** A setting the engine refuses (a size out of range, heads that do not divide the width) is a usage error too. */
    static <T> T usage(CommandSpec spec, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
