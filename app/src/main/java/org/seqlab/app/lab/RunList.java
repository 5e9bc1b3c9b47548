package org.seqlab.app.lab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.data.catalog.DataSources;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.train.TrainingSession;

/** The lab's list of models: adding one that makes a comparison, removing one, and fitting them to text or images. */
final class RunList {

    private RunList() {
    }

    /** Images need image models and text needs text models: swap the ones that cannot read the new data, and say so. */
    static void fitToData(ObservableList<RunSettings> runs, String spec, StringProperty notice) {
        boolean image = DataSources.isImages(spec);
        if (DataSources.orderedPixels(spec) != null) {
            // digits read as a sequence: a Transformer's context must hold every pixel of one
            int pixels = spec.startsWith("digits-14") ? 196 : 784;
            runs.stream().filter(r -> r.family.get() == Family.TRANSFORMER).forEach(r -> r.context.set(Math.max(r.context.get(), pixels)));
        }
        if (runs.stream().allMatch(r -> r.family.get().image() == image)) {
            return;
        }
        List<RunSettings> kept = runs.stream().filter(r -> r.family.get().image() == image).toList();
        List<RunSettings> next = new ArrayList<>(kept);
        for (Family f : image ? new Family[] {Family.PIXELCNN, Family.GATED_PIXELCNN} : new Family[] {Family.RNN, Family.LSTM}) {
            if (next.size() < 2 && next.stream().noneMatch(r -> r.family.get() == f)) {
                next.add(new RunSettings(f));
            }
        }
        runs.setAll(next);
        notice.set(image ? Texts.get("runs.images")
                : Texts.get("runs.text"));
    }

    /** Adds a model like the last one but of the other family; at most four. */
    static void add(List<RunSettings> runs, String data, int sequenceLength, StringProperty notice) {
        if (runs.size() >= TrainingSession.MAX_RUNS) {
            notice.set(Texts.get("runs.atMost", TrainingSession.MAX_RUNS));
            return;
        }
        // the first family not yet in the lab, so that "Add model" builds a comparison
        boolean image = DataSources.isImages(data);
        Family[] order = image ? new Family[] {Family.PIXELCNN, Family.GATED_PIXELCNN, Family.MADE}
                : new Family[] {Family.RNN, Family.LSTM, Family.TRANSFORMER, Family.CONV1D, Family.GRU};
        Family next = Arrays.stream(order)
                .filter(f -> runs.stream().noneMatch(r -> r.family.get() == f)).findFirst()
                .orElse(runs.isEmpty() ? Family.LSTM : runs.get(runs.size() - 1).family.get());
        RunSettings added = new RunSettings(next);
        int length = DataSources.orderedPixels(data) == null ? sequenceLength : data.startsWith("digits-14") ? 196 : 784;
        added.context.set(Math.max(added.context.get(), length));
        runs.add(added);
    }

    static void remove(List<RunSettings> runs, int index, StringProperty notice) {
        if (runs.size() <= 1) {
            notice.set(Texts.get("runs.keepOne"));
            return;
        }
        runs.remove(index);
    }
}
