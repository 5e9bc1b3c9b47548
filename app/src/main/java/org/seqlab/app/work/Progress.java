package org.seqlab.app.work;

import java.util.concurrent.CancellationException;
import java.util.function.DoubleConsumer;

/** A job's progress, reported by the work as it goes; once the job is cancelled, the next report stops the work. */
public interface Progress extends DoubleConsumer {

    /**
     * The share done, 0 to 1.
     *
     * @throws CancellationException when the job was cancelled: the work ends there
     */
    void report(double share);

    boolean cancelled();

    @Override
    default void accept(double share) {
        report(share);
    }
}
