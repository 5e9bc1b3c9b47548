package org.seqlab.app.text;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.stream.Collectors;

/**
 * The interface's words in one language: English, German or Simplified Chinese, chosen by {@code --lang} or else by
 * the system's locale, each key falling back to English where a translation lacks it. The command line's sentences
 * stay English.
 */
public final class Texts {

    /** The languages the interface speaks, English first (the fallback). */
    public static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.GERMAN, Locale.SIMPLIFIED_CHINESE);

    private static final String BUNDLE = "org.seqlab.app.text.ui";
    // never the system locale's bundle in place of the one asked for (ResourceBundle's default fallback)
    private static final ResourceBundle.Control EXACT = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    private static final ResourceBundle ENGLISH = ResourceBundle.getBundle(BUNDLE, Locale.ROOT, EXACT);

    private static volatile Locale locale = supported(Locale.getDefault());
    private static volatile ResourceBundle bundle = load(locale);

    private Texts() {
    }

    /** Speaks {@code l} from now on (before the window is built: what is drawn keeps its words). */
    public static void use(Locale l) {
        locale = supported(l);
        bundle = load(locale);
        org.seqlab.engine.io.Says.use(locale);   // the engine's words about bad input, in the same language
    }

    public static Locale locale() {
        return locale;
    }

    /** "en", "de", "zh-CN" (or "zh"), as {@code --lang} takes them. */
    public static Locale parse(String tag) {
        Locale l = Locale.forLanguageTag(tag.strip().replace('_', '-'));
        for (Locale s : LANGUAGES) {
            if (s.getLanguage().equals(l.getLanguage())) {
                return s;
            }
        }
        throw new IllegalArgumentException("SeqLab does not speak '" + tag + "' yet; choose "
                + LANGUAGES.stream().map(Locale::toLanguageTag).collect(Collectors.joining(", ")));
    }

    /** The text of {@code key}, with {0}, {1} … filled in by MessageFormat in the interface's locale. */
    public static String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            pattern = ENGLISH.getString(key);   // a key a translation lacks reads in English; one English lacks is a bug
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    /**
     * A figure's text: {@code key}'s pattern in printf's syntax ({@code %s}, {@code %.3f}; keys ending in {@code .f}),
     * filled in with the numbers formatted as the interface's locale writes them (a decimal comma in German).
     */
    public static String format(String key, Object... args) {
        return String.format(locale, get(key), args);
    }

    /**
     * The text of {@code key} if the interface has one, else {@code fallback}: for words that come from the engine
     * (a hyperparameter's name, a family's), which the bundles translate where they can.
     */
    public static String orElse(String key, String fallback) {
        return ENGLISH.containsKey(key) ? get(key) : fallback;
    }

    /** A choice among the engine's words (a family, a pixel order, a decoding strategy) in the interface's language. */
    public static String named(Enum<?> choice) {
        return choice == null ? "" : orElse("enum." + choice.getDeclaringClass().getSimpleName() + "." + choice.name(), choice.toString());
    }

    /** A number written with a point ("0.318"), with the interface's decimal separator instead (a comma in German). */
    public static String decimals(String plain) {
        char sep = java.text.DecimalFormatSymbols.getInstance(locale).getDecimalSeparator();
        return sep == '.' ? plain : plain.replace('.', sep);
    }

    /** A unit the engine names ("bits per character"), in the interface's language. */
    public static String unit(String unit) {
        return orElse("unit." + unit.replace(' ', '.'), unit);
    }

    /** The keys the language's own file holds (not the English under it): what a translator has done. */
    public static java.util.Set<String> translated(Locale l) {
        String name = "ui" + (l.getLanguage().equals("en") ? "" : "_" + l.toString()) + ".properties";
        java.util.Properties p = new java.util.Properties();
        try (var in = Texts.class.getResourceAsStream(name)) {
            if (in != null) {
                p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return p.stringPropertyNames();
    }

    /** Every key of the English bundle. */
    public static java.util.Set<String> keys() {
        return ENGLISH.keySet();
    }

    private static Locale supported(Locale l) {
        for (Locale s : LANGUAGES) {
            if (s.getLanguage().equals(l.getLanguage())) {
                return s;
            }
        }
        return Locale.ENGLISH;
    }

    private static ResourceBundle load(Locale l) {
        return l.getLanguage().equals("en") ? ENGLISH : ResourceBundle.getBundle(BUNDLE, l, EXACT);
    }
}
