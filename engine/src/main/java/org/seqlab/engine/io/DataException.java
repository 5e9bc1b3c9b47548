package org.seqlab.engine.io;

import java.util.Locale;

/**
 * Data or a file that cannot be used (a text, a saved model or run, a place to save to), with a message meant for the
 * person who chose it: {@link #getMessage} in English (the command line, the logs), {@link #getLocalizedMessage} in
 * the interface's language (the window) when the message is one the engine {@link Says} by key.
 */
public class DataException extends Exception implements Said {
    private static final long serialVersionUID = 1L;

    private final transient Says says;

    /** A message that is already words (another part's, passed on). */
    public DataException(String message) {
        super(message);
        this.says = null;
    }

    public DataException(Says says) {
        super(says.english());
        this.says = says;
    }

    /** {@code throw DataException.says("text.isEmpty", name)}. */
    public static DataException says(String key, Object... args) {
        return new DataException(Says.of(key, args));
    }

    /** Another failure passed on in its own words, in every language it has them. */
    public static DataException of(Throwable e) {
        return e instanceof DataException d && d.says != null ? new DataException(d.says) : new DataException(e.getMessage());
    }

    @Override
    public String getLocalizedMessage() {
        return says == null ? getMessage() : says.shown();
    }

    @Override
    public String in(Locale l) {
        return says == null ? getMessage() : says.in(l);
    }
}
