package org.seqlab.app.lessons;

/**
 * A part of a lesson's step: its prose ({@link Lesson.Prose}), a {@link Scene} or a {@link Quiz}, in the order written.
 * Its own file, so the parts know only this and not the lesson that holds them.
 */
public interface LessonBlock {

    /** The line of {@code lesson.md} it starts on, for messages. */
    int line();
}
