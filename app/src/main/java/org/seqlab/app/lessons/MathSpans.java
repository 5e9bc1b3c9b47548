package org.seqlab.app.lessons;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the math in a lesson's Markdown: {@code $$…$$} for display (may span lines) and {@code $…$} inline (on one
 * line, not opened by a space nor closed after one, so "costs $5 and $6" stays text). {@code \$} is a dollar sign;
 * code spans and fenced code are left alone. The reader and the checker share this one definition.
 */
public final class MathSpans {

    /**
     * One formula.
     *
     * @param start   index of its opening dollar in the text
     * @param end     index just past its closing dollar(s)
     * @param tex     the LaTeX between the dollars
     * @param display whether it is display math
     * @param line    0-based line within the text where it starts
     */
    public record Span(int start, int end, String tex, boolean display, int line) {
    }

    private MathSpans() {
    }

    public static List<Span> find(String text) {
        List<Span> out = new ArrayList<>();
        int line = 0;
        boolean fenced = false;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            boolean lineStart = i == 0 || text.charAt(i - 1) == '\n';
            if (lineStart && (text.startsWith("```", i) || text.startsWith("~~~", i))) {
                fenced = !fenced;
            }
            if (c == '\n') {
                line++;
                i++;
                continue;
            }
            if (fenced) {
                i++;
                continue;
            }
            if (c == '\\' && i + 1 < n) {
                i += 2;
                continue;
            }
            if (c == '`') {
                int close = text.indexOf('`', i + 1);
                if (close > 0) {
                    line += count(text, i, close);
                    i = close + 1;
                    continue;
                }
            }
            if (c == '$' && i + 1 < n && text.charAt(i + 1) == '$') {
                int close = text.indexOf("$$", i + 2);
                if (close > 0) {
                    out.add(new Span(i, close + 2, text.substring(i + 2, close).strip(), true, line));
                    line += count(text, i, close);
                    i = close + 2;
                    continue;
                }
            }
            if (c == '$' && i + 1 < n && !Character.isWhitespace(text.charAt(i + 1))) {
                int close = closingDollar(text, i + 1);
                if (close > 0) {
                    out.add(new Span(i, close + 1, text.substring(i + 1, close), false, line));
                    i = close + 1;
                    continue;
                }
            }
            i++;
        }
        return out;
    }

    /** The closing $ of inline math on the same line, not after a space and not escaped; −1 if none. */
    private static int closingDollar(String text, int from) {
        for (int j = from; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == '\n') {
                return -1;
            }
            if (c == '\\') {
                j++;
                continue;
            }
            if (c == '$') {
                return Character.isWhitespace(text.charAt(j - 1)) ? -1 : j;
            }
        }
        return -1;
    }

    private static int count(String text, int from, int to) {
        int k = 0;
        for (int j = from; j < to; j++) {
            if (text.charAt(j) == '\n') {
                k++;
            }
        }
        return k;
    }

    /**
     * Lines (0-based) where inline math is broken across a line end — {@code $\tanh(x) \odot} then {@code y$} on the
     * next — which the reader would show as raw TeX: the spans found once the lines are joined that hold a TeX command
     * and are not found in the text as written.
     */
    public static List<Integer> splitInline(String text) {
        Set<Integer> written = new HashSet<>();
        for (Span s : find(text)) {
            written.add(s.start());
        }
        List<Integer> lines = new ArrayList<>();
        for (Span s : find(text.replace('\n', ' '))) {
            if (!s.display() && !written.contains(s.start()) && s.tex().contains("\\")) {
                lines.add((int) text.substring(0, s.start()).chars().filter(c -> c == '\n').count());
            }
        }
        return lines;
    }
}
