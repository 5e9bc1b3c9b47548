package org.seqlab.app.figures;

import java.awt.FontMetrics;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A figure's note broken into lines no wider than a width: Latin words break at their spaces, and Chinese, which has no
 * spaces between words, between any two characters where BreakIterator's line rules allow (not before a closing mark).
 * Before, a Chinese sentence was one "word" and ran past the figure's edge.
 */
final class TextLines {

    private TextLines() {
    }

    static List<String> of(FontMetrics fm, String s, double maxWidth) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : s.split(" ")) {
            List<String> pieces = cjk(word) ? pieces(word) : List.of(word);
            for (int k = 0; k < pieces.size(); k++) {
                String sep = k == 0 && line.length() > 0 ? " " : "";
                String next = line + sep + pieces.get(k);
                if (fm.stringWidth(next) > maxWidth && line.length() > 0) {
                    out.add(line.toString());
                    line = new StringBuilder(pieces.get(k));
                } else {
                    line = new StringBuilder(next);
                }
            }
        }
        if (line.length() > 0) {
            out.add(line.toString());
        }
        return out;
    }

    static boolean cjk(String word) {
        return word.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
                || c >= 0x3000 && c <= 0x303F || c >= 0xFF00 && c <= 0xFFEF);
    }

    private static List<String> pieces(String word) {
        BreakIterator it = BreakIterator.getLineInstance(Locale.SIMPLIFIED_CHINESE);
        it.setText(word);
        List<String> out = new ArrayList<>();
        for (int start = it.first(), end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            out.add(word.substring(start, end));
        }
        return out;
    }
}
