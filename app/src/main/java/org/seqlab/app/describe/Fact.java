package org.seqlab.app.describe;

import java.math.BigDecimal;
import java.math.MathContext;
import org.seqlab.app.text.EngineNames;
import org.seqlab.app.text.Texts;

/**
 * One number (or label) in a description: the question that gave it, its answer, and how it is shown in the sentence.
 *
 * @param shown the text in the sentence, from {@link #show}
 */
public record Fact(Query query, Kind kind, Object value, String shown) {

    /** How an answer is written. */
    public enum Kind {
        /** Three significant digits: 0.423, 12.5, 3.1e-05 written 3.1 × 10⁻⁵. */
        NUMBER,
        /** A whole number: 12. */
        COUNT,
        /** A share as a percentage: 0.913 as 91 %. */
        PERCENT,
        /** A label read from the table, as it is. */
        TEXT,
        /** A model's label read from the table (which keeps the engine's English), in the interface's language. */
        NAME,
        /** A tutor's cause read by its id from the table, as the interface's language explains it. */
        CAUSE,
        /** The counter-experiment of a tutor's cause read by its id, in the interface's language. */
        COUNTER
    }

    /** Labels and samples longer than this are cut, with an ellipsis. */
    static final int LONGEST_TEXT = 80;

    /** Asks {@code q} of the table and writes the answer. */
    static Fact of(Query q, Kind kind, org.seqlab.app.figures.Table t) {
        Object v = q.ask(t);
        return new Fact(q, kind, v, show(v, kind));
    }

    /** The answer written as a sentence shows it (the same rule for the table in memory and for its CSV read back). */
    public static String show(Object value, Kind kind) {
        if (kind == Kind.NAME) {
            return show(EngineNames.model(String.valueOf(value)), Kind.TEXT);
        }
        if (kind == Kind.CAUSE || kind == Kind.COUNTER) {
            String id = String.valueOf(value);
            return Texts.orElse((kind == Kind.CAUSE ? "tutor.cause." : "tutor.counter.") + id, id);
        }
        if (kind == Kind.TEXT || value instanceof String) {
            String t = String.valueOf(value);   // a long sample is read as its beginning
            return t.length() > LONGEST_TEXT ? t.substring(0, LONGEST_TEXT) + "…" : t;
        }
        double v = (Double) value;
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? Texts.get("desc.show.1") : v > 0 ? Texts.get("desc.show.2") : Texts.get("desc.show.3");
        }
        return switch (kind) {
            case COUNT -> Long.toString(Math.round(v));
            case PERCENT -> Math.round(v * 100) + " %";
            default -> number(v);
        };
    }

    private static String number(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a < 1e-3 || a >= 1e6) {
            int exp = (int) Math.floor(Math.log10(a));
            double mantissa = v / Math.pow(10, exp);
            String m = new BigDecimal(mantissa).round(new MathContext(2)).stripTrailingZeros().toPlainString();
            m = Texts.decimals(m);
            return m + " × 10" + superscript(exp);
        }
        String plain = new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
        return Texts.decimals(plain);   // a decimal comma in German
    }

    private static String superscript(int exp) {
        String digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        StringBuilder sb = new StringBuilder(exp < 0 ? "⁻" : "");
        for (char c : Integer.toString(Math.abs(exp)).toCharArray()) {
            sb.append(digits.charAt(c - '0'));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return shown;
    }

}
