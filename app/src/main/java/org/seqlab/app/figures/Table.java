package org.seqlab.app.figures;

import java.util.ArrayList;
import java.util.List;

/** The numbers behind a figure: named columns and rows of cells, written as RFC 4180 CSV. */
public record Table(List<String> columns, List<List<String>> rows) {

    public Table {
        columns = List.copyOf(columns);
        List<List<String>> copy = new ArrayList<>();
        for (List<String> r : rows) {
            if (r.size() != columns.size()) {
                throw new IllegalArgumentException("row of " + r.size() + " cells for " + columns.size() + " columns");
            }
            copy.add(List.copyOf(r));
        }
        rows = List.copyOf(copy);
    }

    /** Builds a table row by row. */
    public static final class Builder {
        private final List<String> columns;
        private final List<List<String>> rows = new ArrayList<>();

        public Builder(String... columns) {
            this.columns = List.of(columns);
        }

        public Builder row(Object... cells) {
            List<String> r = new ArrayList<>();
            for (Object c : cells) {
                r.add(format(c));
            }
            rows.add(r);
            return this;
        }

        public Table build() {
            return new Table(columns, rows);
        }
    }

    /** Floats exactly as stored (the shortest decimal that reads back to the same float). */
    static String format(Object c) {
        if (c instanceof Float f) {
            return Float.toString(f);
        }
        if (c instanceof Double d) {
            return Double.toString(d);
        }
        return String.valueOf(c);
    }

    public String toCsv() {
        StringBuilder sb = new StringBuilder();
        line(sb, columns);
        for (List<String> r : rows) {
            line(sb, r);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(cell(cells.get(i)));
        }
        sb.append("\r\n");
    }

    /** A CSV cell: as it is, or quoted (its quotes doubled) when it holds a comma, a quote or a line break. */
    public static String cell(String c) {
        return c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r") ? '"' + c.replace("\"", "\"\"") + '"' : c;
    }
}
