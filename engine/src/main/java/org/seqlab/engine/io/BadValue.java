package org.seqlab.engine.io;

import java.util.Locale;

/**
 * A setting or a value out of bounds (a width, a learning rate, an unknown name), said by key like {@link DataException}:
 * {@link #getMessage} in English for the command line and a lesson's checker, {@link #getLocalizedMessage} in the
 * interface's language for the settings sheet and the Problems dialog.
 */
public class BadValue extends IllegalArgumentException implements Said {
    private static final long serialVersionUID = 1L;

    private final transient Says says;

    private BadValue(Says says) {
        super(says.english());
        this.says = says;
    }

    /** {@code throw BadValue.says("config.between", Says.of("what.layers"), 1, 16, layers)}. */
    public static BadValue says(String key, Object... args) {
        return new BadValue(Says.of(key, args));
    }

    @Override
    public String getLocalizedMessage() {
        return says.shown();
    }

    @Override
    public String in(Locale l) {
        return says.in(l);
    }
}
