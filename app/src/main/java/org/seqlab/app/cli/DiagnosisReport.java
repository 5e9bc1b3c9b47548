package org.seqlab.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqlab.engine.train.RunConfig;
import org.seqlab.engine.train.TrainingSession;
import org.seqlab.engine.tutor.CounterExperiment;
import org.seqlab.engine.tutor.vocabulary.Diagnosis;
import org.seqlab.engine.tutor.Tutor;

/**
 * {@code train --diagnose}: what the tutor names on the trained model, and with {@code --confirm} each diagnosis's
 * counter-experiment trained from the same seed on the same batches, as many steps as the model had.
 */
record DiagnosisReport(List<Diagnosis> diagnoses, List<CounterExperiment.Verdict> verdicts) {

    static DiagnosisReport of(TrainingSession session, RunConfig trained, boolean confirm) {
        List<Diagnosis> found = Tutor.diagnose(session, 0);
        List<CounterExperiment.Verdict> verdicts = new ArrayList<>();
        if (confirm) {
            for (Diagnosis d : found) {
                verdicts.add(CounterExperiment.of(d.cause(), trained).run(session.data(), session.config(), trained, session.stepsTaken()));
            }
        }
        return new DiagnosisReport(found, verdicts);
    }

    /** The {@code "diagnoses"} of the final JSON line. */
    List<Map<String, Object>> json() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < diagnoses.size(); i++) {
            Diagnosis d = diagnoses.get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cause", d.cause().id());
            m.put("step", d.step());
            Map<String, Object> evidence = new LinkedHashMap<>();
            d.evidence().forEach((k, v) -> evidence.put(k, Json.round(v)));
            m.put("evidence", evidence);
            m.put("says", d.says());
            m.put("lesson", d.cause().lesson() + " · " + d.cause().section());
            m.put("counter_experiment", d.cause().counter());
            if (i < verdicts.size()) {
                m.put("confirmed", verdicts.get(i).confirmed());
                m.put("verdict", verdicts.get(i).says());
            }
            out.add(m);
        }
        return out;
    }

    void print(PrintWriter out) {
        if (diagnoses.isEmpty()) {
            out.println("Tutor: nothing to diagnose; the training looks healthy by every rule in docs/tutor.md.");
        }
        for (int i = 0; i < diagnoses.size(); i++) {
            Diagnosis d = diagnoses.get(i);
            out.printf("Tutor: %s — %s%n       See lesson %s, \"%s\". Test it: %s.%n", d.cause().id(), d.says(), d.cause().lesson(),
                    d.cause().section(), d.cause().counter());
            if (i < verdicts.size()) {
                out.printf("       %s: %s%n", verdicts.get(i).confirmed() ? "Confirmed" : "Rejected", verdicts.get(i).says());
            }
        }
        out.flush();
    }
}
