package org.seqlab.engine.data;

/** Data that cannot be used, with a message meant for the person who chose it. */
public class DataException extends Exception {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }
}
