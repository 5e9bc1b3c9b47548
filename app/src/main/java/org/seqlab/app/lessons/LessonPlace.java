package org.seqlab.app.lessons;

/**
 * A place in the lessons as the command line names it: {@code 04-gradients} (its start) or {@code 04-gradients:3} (its
 * third step, counted from 1 as the reader shows it).
 *
 * @param step the step, from 0; 0 when none or no number is given
 */
public record LessonPlace(String id, int step) {

    public static LessonPlace parse(String spec) {
        int colon = spec.indexOf(':');
        if (colon < 0) {
            return new LessonPlace(spec, 0);
        }
        try {
            return new LessonPlace(spec.substring(0, colon), Math.max(0, Integer.parseInt(spec.substring(colon + 1).strip()) - 1));
        } catch (NumberFormatException e) {
            return new LessonPlace(spec.substring(0, colon), 0);
        }
    }
}
