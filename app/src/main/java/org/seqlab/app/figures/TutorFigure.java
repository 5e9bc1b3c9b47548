package org.seqlab.app.figures;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.seqlab.app.text.EngineNames;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.tutor.CounterExperiment;
import org.seqlab.engine.tutor.vocabulary.Diagnosis;
import org.seqlab.engine.tutor.Tutor;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;
import org.seqlab.engine.train.TrainingSnapshot;

/**
 * What the tutor reads in every model's training ({@link Tutor}): each cause it names, the numbers that raised it, the
 * lesson section that explains it, the counter-experiment that would test it, and that experiment's verdict once run.
 *
 * @param verdicts by run id and cause id, the counter-experiments the learner ran (their models' step with them)
 */
public record TutorFigure(TrainingSnapshot snapshot, Map<String, CounterExperiment.Verdict> verdicts) implements Figure {

    @Override
    public String name() {
        return "tutor";
    }

    @Override
    public String title() {
        return Texts.format("tutor.title.f", snapshot.step());
    }

    /** The key of a verdict: the model and the cause. */
    public static String key(String runId, Diagnosis d) {
        return runId + "/" + d.cause().id();
    }

    @Override
    public void draw(Graphics2D g, double w, double h, Style style) {
        Style.background(g, w, h);
        double y = style.title(g, title(), w) + 8;
        if (snapshot.runs().isEmpty()) {
            style.centeredNote(g, Texts.get("note.noModels"), w, h);
            return;
        }
        double x0 = 16;
        double room = w - x0 - 16;
        for (RunSnapshot r : snapshot.runs()) {
            g.setFont(style.labelFont().deriveFont(Font.BOLD));
            double lineH = g.getFontMetrics().getHeight();
            if (y + lineH > h) {
                break;
            }
            g.setPaint(Style.run(r.id()));
            g.fill(new Rectangle2D.Double(x0, y + 2, 6, lineH - 2));
            g.setPaint(style.ink());
            y = Style.wrapped(g, EngineNames.model(r.label()), x0 + 14, y + lineH - 4, room - 14, h) + 2;
            g.setFont(style.labelFont());
            if (r.diagnoses().isEmpty()) {
                g.setPaint(style.muted());
                y = Style.wrapped(g, calm(r), x0 + 14, y + 2, room - 14, h) + 6;
                continue;
            }
            for (Diagnosis d : r.diagnoses()) {
                g.setPaint(style.ink());
                g.setFont(style.labelFont().deriveFont(Font.BOLD));
                y = Style.wrapped(g, d.cause().id(), x0 + 14, y + 2, room - 14, h);
                g.setFont(style.labelFont());
                y = Style.wrapped(g, says(d), x0 + 14, y, room - 14, h);
                g.setPaint(style.muted());
                y = Style.wrapped(g, Texts.format("tutor.lesson.f", d.cause().lesson(), Texts.orElse("tutor.section." + d.cause().id(), d.cause().section()),
                        Texts.orElse("tutor.counter." + d.cause().id(), d.cause().counter())),
                        x0 + 14, y, room - 14, h);
                CounterExperiment.Verdict v = verdicts.get(key(r.id(), d));
                if (v != null) {
                    g.setPaint(style.ink());
                    y = Style.wrapped(g, Texts.format(v.confirmed() ? "tutor.confirmed.f" : "tutor.rejected.f", v.says()), x0 + 14, y, room - 14, h);
                }
                y += 6;
            }
        }
    }

    /**
     * A diagnosis as a learner reads it, in the interface's language: the cause's explanation and the measurements that
     * raised it (the CSV keeps the engine's English, as the command line prints it).
     */
    static String says(Diagnosis d) {
        if (Texts.locale().getLanguage().equals("en")) {
            return d.says();
        }
        StringBuilder b = new StringBuilder(Texts.orElse("tutor.cause." + d.cause().id(), d.cause().says())).append(" (");
        d.evidence().forEach((k, v) -> b.append(b.charAt(b.length() - 1) == '(' ? "" : ", ").append(k).append(' ').append(Style.number(v)));
        return b.append(Texts.format("tutor.atStep.f", d.step())).append(')').toString();
    }

    /** What the tutor says of a model it names nothing for. */
    private static String calm(RunSnapshot r) {
        return r.train().size() < Tutor.MIN_STEPS ? Texts.format("tutor.early.f", Tutor.MIN_STEPS)
                : Texts.get("tutor.healthy");
    }

    @Override
    public Table table() {
        List<List<String>> rows = new ArrayList<>();
        for (RunSnapshot r : snapshot.runs()) {
            if (r.diagnoses().isEmpty()) {
                rows.add(List.of(r.id(), String.valueOf(snapshot.step()), "", calm(r), "", ""));
            }
            for (Diagnosis d : r.diagnoses()) {
                CounterExperiment.Verdict v = verdicts.get(key(r.id(), d));
                rows.add(List.of(r.id(), String.valueOf(d.step()), d.cause().id(), d.says(), d.cause().counter(),
                        v == null ? "" : v.confirmed() ? "confirmed" : "rejected"));
            }
        }
        return new Table(List.of("model", "step", "cause", "says", "counter_experiment", "verdict"), rows);
    }
}
