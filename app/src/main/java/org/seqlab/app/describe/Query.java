package org.seqlab.app.describe;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.regex.Pattern;
import org.seqlab.app.figures.Table;

/**
 * A question asked of a figure's table: which rows (every {@code where} column equal to its value), which columns
 * (a name, or a pattern such as {@code h\d+} for every hidden unit), and what to make of the cells (the largest, a
 * mean, the label of the row with the largest …). Cells that are not numbers (blank, "NaN") are skipped. Asked of the
 * table in memory it gives a description its numbers; asked of the CSV read back, the same answer.
 */
public final class Query {

    private enum Op { FIRST, LAST, MAX, MIN, ABS_MAX, MEAN, COUNT, COUNT_ABOVE, SHARE_ABS_ABOVE, COLUMNS, DISTINCT, ARG_MAX, ARG_MIN, TEXT, BINARY }

    private final Op op;
    private final Pattern columns;
    private final String label;
    private final double threshold;
    private final List<String[]> where;
    private final Query left;
    private final Query right;
    private final DoubleBinaryOperator combine;

    private Query(Op op, String columns, String label, double threshold, List<String[]> where, Query left, Query right, DoubleBinaryOperator combine) {
        this.op = op;
        this.columns = columns == null ? null : Pattern.compile(columns);
        this.label = label;
        this.threshold = threshold;
        this.where = where;
        this.left = left;
        this.right = right;
        this.combine = combine;
    }

    private static Query of(Op op, String columns, String label, double threshold) {
        return new Query(op, columns, label, threshold, List.of(), null, null, null);
    }

    /** A column's name as a pattern that matches only it (names hold '/', '(', '‖' …). */
    public static String quote(String column) {
        return Pattern.quote(column);
    }

    /** The first number in the column(s), over the chosen rows. */
    public static Query first(String columns) {
        return of(Op.FIRST, columns, null, 0);
    }

    public static Query last(String columns) {
        return of(Op.LAST, columns, null, 0);
    }

    public static Query max(String columns) {
        return of(Op.MAX, columns, null, 0);
    }

    public static Query min(String columns) {
        return of(Op.MIN, columns, null, 0);
    }

    /** The largest |value|. */
    public static Query absMax(String columns) {
        return of(Op.ABS_MAX, columns, null, 0);
    }

    public static Query mean(String columns) {
        return of(Op.MEAN, columns, null, 0);
    }

    /** How many chosen rows there are. */
    public static Query count() {
        return of(Op.COUNT, null, null, 0);
    }

    /** How many cells of the column(s), over the chosen rows, are above {@code threshold}. */
    public static Query countAbove(String columns, double threshold) {
        return of(Op.COUNT_ABOVE, columns, null, threshold);
    }

    /** The share of the numbers in the column(s), over the chosen rows, with |value| above {@code threshold}. */
    public static Query shareAbsAbove(String columns, double threshold) {
        return of(Op.SHARE_ABS_ABOVE, columns, null, threshold);
    }

    /** How many different cells the column has over the chosen rows. */
    public static Query distinct(String column) {
        return of(Op.DISTINCT, column, null, 0);
    }

    /** How many columns the pattern names. */
    public static Query columns(String columns) {
        return of(Op.COLUMNS, columns, null, 0);
    }

    /** The {@code label} cell of the row whose {@code column} is largest. */
    public static Query argMax(String column, String label) {
        return of(Op.ARG_MAX, column, label, 0);
    }

    public static Query argMin(String column, String label) {
        return of(Op.ARG_MIN, column, label, 0);
    }

    /** The first chosen row's cell in {@code column}, as text. */
    public static Query text(String column) {
        return of(Op.TEXT, column, null, 0);
    }

    public static Query ratio(Query a, Query b) {
        return new Query(Op.BINARY, null, null, 0, List.of(), a, b, (x, y) -> x / y);
    }

    public static Query difference(Query a, Query b) {
        return new Query(Op.BINARY, null, null, 0, List.of(), a, b, (x, y) -> x - y);
    }

    /** The same question, only of the rows whose {@code column} holds {@code value}. */
    public Query where(String column, Object value) {
        List<String[]> w = new ArrayList<>(where);
        w.add(new String[] {column, String.valueOf(value)});
        return new Query(op, columns == null ? null : columns.pattern(), label, threshold, w, left, right, combine);
    }

    /** Whether the answer is text (a label) rather than a number. */
    public boolean textual() {
        return op == Op.ARG_MAX || op == Op.ARG_MIN || op == Op.TEXT;
    }

    /** The answer: a Double (NaN when no cell is a number), or a String for {@link #textual} questions. */
    public Object ask(Table t) {
        if (op == Op.BINARY) {
            return combine.applyAsDouble((Double) left.ask(t), (Double) right.ask(t));
        }
        List<Integer> cols = new ArrayList<>();
        for (int c = 0; columns != null && c < t.columns().size(); c++) {
            if (columns.matcher(t.columns().get(c)).matches()) {
                cols.add(c);
            }
        }
        if (columns != null && cols.isEmpty()) {
            throw new IllegalArgumentException("no column " + columns.pattern() + " in " + t.columns());
        }
        if (op == Op.COLUMNS) {
            return (double) cols.size();
        }
        if (op == Op.DISTINCT) {
            return (double) t.rows().stream().filter(r -> chosen(t, r)).map(r -> r.get(cols.get(0))).distinct().count();
        }
        int labelCol = label == null ? -1 : t.columns().indexOf(label);
        double best = Double.NaN;
        String bestLabel = "";
        double sum = 0;
        int n = 0;
        int rows = 0;
        for (List<String> row : t.rows()) {
            if (!chosen(t, row)) {
                continue;
            }
            rows++;
            if (op == Op.TEXT) {
                return row.get(cols.get(0));
            }
            for (int c : cols) {
                double v = number(row.get(c));
                if (Double.isNaN(v)) {
                    continue;
                }
                double key = op == Op.ABS_MAX ? Math.abs(v) : v;
                boolean better = Double.isNaN(best) || switch (op) {
                    case MAX, ABS_MAX, ARG_MAX -> key > best;
                    case MIN, ARG_MIN -> key < best;
                    case LAST -> true;
                    default -> false;
                };
                if (better) {
                    best = key;
                    bestLabel = labelCol >= 0 ? row.get(labelCol) : "";
                }
                sum += op == Op.COUNT_ABOVE ? (v > threshold ? 1 : 0) : op == Op.SHARE_ABS_ABOVE ? (Math.abs(v) > threshold ? 1 : 0) : v;
                n++;
            }
        }
        return switch (op) {
            case COUNT -> (double) rows;
            case COUNT_ABOVE -> sum;
            case MEAN, SHARE_ABS_ABOVE -> n == 0 ? Double.NaN : sum / n;
            case ARG_MAX, ARG_MIN -> bestLabel;
            case TEXT -> "";
            default -> best;
        };
    }

    private boolean chosen(Table t, List<String> row) {
        for (String[] w : where) {
            int c = t.columns().indexOf(w[0]);
            if (c < 0 || !same(row.get(c), w[1])) {
                return false;
            }
        }
        return true;
    }

    /** Equal as text, or as numbers ("2" and "2.0"). */
    private static boolean same(String cell, String value) {
        if (cell.equals(value)) {
            return true;
        }
        double a = number(cell);
        double b = number(value);
        return !Double.isNaN(a) && a == b;
    }

    static double number(String cell) {
        try {
            return cell.isBlank() ? Double.NaN : Double.parseDouble(cell.strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    @Override
    public String toString() {
        return op == Op.BINARY ? "(" + left + " ∘ " + right + ")"
                : op + "(" + (columns == null ? "" : columns.pattern()) + (label == null ? "" : " → " + label) + ")"
                        + (where.isEmpty() ? "" : " where " + where.stream().map(w -> w[0] + "=" + w[1]).toList());
    }
}
