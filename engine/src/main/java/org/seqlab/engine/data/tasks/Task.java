package org.seqlab.engine.data.tasks;

import org.seqlab.engine.io.BadValue;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * A sequence-to-sequence task whose reference output is computed exactly from its input. Each task draws examples
 * of a training range of lengths and, for the "longer than training" split, of a range beyond it.
 */
public enum Task {
    /** Letters a–z, reversed. */
    REVERSE("reverse", "reverse a string of letters", "abcdefghijklmnopqrstuvwxyz"),
    /** Letters a–z, in alphabetical order. */
    SORT("sort", "sort the letters", "abcdefghijklmnopqrstuvwxyz"),
    /** Letters a–z, unchanged: the encoder must carry all of them to the decoder. */
    COPY("copy", "copy a string of letters", "abcdefghijklmnopqrstuvwxyz"),
    /** A date in one of several surface forms, to ISO 8601: "Nov 3, 1999" → "1999-11-03". */
    DATES("dates", "normalise a date to YYYY-MM-DD", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,.-"),
    /** A number in digits to English words: "2021" → "two thousand twenty-one". */
    NUMBERS("numbers", "spell a number in English words", "0123456789abcdefghijklmnopqrstuvwxyz -");

    /** The longest source of the training, validation and test splits (the long split goes beyond). */
    public static final int TRAIN_MAX_LETTERS = 20;
    public static final int LONG_MAX_LETTERS = 30;
    static final int TRAIN_MAX_DIGITS = 5;
    /**
     * Dates up to 24 characters train: every one of the seven forms occurs in training (the weekday form from 18
     * characters), so the long split (25 to 29, the weekday form's longest) measures length, not an unseen form.
     */
    static final int TRAIN_MAX_DATE = 24;

    private final String id;
    private final String description;
    private final String alphabet;

    Task(String id, String description, String alphabet) {
        this.id = id;
        this.description = description;
        this.alphabet = alphabet;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** Every character a source or a target of this task may hold. */
    public String alphabet() {
        return alphabet;
    }

    /** The reference output for a source. */
    public String reference(String source) {
        return switch (this) {
            case REVERSE -> new StringBuilder(source).reverse().toString();
            case SORT -> source.chars().sorted().collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
            case COPY -> source;
            case DATES -> Dates.reference(source);
            case NUMBERS -> {
                if (!source.matches("0|[1-9][0-9]{0,5}")) {
                    throw BadValue.says("task.notNumber", source);
                }
                yield NumberWords.of(Integer.parseInt(source));
            }
        };
    }

    /** One source drawn at random: within the training range, or (long) beyond it. */
    public String draw(RandomGenerator rng, boolean longer) {
        return switch (this) {
            case REVERSE, SORT, COPY -> {
                int n = longer ? TRAIN_MAX_LETTERS + 1 + rng.nextInt(LONG_MAX_LETTERS - TRAIN_MAX_LETTERS) : 1 + rng.nextInt(TRAIN_MAX_LETTERS);
                char[] s = new char[n];
                for (int i = 0; i < n; i++) {
                    s[i] = (char) ('a' + rng.nextInt(26));
                }
                yield new String(s);
            }
            case DATES -> {
                while (true) {
                    String s = Dates.format(Dates.random(rng), rng.nextInt(Dates.FORMS));
                    if (longer == s.length() > TRAIN_MAX_DATE) {
                        yield s;
                    }
                }
            }
            case NUMBERS -> {
                // digits 1–5 equally often in training (so 7 is as common as 70,000), six digits beyond
                int digits = longer ? TRAIN_MAX_DIGITS + 1 : 1 + rng.nextInt(TRAIN_MAX_DIGITS);
                int low = digits == 1 ? 0 : (int) Math.pow(10, digits - 1);
                yield Integer.toString(low + rng.nextInt((int) Math.pow(10, digits) - low));
            }
        };
    }

    /**
     * How many distinct sources of this length the task can draw in training (a bound for what may be held out of
     * it); effectively unlimited for dates.
     */
    public long distinctSources(int length) {
        return switch (this) {
            case REVERSE, COPY -> length >= 14 ? Long.MAX_VALUE : (long) Math.pow(26, length);
            case SORT -> {                       // multisets of `length` letters: C(length + 25, 25)
                double c = 1;
                for (int k = 1; k <= 25; k++) {
                    c = c * (length + k) / k;
                }
                yield c > 1e18 ? Long.MAX_VALUE : Math.round(c);
            }
            case NUMBERS -> length == 1 ? 10 : length <= 7 ? 9 * (long) Math.pow(10, length - 1) : 0;
            case DATES -> Long.MAX_VALUE;
        };
    }

    /** The surface form of a source: for dates the form's example ("Nov 3, 1999"), for the others its length. */
    public String form(String source) {
        if (this != DATES) {
            return source.length() + (this == NUMBERS ? " digits" : " letters");
        }
        int f = Dates.formOf(source);
        if (f >= 0) {
            return Dates.format(LocalDate.of(1999, 11, 3), f);
        }
        return "other";
    }

    /** Forms in a readable order: lengths by number ("2 letters" before "10 letters"), dates' forms by name. */
    public static Comparator<String> formOrder() {
        return Comparator.comparingInt((String f) -> f.matches("\\d+ .*") ? Integer.parseInt(f.substring(0, f.indexOf(' '))) : Integer.MAX_VALUE)
                .thenComparing(Comparator.naturalOrder());
    }

    /** The longest source the training split holds (the long split starts beyond it): letters, or digits for numbers. */
    public int trainMax() {
        return switch (this) {
            case REVERSE, SORT, COPY -> TRAIN_MAX_LETTERS;
            case DATES -> TRAIN_MAX_DATE;
            case NUMBERS -> TRAIN_MAX_DIGITS;
        };
    }

    /** The longest output decoding may produce for a source of {@code length} symbols before it is cut off. */
    public int maxOutput(int length) {
        return switch (this) {
            case REVERSE, SORT, COPY -> length + 10;
            case DATES -> 20;
            case NUMBERS -> 90;
        };
    }

    /** The tokens BLEU counts: words for the numbers task, characters for the others. */
    public String[] bleuTokens(String text) {
        if (this == NUMBERS) {
            return text.isBlank() ? new String[0] : text.trim().split(" +");
        }
        return text.chars().mapToObj(c -> String.valueOf((char) c)).toArray(String[]::new);
    }

    /** {@code task:reverse} … as the command line and lessons name them. */
    public static Task parse(String spec) {
        String id = spec.startsWith("task:") ? spec.substring(5) : spec;
        for (Task t : values()) {
            if (t.id.equalsIgnoreCase(id.trim())) {
                return t;
            }
        }
        throw BadValue.says("task.unknown", id, Arrays.stream(values()).map(t -> "task:" + t.id).collect(Collectors.joining(", ")));
    }

    /** The date task's surface forms, and its parser (which reads exactly what {@link #format} writes). */
    static final class Dates {
        static final int FORMS = 7;
        private static final LocalDate FIRST = LocalDate.of(1950, 1, 1);
        private static final int DAYS = (int) (LocalDate.of(2049, 12, 31).toEpochDay() - FIRST.toEpochDay() + 1);

        static LocalDate random(RandomGenerator rng) {
            return FIRST.plusDays(rng.nextInt(DAYS));
        }

        static String format(LocalDate d, int form) {
            String month = d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            String mon = d.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            String weekday = d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            int day = d.getDayOfMonth();
            int year = d.getYear();
            return switch (form) {
                case 0 -> mon + " " + day + ", " + year;                       // Nov 3, 1999
                case 1 -> day + " " + month + " " + year;                       // 3 November 1999
                case 2 -> month + " " + day + ", " + year;                      // November 3, 1999
                case 3 -> day + " " + mon + " " + year;                         // 3 Nov 1999
                case 4 -> String.format("%d.%d.%d", day, d.getMonthValue(), year); // 3.11.1999 (day first)
                case 5 -> weekday + ", " + month + " " + day + ", " + year;     // Wednesday, November 3, 1999
                case 6 -> weekday + " " + day + " " + mon + " " + year;         // Wednesday 3 Nov 1999
                default -> throw new IllegalArgumentException("no date form " + form);
            };
        }

        /**
         * The reference of a source this task could have written: parsed, then written back in every form, one of
         * which must be the source exactly (so '31.2.2000', '1.13.2000' or a stray space are refused in a sentence).
         */
        static String reference(String s) {
            if (formOf(s) < 0) {
                throw BadValue.says("task.notDate", s);
            }
            return parse(s).toString();
        }

        /** Which of the forms writes exactly {@code s} (a date of the task's range), or −1 for one the task never writes. */
        static int formOf(String s) {
            LocalDate d;
            try {
                d = parse(s);
            } catch (RuntimeException e) {
                return -1;
            }
            if (d.isBefore(FIRST) || d.isAfter(FIRST.plusDays(DAYS - 1L))) {
                return -1;
            }
            for (int form = 0; form < FORMS; form++) {
                if (format(d, form).equals(s)) {
                    return form;
                }
            }
            return -1;
        }

        static LocalDate parse(String s) {
            String[] parts = s.replace(",", "").split("[ .]");
            if (parts.length == 3 && Character.isDigit(parts[1].charAt(0))) {
                if (Character.isDigit(parts[0].charAt(0))) {
                    return LocalDate.of(Integer.parseInt(parts[2]), Integer.parseInt(parts[1]), Integer.parseInt(parts[0]));
                }
                return LocalDate.of(Integer.parseInt(parts[2]), month(parts[0]), Integer.parseInt(parts[1]));
            }
            if (parts.length == 3) {
                return LocalDate.of(Integer.parseInt(parts[2]), month(parts[1]), Integer.parseInt(parts[0]));
            }
            if (parts.length == 4 && Character.isDigit(parts[1].charAt(0))) {
                return LocalDate.of(Integer.parseInt(parts[3]), month(parts[2]), Integer.parseInt(parts[1]));
            }
            if (parts.length == 4) {
                return LocalDate.of(Integer.parseInt(parts[3]), month(parts[1]), Integer.parseInt(parts[2]));
            }
            throw BadValue.says("task.notDate2", s);
        }

        private static int month(String name) {
            for (Month m : Month.values()) {
                if (m.getDisplayName(TextStyle.FULL, Locale.ENGLISH).equals(name) || m.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).equals(name)) {
                    return m.getValue();
                }
            }
            throw BadValue.says("task.notMonth", name);
        }
    }
}
