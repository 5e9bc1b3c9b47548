package org.seqlab.app.reader;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.seqlab.app.lessons.Scene;
import org.seqlab.engine.expect.Measured;

/** Sets the lab up as a scene says: what the reader's scene buttons call. */
@FunctionalInterface
public interface SceneRunner {

    /**
     * @param progress told what is happening ("Preparing names…", "Training 120 / 300")
     * @return completes on the FX thread once the lab is set up and trained, with whether the scene's point was made
     *         now and at every checkpoint on the way (null for a scene that states none), or fails with the reason
     */
    CompletableFuture<Measured> run(Scene scene, Consumer<String> progress);
}
