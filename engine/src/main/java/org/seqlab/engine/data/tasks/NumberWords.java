package org.seqlab.engine.data.tasks;

/** Whole numbers from 0 to 999,999 in English words, as the numbers task's references: 2021 → "two thousand twenty-one". */
public final class NumberWords {

    private static final String[] ONES = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
        "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
    private static final String[] TENS = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};

    private NumberWords() {
    }

    public static String of(int n) {
        if (n < 0 || n > 999_999) {
            throw new IllegalArgumentException("numbers from 0 to 999,999 only, not " + n);
        }
        if (n < 1000) {
            return belowThousand(n);
        }
        String head = belowThousand(n / 1000) + " thousand";
        return n % 1000 == 0 ? head : head + " " + belowThousand(n % 1000);
    }

    private static String belowThousand(int n) {
        if (n < 100) {
            return belowHundred(n);
        }
        String head = ONES[n / 100] + " hundred";
        return n % 100 == 0 ? head : head + " " + belowHundred(n % 100);
    }

    private static String belowHundred(int n) {
        if (n < 20) {
            return ONES[n];
        }
        return n % 10 == 0 ? TENS[n / 10] : TENS[n / 10] + "-" + ONES[n % 10];
    }
}
