/**
 * Lessons as data: a folder's {@code lesson.md} parsed into prose, scenes and quizzes ({@code LessonParser}, keeping
 * the author's line numbers for every problem), the built-in library, the learner's progress, and the sandbox that
 * keeps a lesson inside its own folder ({@code LessonFiles}) and its math from loading anything ({@code SafeTeX}).
 * Free of JavaFX: the reader draws lessons, the lab runs their scenes.
 */
package org.seqlab.app.lessons;
