package org.seqlab.app.lessons;

import org.seqlab.app.text.Texts;
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
 * a lesson that names one is told so by {@link #forbidden(String)}. So are the commands that define macros
 * ({@code \newcommand} and its kin): a user macro can expand without end ({@code \newcommand{\a}{\a}\a}), and
 * JLaTeXMath keeps definitions in one table for the whole program, so one lesson's would leak into every other.
 * Without them the work a formula costs is bounded by its size, which is capped ({@link #MAX_LENGTH}), as is its
 * nesting ({@link #MAX_DEPTH}: JLaTeXMath parses by recursion, and 20,000 nested braces overflow the stack).
 * Every TeX SeqLab parses goes through here.
 */
public final class SafeTeX {

    /** The commands removed, as a lesson would write them. */
    public static final List<String> REMOVED = List.of("includegraphics", "jlmExternalFont", "jlmDynamic",
            "newcommand", "renewcommand", "newenvironment", "renewenvironment");
    /** The longest formula, in characters, and the deepest nesting of groups and commands a formula may have. */
    public static final int MAX_LENGTH = 2000;
    public static final int MAX_DEPTH = 24;
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
            throw new IllegalArgumentException(Texts.get("lp.tex.notAllowed", bad, why(bad)));
        }
        String big = tooBig(tex);
        if (big != null) {
            throw new IllegalArgumentException(big);
        }
        try {
            return new TeXFormula(tex);
        } catch (StackOverflowError e) {   // the checks above should make this unreachable; a lesson must never stop the loader
            throw new IllegalArgumentException(Texts.get("lp.tex.nested"));
        }
    }

    /** What is wrong with a lesson's formula, for its author (a command it may not use, its size, a parse error), or null. */
    public static String problem(String tex) {
        String forbidden = forbidden(tex);
        if (forbidden != null) {
            return Texts.get("lp.tex.uses", forbidden, why(forbidden));
        }
        String big = tooBig(tex);
        if (big != null) {
            return big;
        }
        try {
            parse(tex);
            return null;
        } catch (RuntimeException e) {   // ParseException and JLaTeXMath's other complaints
            return Texts.get("lp.tex.parse", tex, e.getLocalizedMessage());
        }
    }

    /** Why a removed command is not allowed, for the lesson's author. */
    public static String why(String command) {
        return command.contains("new") ? Texts.get("lp.tex.macros") : Texts.get("lp.tex.files");
    }

    /** Why the TeX is too large or too deeply nested to parse safely, or null. */
    public static String tooBig(String tex) {
        if (tex.length() > MAX_LENGTH) {
            return Texts.get("lp.tex.long", tex.length(), MAX_LENGTH);
        }
        int depth = 0;
        int commands = 0;
        for (int i = 0; i < tex.length(); i++) {
            char c = tex.charAt(i);
            if (c == '\\' && i + 1 < tex.length() && Character.isLetter(tex.charAt(i + 1))) {
                commands++;
            } else if (c == '\\') {
                i++;                               // an escaped symbol, e.g. \{
            } else if (c == '{') {
                depth++;
                if (depth > MAX_DEPTH) {
                    return Texts.get("lp.tex.braces", String.valueOf(MAX_DEPTH));
                }
            } else if (c == '}') {
                depth = Math.max(0, depth - 1);
            }
        }
        // commands can nest without braces (\frac\frac\frac…, \sqrt\sqrt…): bound them too
        return commands > 4 * MAX_DEPTH + 200 ? Texts.get("lp.tex.commands", String.valueOf(commands), String.valueOf(4 * MAX_DEPTH + 200)) : null;
    }

    /** A removed command the TeX names (one that reaches outside first), or null. */
    public static String forbidden(String tex) {
        Matcher m = COMMAND.matcher(tex);
        String definer = null;
        while (m.find()) {
            if (REMOVED.contains(m.group(1))) {
                if (!m.group(1).contains("new")) {
                    return m.group(1);         // what reaches outside is named first, even when a macro would wrap it
                }
                definer = definer == null ? m.group(1) : definer;
            }
        }
        return definer;
    }
}
