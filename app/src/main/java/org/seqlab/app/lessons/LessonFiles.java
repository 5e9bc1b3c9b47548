package org.seqlab.app.lessons;

import org.seqlab.app.text.Texts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The one way a lesson names a file: by a relative name inside its own folder. An absolute path, a {@code ..}, or a
 * symbolic link whose target lies outside the folder is refused with the reason, so a lesson someone else wrote
 * reaches nothing beyond itself (the lesson's built-in data is named, not found on disk).
 */
public final class LessonFiles {

    /** A lesson file larger than this is not a lesson. */
    public static final long MAX_LESSON_BYTES = 1 << 20;

    private LessonFiles() {
    }

    /**
     * The file {@code name} inside {@code folder}, as its real path (links resolved).
     *
     * @throws IllegalArgumentException why the name is refused, in words for the lesson's author
     */
    public static Path inside(Path folder, String name) {
        if (name.indexOf('\0') >= 0 || name.isBlank()) {
            throw new IllegalArgumentException(Texts.get("lp.notFileName", name.replace("\0", "\\0")));
        }
        Path relative;
        try {
            relative = Path.of(name);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(Texts.get("lp.notFileName", name));
        }
        if (relative.isAbsolute() || name.startsWith("~")) {
            throw new IllegalArgumentException(Texts.get("lp.absolute", name));
        }
        for (Path part : relative) {
            if (part.toString().equals("..")) {
                throw new IllegalArgumentException(Texts.get("lp.leaves", name));
            }
        }
        if (folder == null) {
            throw new IllegalArgumentException(Texts.get("lp.noFolder", name));
        }
        Path file = folder.resolve(relative).normalize();
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(Texts.get("lp.noFile", name));
        }
        try {
            Path real = file.toRealPath();
            if (!real.startsWith(folder.toRealPath())) {
                throw new IllegalArgumentException(Texts.get("lp.link", name));
            }
            if (!Files.isRegularFile(real)) {
                throw new IllegalArgumentException(Texts.get("lp.notRegular", name));
            }
            return real;
        } catch (IOException e) {
            throw new IllegalArgumentException(Texts.get("lp.fileUnreadable", name, e.getLocalizedMessage()));
        }
    }
}
