package org.seqlab.app.describe;

import java.util.ArrayList;
import java.util.List;
import org.seqlab.app.figures.Table;
import org.seqlab.app.text.Texts;

/** Builds a description: asks the figure's table for each fact and strings the sentences together. */
final class Describer {

    private final Table table;
    private final List<Fact> facts = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private final List<String> givens = new ArrayList<>();

    Describer(Table table) {
        this.table = table;
    }

    Table table() {
        return table;
    }

    /** A number, three significant digits. */
    Fact number(Query q) {
        return add(Fact.of(q, Fact.Kind.NUMBER, table));
    }

    Fact count(Query q) {
        return add(Fact.of(q, Fact.Kind.COUNT, table));
    }

    Fact percent(Query q) {
        return add(Fact.of(q, Fact.Kind.PERCENT, table));
    }

    Fact text(Query q) {
        return add(Fact.of(q, Fact.Kind.TEXT, table));
    }

    /** A tutor's cause ({@code kind} CAUSE) or its counter-experiment (COUNTER), read by the cause's id. */
    Fact tutor(Query causeId, Fact.Kind kind) {
        return add(Fact.of(causeId, kind, table));
    }

    /** A model's label, in the interface's language. */
    Fact name(Query q) {
        return add(Fact.of(q, Fact.Kind.NAME, table));
    }

    /** A number of the method, not of the data (a threshold), written as it is. */
    String given(double v) {
        String s = Fact.show(v, Fact.Kind.NUMBER);
        givens.add(s);
        return s;
    }

    /** The raw answer, for a describer's own choice of words; not shown, so not a fact. */
    double value(Query q) {
        Object v = q.ask(table);
        return v instanceof Double d ? d : Double.NaN;
    }

    /** The distinct cells of a column, in order of first appearance (which models, which sets): structure, not a fact. */
    List<String> distinct(String column) {
        int c = table.columns().indexOf(column);
        return c < 0 ? List.of() : table.rows().stream().map(r -> r.get(c)).distinct().toList();
    }

    /** The names of the columns matching a pattern. */
    List<String> columns(String pattern) {
        return table.columns().stream().filter(c -> c.matches(pattern)).toList();
    }

    private Fact add(Fact f) {
        facts.add(f);
        return f;
    }

    /** Appends a sentence; facts go in through {@code %s}. */
    Describer say(String format, Object... args) {
        if (text.length() > 0 && !"。；：！？".contains(text.substring(text.length() - 1))) {
            text.append(' ');   // Chinese sentences follow each other without a space
        }
        text.append(String.format(java.util.Locale.ROOT, format, args));
        return this;
    }

    Description build(String title) {
        return new Description(title, text.toString(), facts, givens);
    }
}
