package org.seqlab.app.lessons;

/** A mistake in a lesson: where it is and what is wrong, as an author would want to read it. */
public record LessonProblem(String file, int line, String message) {

    /** "lessons/04-gradients/lesson.md:23: unknown model family 'gru' …" */
    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
