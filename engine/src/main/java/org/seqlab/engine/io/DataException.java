package org.seqlab.engine.io;

/** Data or a file that cannot be used (a text, a saved model or run, a place to save to), with a message meant for the person who chose it. */
public class DataException extends Exception {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }
}
