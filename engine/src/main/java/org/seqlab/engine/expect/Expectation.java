package org.seqlab.engine.expect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A statement about a scene's trained models that can be measured, such as {@code bits(B) < bits(A) - 0.3} ("the LSTM
 * ends at least 0.3 bits below the RNN"). Two arithmetic expressions compared by {@code <, <=, >, >=}; an expression is
 * numbers and measurements ({@link Measure}) joined by {@code + - * /} and parentheses. A measurement names a model by
 * its letter: {@code bits(A)}, {@code grad_ratio(A, 20)}, {@code floor()}.
 */
public final class Expectation {

    /** A part of an expression. */
    sealed interface Node permits Num, CallNode, Op {
        double eval(Measures m, Map<String, Double> seen);
    }

    record Num(double value) implements Node {
        @Override
        public double eval(Measures m, Map<String, Double> seen) {
            return value;
        }
    }

    /** A measurement inside an expression: made once per evaluation, however often the expression names it. */
    record CallNode(MeasureCall call) implements Node {
        @Override
        public double eval(Measures m, Map<String, Double> seen) {
            String key = call.toString();
            double v = seen.containsKey(key) ? seen.get(key) : m.value(call);
            seen.put(key, v);
            return v;
        }
    }

    record Op(char op, Node a, Node b) implements Node {
        @Override
        public double eval(Measures m, Map<String, Double> seen) {
            double x = a.eval(m, seen);
            double y = b.eval(m, seen);
            return switch (op) {
                case '+' -> x + y;
                case '-' -> x - y;
                case '*' -> x * y;
                default -> x / y;
            };
        }
    }

    /** What a measurement came to: whether the statement held, both sides, and every measurement by name. */
    public record Result(boolean met, double left, double right, Map<String, Double> values) {
        /** "bits(A) = 0.912, bits(B) = 0.604". */
        public String valuesText() {
            List<String> parts = new ArrayList<>();
            values.forEach((k, v) -> parts.add(k + " = " + format(v)));
            return String.join(", ", parts);
        }
    }

    private final String source;
    private final Node left;
    private final String comparison;
    private final Node right;
    private final List<MeasureCall> calls;

    private Expectation(String source, Node left, String comparison, Node right, List<MeasureCall> calls) {
        this.source = source;
        this.left = left;
        this.comparison = comparison;
        this.right = right;
        this.calls = List.copyOf(calls);
    }

    /** @throws IllegalArgumentException saying what is wrong and where, for a statement that does not parse */
    public static Expectation parse(String text) {
        return new Parser(text).statement();
    }

    /** The statement as written. */
    public String source() {
        return source;
    }

    /** Every measurement the statement makes, in the order written. */
    public List<MeasureCall> calls() {
        return calls;
    }

    /** Measures both sides on the trained models. A measurement that cannot be made throws with the reason. */
    public Result evaluate(Measures m) {
        Map<String, Double> seen = new LinkedHashMap<>();
        double a = left.eval(m, seen);
        double b = right.eval(m, seen);
        boolean met = switch (comparison) {
            case "<" -> a < b;
            case "<=" -> a <= b;
            case ">" -> a > b;
            default -> a >= b;
        };
        return new Result(met && !Double.isNaN(a) && !Double.isNaN(b), a, b, seen);
    }

    @Override
    public String toString() {
        return source;
    }

    /** A measured value as the reader and {@code check-lessons} print it: three decimals, or powers of ten when tiny or huge. */
    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(Locale.ROOT, "%.2e", v) : String.format(Locale.ROOT, "%.3f", v);
    }

    /** The longest statement and the deepest nesting of parentheses and signs a statement may have. */
    public static final int MAX_LENGTH = 400;
    public static final int MAX_DEPTH = 20;

    /** Recursive descent over the statement's characters, its depth bounded so a hostile lesson cannot overflow the stack. */
    private static final class Parser {
        private final String s;
        private int i;
        private int depth;
        private final List<MeasureCall> calls = new ArrayList<>();

        Parser(String s) {
            this.s = s == null ? "" : s.strip();
        }

        Expectation statement() {
            if (s.isEmpty()) {
                throw new IllegalArgumentException("an expectation is empty; write e.g. 'bits(B) < bits(A) - 0.3'");
            }
            if (s.length() > MAX_LENGTH) {
                throw new IllegalArgumentException(String.format("an expectation of %,d characters is too long; at most %,d", s.length(), MAX_LENGTH));
            }
            Node a = expression();
            skip();
            String cmp = s.startsWith("<=", i) || s.startsWith(">=", i) ? s.substring(i, i + 2)
                    : i < s.length() && (s.charAt(i) == '<' || s.charAt(i) == '>') ? s.substring(i, i + 1) : null;
            if (cmp == null) {
                throw error("expected a comparison (<, <=, > or >=)");
            }
            i += cmp.length();
            Node b = expression();
            skip();
            if (i < s.length()) {
                throw error("unexpected '" + s.substring(i) + "'");
            }
            return new Expectation(s, a, cmp, b, calls);
        }

        private Node expression() {
            Node n = term();
            while (true) {
                skip();
                if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                    char op = s.charAt(i++);
                    n = new Op(op, n, term());
                } else {
                    return n;
                }
            }
        }

        private Node term() {
            Node n = factor();
            while (true) {
                skip();
                if (i < s.length() && (s.charAt(i) == '*' || s.charAt(i) == '/')) {
                    char op = s.charAt(i++);
                    n = new Op(op, n, factor());
                } else {
                    return n;
                }
            }
        }

        private Node factor() {
            if (++depth > MAX_DEPTH) {
                throw error("nested more than " + MAX_DEPTH + " deep");
            }
            try {
                return unnested();
            } finally {
                depth--;
            }
        }

        private Node unnested() {
            skip();
            if (i >= s.length()) {
                throw error("expected a number or a measurement");
            }
            char c = s.charAt(i);
            if (c == '(') {
                i++;
                Node n = expression();
                expect(')');
                return n;
            }
            if (c == '-') {
                i++;
                return new Op('-', new Num(0), factor());
            }
            if (Character.isDigit(c) || c == '.') {
                int start = i;
                while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == 'e'
                        || (s.charAt(i) == '-' || s.charAt(i) == '+') && s.charAt(i - 1) == 'e')) {
                    i++;
                }
                try {
                    return new Num(Double.parseDouble(s.substring(start, i)));
                } catch (NumberFormatException e) {
                    throw error("'" + s.substring(start, i) + "' is not a number");
                }
            }
            if (Character.isLetter(c)) {
                return call();
            }
            throw error("unexpected '" + c + "'");
        }

        private Node call() {
            int start = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                i++;
            }
            String name = s.substring(start, i);
            Measure m = Measure.byId(name);
            if (m == null) {
                throw error("unknown measurement '" + name + "'; known: " + Measure.names());
            }
            expect('(');
            List<String> args = new ArrayList<>();
            skip();
            if (i < s.length() && s.charAt(i) != ')') {
                while (true) {
                    skip();
                    int a = i;
                    while (i < s.length() && s.charAt(i) != ',' && s.charAt(i) != ')') {
                        i++;
                    }
                    args.add(s.substring(a, i).strip());
                    if (i < s.length() && s.charAt(i) == ',') {
                        i++;
                    } else {
                        break;
                    }
                }
            }
            expect(')');
            String model = null;
            List<Integer> ints = new ArrayList<>();
            for (int k = 0; k < args.size(); k++) {
                String a = args.get(k);
                if (k == 0 && m.model()) {
                    if (!a.matches("[A-D]")) {
                        throw new IllegalArgumentException(name + "(…) takes a model's letter first (A, B, C or D), not '" + a + "'");
                    }
                    model = a;
                } else {
                    try {
                        ints.add(Integer.parseInt(a));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(name + "(…): '" + a + "' is not a whole number");
                    }
                }
            }
            if (m.model() && model == null || ints.size() != m.numbers()) {
                throw new IllegalArgumentException("write " + m.usage() + ": " + m.description());
            }
            MeasureCall call = new MeasureCall(m, model, ints);
            calls.add(call);
            return new CallNode(call);
        }

        private void expect(char c) {
            skip();
            if (i >= s.length() || s.charAt(i) != c) {
                throw error("expected '" + c + "'");
            }
            i++;
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("in '" + s + "' at character " + (i + 1) + ": " + what);
        }
    }
}
