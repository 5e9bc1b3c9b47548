package org.seqlab.app.views;

import org.seqlab.app.text.EngineNames;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;

/**
 * A run as a choice box offers it: its id (A, B …) is who it is, its label ("B · LSTM 1×64") what the box shows.
 * A choice outlives the models it was made for; {@link LabViews#selected} checks it still names the same model.
 */
public record RunChoice(String id, String label) {

    public static RunChoice of(RunSnapshot r) {
        return new RunChoice(r.id(), r.label());
    }

    @Override
    public String toString() {
        return EngineNames.model(label);   // the label is who it is; the box shows it in the interface's language
    }
}
