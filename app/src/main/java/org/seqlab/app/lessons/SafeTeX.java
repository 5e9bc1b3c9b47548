package org.seqlab.app.lessons;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scilab.forge.jlatexmath.MacroInfo;
import org.scilab.forge.jlatexmath.TeXFormula;

/**
 * A lesson's math, parsed so that it can never reach outside the lesson. JLaTeXMath has three commands that do:
 * {@code \includegraphics} loads an image from a file or a URL (through AWT's Toolkit, at parse time),
 * {@code \jlmExternalFont} loads a system font by name, and {@code \jlmDynamic} hands text to an external converter.
 * They are taken out of JLaTeXMath's command table before any TeX is parsed, so no spelling or macro can reach them;
 * a lesson that names one is told so by {@link #forbidden(String)}. Every TeX SeqLab parses goes through here.
 */
public final class SafeTeX {

    /** The commands removed, as a lesson would write them. */
    public static final List<String> REMOVED = List.of("includegraphics", "jlmExternalFont", "jlmDynamic");
    private static final Pattern COMMAND = Pattern.compile("\\\\([A-Za-z]+)");

    static {
        // JLaTeXMath fills its command table while TeXFormula initialises: parse once, then remove, then make sure
        new TeXFormula("x");
        for (String c : REMOVED) {
            MacroInfo.Commands.remove(c);
            if (MacroInfo.Commands.containsKey(c)) {
                throw new IllegalStateException("JLaTeXMath's \\" + c + " could not be disabled");
            }
        }
    }

    private SafeTeX() {
    }

    /**
     * Parses TeX with the outward-reaching commands gone.
     *
     * @throws RuntimeException JLaTeXMath's ParseException and other complaints about the TeX
     */
    public static TeXFormula parse(String tex) {
        String bad = forbidden(tex);
        if (bad != null) {
            throw new IllegalArgumentException("\\" + bad + " is not allowed: a lesson's math never loads files, fonts or URLs");
        }
        return new TeXFormula(tex);
    }

    /** The first removed command the TeX names, or null. */
    public static String forbidden(String tex) {
        Matcher m = COMMAND.matcher(tex);
        while (m.find()) {
            if (REMOVED.contains(m.group(1))) {
                return m.group(1);
            }
        }
        return null;
    }
}
