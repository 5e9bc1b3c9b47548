package org.seqlab.app.lessons;

import org.seqlab.app.text.Texts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The lessons there are: those shipped inside the app, and any folder of lessons the user opens. Each lesson is
 * a folder {@code <nn>-<slug>/} holding {@code lesson.md} (and any text file its scenes train on). A lesson with
 * mistakes is left out and its problems reported; the others load.
 *
 * @param lessons  the lessons that loaded, ordered by id
 * @param problems every mistake found, with file and line
 */
public record LessonLibrary(List<Lesson> lessons, List<LessonProblem> problems) {

    /** Where the built-in lessons are packaged. */
    static final String RESOURCE = "/org/seqlab/lessons";
    public static final String FILE = "lesson.md";

    /** The lessons shipped with the app. */
    public static LessonLibrary builtIn() {
        URL url = LessonLibrary.class.getResource(RESOURCE);
        if (url == null) {
            return new LessonLibrary(List.of(), List.of(new LessonProblem("lessons", 0, Texts.get("lp.noLessonsPackaged"))));
        }
        try {
            URI uri = url.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return load(Path.of(uri), "lessons");
            }
            // inside the jar: copy out, so that a scene's data file is an ordinary file
            Path out = Files.createTempDirectory("seqlab-lessons");
            out.toFile().deleteOnExit();
            FileSystem fs;
            try {
                fs = FileSystems.newFileSystem(uri, Map.of());
            } catch (FileSystemAlreadyExistsException e) {
                fs = FileSystems.getFileSystem(uri);
            }
            Path root = fs.getPath(RESOURCE);
            try (Stream<Path> all = Files.walk(root)) {
                for (Path p : all.toList()) {
                    Path target = out.resolve(root.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                    target.toFile().deleteOnExit();
                }
            }
            return load(out, "lessons");
        } catch (IOException | URISyntaxException e) {
            return new LessonLibrary(List.of(), List.of(new LessonProblem("lessons", 0, Texts.get("lp.lessonsUnreadable", e.getLocalizedMessage()))));
        }
    }

    /**
     * The lesson's text in language {@code l}: its translation beside it ({@code lesson.de.md}, {@code lesson.zh-CN.md}),
     * else the English {@code lesson.md}. The math and the scenes are the same in every language.
     */
    public static String fileFor(Path dir, java.util.Locale l) {
        String translated = "lesson." + l.toLanguageTag() + ".md";
        return !l.getLanguage().equals("en") && Files.isRegularFile(dir.resolve(translated)) ? translated : FILE;
    }

    /**
     * The lessons in a folder: either a folder of lesson folders, or one lesson's folder.
     *
     * @param shownAs how the folder is named in messages ("lessons", or the path the user chose)
     */
    public static LessonLibrary load(Path folder, String shownAs) {
        List<Lesson> lessons = new ArrayList<>();
        List<LessonProblem> problems = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            problems.add(new LessonProblem(shownAs, 0, Texts.get("lp.notFolder")));
            return new LessonLibrary(List.of(), problems);
        }
        List<Path> dirs = new ArrayList<>();
        if (Files.isRegularFile(folder.resolve(FILE))) {
            dirs.add(folder);
        } else {
            try (Stream<Path> list = Files.list(folder)) {
                list.filter(Files::isDirectory).sorted(Comparator.comparing(p -> p.getFileName().toString())).forEach(dirs::add);
            } catch (IOException e) {
                problems.add(new LessonProblem(shownAs, 0, Texts.get("lp.cannotList", e.getLocalizedMessage())));
            }
        }
        for (Path dir : dirs) {
            String chosen = fileFor(dir, org.seqlab.app.text.Texts.locale());
            Path file = dir.resolve(FILE);
            String id = dir.getFileName().toString();
            String name = (dirs.size() == 1 && dir.equals(folder) ? shownAs : shownAs + "/" + id) + "/" + chosen;
            if (!Files.isRegularFile(file)) {
                continue;   // a folder of something else (images, notes)
            }
            List<LessonProblem> found = new ArrayList<>();
            try {
                Path real = LessonFiles.inside(dir, chosen);
                byte[] bytes;
                try (InputStream in = Files.newInputStream(real)) {
                    bytes = in.readNBytes((int) LessonFiles.MAX_LESSON_BYTES + 1);
                }
                if (bytes.length > LessonFiles.MAX_LESSON_BYTES) {
                    throw new IllegalArgumentException(Texts.get("lp.tooLarge", String.valueOf(LessonFiles.MAX_LESSON_BYTES / 1024)));
                }
                String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
                Lesson lesson = LessonParser.parse(id, text, name, dir, found);
                if (found.isEmpty()) {
                    lessons.add(lesson);
                }
            } catch (CharacterCodingException e) {
                found.add(new LessonProblem(name, 1, Texts.get("lp.notUtf8")));
            } catch (IOException | UncheckedIOException e) {
                found.add(new LessonProblem(name, 0, Texts.get("lp.cannotRead", e.getLocalizedMessage())));
            } catch (IllegalArgumentException e) {
                found.add(new LessonProblem(name, 0, e.getLocalizedMessage()));
            } catch (RuntimeException | StackOverflowError e) {
                // the parsers bound their depth; this is the backstop that keeps one lesson from failing the folder
                found.add(new LessonProblem(name, 0, Texts.get("lp.cannotRead", e instanceof StackOverflowError ? Texts.get("lp.nested")
                        : e.getClass().getSimpleName() + (e.getLocalizedMessage() == null ? "" : ": " + e.getLocalizedMessage()))));
            }
            problems.addAll(found);
        }
        if (lessons.isEmpty() && problems.isEmpty()) {
            problems.add(new LessonProblem(shownAs, 0, Texts.get("lp.noLessons", FILE)));
        }
        lessons.sort(Comparator.comparing(Lesson::id));
        return new LessonLibrary(List.copyOf(lessons), List.copyOf(problems));
    }

    public Lesson byId(String id) {
        return find(lessons, id);
    }

    /** A lesson id's leading number: "04" in 04-gradients. */
    private static final Pattern NUMBER = Pattern.compile("^(\\d+)-");

    /**
     * The lesson with this id, or else the one lesson whose number it gives ("4" or "04" for 04-gradients), so a
     * teacher can type the number on the board; null if none or several match.
     */
    public static Lesson find(Collection<Lesson> lessons, String id) {
        for (Lesson l : lessons) {
            if (l.id().equals(id)) {
                return l;
            }
        }
        if (!id.matches("\\d{1,3}")) {
            return null;
        }
        int n = Integer.parseInt(id);
        List<Lesson> numbered = lessons.stream().filter(l -> {
            Matcher m = NUMBER.matcher(l.id());
            return m.find() && Integer.parseInt(m.group(1)) == n;
        }).toList();
        return numbered.size() == 1 ? numbered.get(0) : null;
    }
}
