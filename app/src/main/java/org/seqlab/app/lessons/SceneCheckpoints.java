package org.seqlab.app.lessons;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A lesson pack's trained scenes: each scene that has a saved run beside the lesson points to it ({@link Scene#checkpoint}). */
final class SceneCheckpoints {

    private SceneCheckpoints() {
    }

    /**
     * The steps with each scene that has a checkpoint in the lesson's folder ({@code checkpoints/s<step>-<scene>.seqrun},
     * as {@code check-lessons --save-checkpoints} names them) pointing to it, through the lesson sandbox.
     */
    static List<Lesson.Step> of(List<Lesson.Step> steps, Path folder) {
        if (folder == null || !Files.isDirectory(folder.resolve("checkpoints"), LinkOption.NOFOLLOW_LINKS)) {
            return List.copyOf(steps);
        }
        List<Lesson.Step> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Lesson.Step step = steps.get(i);
            List<LessonBlock> blocks = new ArrayList<>();
            int k = 0;
            for (LessonBlock b : step.blocks()) {
                if (b instanceof Scene s && s.encoderDecoders() == null) {
                    String name = "checkpoints/s" + (i + 1) + "-" + (++k) + ".seqrun";
                    Path saved = null;
                    try {
                        saved = LessonFiles.inside(folder, name);
                    } catch (IllegalArgumentException e) {
                        // no checkpoint for this scene (or one that would leave the folder): it trains as it always does
                    }
                    blocks.add(saved != null ? s.withCheckpoint(saved) : s);
                } else {
                    blocks.add(b);
                    k += b instanceof Scene ? 1 : 0;   // an encoder–decoder scene keeps its number, and trains
                }
            }
            out.add(new Lesson.Step(step.line(), step.title(), List.copyOf(blocks)));
        }
        return List.copyOf(out);
    }
}
