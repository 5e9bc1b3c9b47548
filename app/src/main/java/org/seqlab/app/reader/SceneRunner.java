package org.seqlab.app.reader;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.seqlab.app.lessons.Scene;

/** Sets the lab up as a scene says: what the reader's scene buttons call. */
@FunctionalInterface
public interface SceneRunner {

    /**
     * @param progress told what is happening ("Preparing names…", "Training 120 / 300")
     * @return completes on the FX thread once the lab is set up and trained, or fails with the reason
     */
    CompletableFuture<Void> run(Scene scene, Consumer<String> progress);
}
