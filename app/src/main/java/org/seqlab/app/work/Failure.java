package org.seqlab.app.work;

import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.seqlab.engine.io.DataException;

/** Why background work failed, in the words meant for the user rather than the wrappers' around them. */
public final class Failure {

    private Failure() {
    }

    /**
     * The failure itself: under what asynchronous work and I/O wrap around it (CompletionException,
     * ExecutionException, UncheckedIOException, an exception that only carries a DataException, one without a message).
     */
    public static Throwable cause(Throwable ex) {
        Throwable t = ex;
        while (t.getCause() != null && (t instanceof CompletionException || t instanceof ExecutionException
                || t instanceof UncheckedIOException || t.getCause() instanceof DataException || t.getMessage() == null)) {
            t = t.getCause();
        }
        return t;
    }

    /** The message of {@link #cause}, or its kind when it has none. */
    public static String reason(Throwable ex) {
        Throwable t = cause(ex);
        return Objects.requireNonNullElse(t.getLocalizedMessage(), t.getClass().getSimpleName());
    }
}
