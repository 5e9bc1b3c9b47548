package org.seqlab.app.lessons;

import java.util.List;

/**
 * One lesson: its front matter and its steps. A step explains one idea (its Markdown, with math) and lets the
 * learner touch it (its scenes and quizzes), in the order written.
 *
 * @param id            the lesson's folder name, {@code 04-gradients}; orders the list
 * @param file          where it was read from, for messages
 * @param prerequisites ids of lessons to read first
 */
public record Lesson(String id, String file, String title, String summary, List<String> objectives, List<String> prerequisites, int minutes,
        List<Step> steps) {

    /** Markdown (with math) between the scenes and quizzes. */
    public record Prose(int line, String markdown) implements LessonBlock {
    }

    public record Step(int line, String title, List<LessonBlock> blocks) {

        public List<Scene> scenes() {
            return blocks.stream().filter(b -> b instanceof Scene).map(b -> (Scene) b).toList();
        }

        public List<Quiz> quizzes() {
            return blocks.stream().filter(b -> b instanceof Quiz).map(b -> (Quiz) b).toList();
        }
    }

    public List<Scene> scenes() {
        return steps.stream().flatMap(s -> s.scenes().stream()).toList();
    }

    public List<Quiz> quizzes() {
        return steps.stream().flatMap(s -> s.quizzes().stream()).toList();
    }
}
