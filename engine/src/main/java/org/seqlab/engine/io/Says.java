package org.seqlab.engine.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sentence the engine says about bad input, by key: in English for the command line, the logs and the tests
 * ({@link #english}), and in the interface's language for the window ({@link #shown}), from {@code says.properties}
 * beside this class and its translations ({@code says_de.properties}, {@code says_zh_CN.properties}). Each text is a
 * printf pattern; a value that is itself a {@code Says}, or an exception, is said in the same language.
 */
public record Says(String key, Object... args) implements Said {

    private static final String BUNDLE = "org.seqlab.engine.io.says";
    private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    private static final Pattern CONVERSION = Pattern.compile("%(\\d+\\$)?([-#+ 0,(]*\\d*(\\.\\d+)?[a-zA-Z%])");
    private static volatile Locale language = Locale.ENGLISH;

    /** The interface's language, which the app sets with its own; English until then. */
    public static void use(Locale l) {
        language = l;
    }

    public static Says of(String key, Object... args) {
        return new Says(key, args);
    }

    /** The sentence in English, as the command line writes it. */
    public String english() {
        return in(Locale.ENGLISH);
    }

    /** The sentence in the interface's language. */
    public String shown() {
        return in(language);
    }

    /** In {@code l}, or in English where {@code l} has no text for the key; numbers as the default locale writes them. */
    @Override
    public String in(Locale l) {
        Object[] values = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            values[i] = args[i] instanceof Said s ? s.in(l)
                    : args[i] instanceof Throwable t ? t.getMessage()
                    : args[i];
        }
        return String.format(pattern(key, l), values);
    }

    /**
     * A printf pattern's conversions ("s", ".3f", ",d"), in any order: what a translation must keep, though it may
     * reorder them with {@code %2$s}.
     */
    public static List<String> conversions(String pattern) {
        List<String> out = new ArrayList<>();
        Matcher m = CONVERSION.matcher(pattern);
        while (m.find()) {
            out.add(m.group(2));
        }
        out.sort(null);
        return out;
    }

    static String pattern(String key, Locale l) {
        try {
            return ResourceBundle.getBundle(BUNDLE, l, NO_FALLBACK).getString(key);
        } catch (MissingResourceException e) {
            return ResourceBundle.getBundle(BUNDLE, Locale.ROOT, NO_FALLBACK).getString(key);   // one English lacks is a bug, and throws
        }
    }

    @Override
    public String toString() {
        return english();
    }
}
