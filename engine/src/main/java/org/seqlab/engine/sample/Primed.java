package org.seqlab.engine.sample;

import org.seqlab.engine.model.SequenceModel;
import org.seqlab.engine.model.Step;
import org.seqlab.engine.model.StepState;

/** The model's state after reading a prompt, and its logits for the token that follows: where every decoder starts. */
public record Primed(StepState state, float[] logits) {

    /** Feeds {@code prompt} (at least one token) to a fresh state. */
    public static Primed of(SequenceModel model, int[] prompt) {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("decoding needs a prompt of at least one token");
        }
        Primed p = new Primed(model.start(1), null);
        for (int id : prompt) {
            p = p.feed(model, id);
        }
        return p;
    }

    /** Feeds one more token. */
    public Primed feed(SequenceModel model, int token) {
        Step s = model.step(state, new int[] {token});
        return new Primed(s.state(), s.logits()[0]);
    }
}
