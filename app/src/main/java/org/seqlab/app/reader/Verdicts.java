package org.seqlab.app.reader;

import java.util.ArrayList;
import java.util.List;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.expect.Expectation;
import org.seqlab.engine.expect.Point;

/**
 * A scene's verdict as the reader and the start board show it: in English the engine's own sentence, with each
 * measurement in words ("A's bits per symbol 0.318"); in another language framed in that language, with the
 * measurements in the lesson's notation ("bits(A) = 0,318"), which is exact and needs no translation.
 */
public final class Verdicts {

    private Verdicts() {
    }

    /** The verdict on {@code says}, the point in the reader's language (a translated lesson's own sentence). */
    public static String shown(Point.Verdict v, String says) {
        if (Texts.locale().getLanguage().equals("en")) {
            return new Point.Verdict(v.met(), says, v.values(), v.failed()).spoken();
        }
        List<String> parts = new ArrayList<>();
        v.values().forEach((k, x) -> parts.add(k + " = " + Texts.decimals(Expectation.format(x))));
        String measured = parts.isEmpty() ? "" : Texts.format("point.measured.f", String.join(", ", parts));
        return v.met() ? Texts.format("point.met.f", says, measured)
                : Texts.format("point.notYet.f", says, measured, String.join(Texts.get("point.and"), v.failed()));
    }
}
