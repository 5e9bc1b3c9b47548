package org.seqlab.app.lessons;

import org.seqlab.app.text.EngineNames;
import org.seqlab.app.text.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.seqlab.engine.expect.Expectation;
import org.seqlab.engine.expect.Measure;
import org.seqlab.engine.expect.MeasureCall;
import org.seqlab.engine.expect.Point;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;

/**
 * A scene's {@code point:} (the sentence it sets out to show) and {@code expect:} (the statements that measure it, see
 * {@link Expectation}), checked against the scene's own models: every letter names one of them, every measurement
 * suits its family.
 */
final class ScenePoint {

    private ScenePoint() {
    }

    /** The scene's point, or null when it states none; mistakes go to the block's problems. */
    static Point parse(YamlBlock y, List<Scene.Model> models) {
        return parse(y, c -> models.isEmpty() ? null : mismatch(c, models));
    }

    /** The point of a scene of {@code count} encoder–decoders: they are measured by exact(A, n) and bits(A). */
    static Point parseEncoderDecoders(YamlBlock y, int count) {
        return parse(y, c -> {
            int i = c.model() == null ? -1 : c.model().charAt(0) - 'A';
            if (c.measure() != Measure.EXACT && c.measure() != Measure.BITS) {
                return Texts.get("lp.edMeasures", c.toString());
            }
            if (c.measure() == Measure.EXACT
                    && (c.args().get(0) < 1 || c.args().get(0) > Measure.MAX_EXACT_LENGTH)) {
                return Texts.get("lp.exactRange", c.toString(), Measure.MAX_EXACT_LENGTH, c.args().get(0));
            }
            return i >= count ? sceneHas(c, count) : null;
        });
    }

    private static Point parse(YamlBlock y, Function<MeasureCall, String> mismatch) {
        List<String> statements = y.strings("expect");
        String says = y.string("point", null);
        if (statements.isEmpty() && says == null) {
            return null;
        }
        if (statements.isEmpty()) {
            y.problem("point", Texts.get("lp.pointNeeds"));
            return null;
        }
        if (says == null || says.isBlank()) {
            y.problem("expect", Texts.get("lp.expectNeeds"));
            return null;
        }
        List<Expectation> checks = new ArrayList<>();
        for (String s : statements) {
            try {
                Expectation e = Expectation.parse(s);
                for (MeasureCall c : e.calls()) {
                    String wrong = mismatch.apply(c);
                    if (wrong != null) {
                        throw new IllegalArgumentException(wrong);
                    }
                }
                checks.add(e);
            } catch (IllegalArgumentException e) {
                y.problem("expect", e.getLocalizedMessage());
            }
        }
        return checks.size() == statements.size() ? new Point(says.strip(), checks) : null;
    }

    /** Why a measurement cannot be made on these models, or null. */
    private static String mismatch(MeasureCall c, List<Scene.Model> models) {
        if (c.model() == null) {
            return null;
        }
        int i = c.model().charAt(0) - 'A';
        if (i >= models.size()) {
            return sceneHas(c, models.size());
        }
        Family f = models.get(i).family();
        if (!c.measure().suits(f)) {
            return Texts.get("lp.measures", c.toString(), c.measure().description(), c.model(), EngineNames.family(f));
        }
        ModelConfig config;
        try {
            config = models.get(i).toConfig().model();
        } catch (IllegalArgumentException e) {
            return null;    // the model block itself is wrong, and says so
        }
        return c.measure().outOfRange(c.args(), config);
    }

    /** "bits(C) < 1: the scene has 2 models (A to B)". */
    private static String sceneHas(MeasureCall c, int count) {
        return Texts.get("lp.sceneHas", c.toString(), count, String.valueOf((char) ('A' + count - 1)));
    }
}
