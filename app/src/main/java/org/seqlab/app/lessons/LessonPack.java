package org.seqlab.app.lessons;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.io.AtomicFile;
import org.seqlab.engine.io.BoundedZip;
import org.seqlab.engine.io.DataException;
import org.seqlab.engine.io.Says;

/**
 * A lesson that travels as one file ({@code .seqlesson}): a zip of its {@code lesson.md}, its translations and the
 * files its scenes name (data, a model to load), with a manifest ({@code seqlesson.json}) that gives each file's size
 * and SHA-256, and the pack's hash over them all.
 *
 * <p>A pack is untrusted input, and opening one keeps every promise the lesson sandbox makes for a folder: nothing is
 * unpacked but the files the manifest names; a name is relative, plain and stays inside the pack (no absolute path, no
 * {@code ..}, no drive, no backslash); the zip holds no entry that tries otherwise, no links (only regular files are
 * ever written) and no more than {@link #MAX_FILES} files; each size is checked against its cap before a byte of it is
 * kept ({@link BoundedZip}), and each file's hash against the manifest. The checked files are then unpacked into a
 * fresh folder of the user's own (removed when SeqLab quits), which the lessons read as any lesson folder — through
 * {@link LessonFiles}, so a lesson inside a pack reaches nothing outside it.
 */
public final class LessonPack {

    public static final String EXTENSION = ".seqlesson";
    static final String MANIFEST = "seqlesson.json";
    static final String FORMAT = "seqlab-lesson-pack";
    static final int VERSION = 1;
    static final int MAX_FILES = 64;
    static final long MAX_MANIFEST_BYTES = 64 << 10;
    static final long MAX_FILE_BYTES = 64L << 20;
    static final long MAX_TOTAL_BYTES = 128L << 20;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,99}(/[A-Za-z0-9_][A-Za-z0-9._-]{0,99}){0,3}");
    private static final Pattern TRANSLATION = Pattern.compile("lesson\\.[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?\\.md");
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    /** What {@code seqlesson.json} holds. */
    record Manifest(String format, int version, String id, List<Entry> files, String hash) {
    }

    /** One file of the lesson: its name inside the lesson's folder, its size and SHA-256. */
    record Entry(String name, long size, String sha256) {
    }

    /** A pack written: the lesson's id, its files and the pack's hash. */
    public record Packed(String id, List<String> files, String hash, long bytes) {
    }

    /** A pack opened: the folder its lesson now lives in (one lesson's folder), its id and its hash. */
    public record Opened(Path folder, String id, String hash) {
    }

    private LessonPack() {
    }

    /**
     * Packs the lesson in {@code folder} (a folder holding a {@code lesson.md}) into {@code out}: the lesson, its
     * translations and every file its scenes name. A lesson with problems is not packed: they are named instead.
     */
    public static Packed pack(Path folder, Path out) throws DataException {
        return pack(folder, out, Map.of());
    }

    /** As {@link #pack(Path, Path)}, with {@code more} files besides (by their names in the pack: the scenes' checkpoints). */
    public static Packed pack(Path folder, Path out, Map<String, Path> more) throws DataException {
        if (!Files.isRegularFile(folder.resolve(LessonLibrary.FILE))) {
            throw new DataException(Texts.get("pack.noLesson", folder.toString(), LessonLibrary.FILE));
        }
        String id = folder.toAbsolutePath().normalize().getFileName().toString();
        if (!NAME.matcher(id).matches() || id.contains("/")) {
            throw new DataException(Texts.get("pack.badId", id));
        }
        LessonLibrary lib = LessonLibrary.load(folder, id);
        if (!lib.problems().isEmpty()) {
            throw new DataException(Texts.get("pack.problems", id, lib.problems().size(), lib.problems().get(0).toString()));
        }
        Map<String, Path> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(folder)) {
            for (Path p : list.toList()) {
                String name = p.getFileName().toString();
                if ((name.equals(LessonLibrary.FILE) || TRANSLATION.matcher(name).matches()) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    files.put(name, p);
                }
            }
        } catch (IOException e) {
            throw new DataException(Texts.get("lp.cannotList", e.getLocalizedMessage()));
        }
        Path root = folder.toAbsolutePath().normalize();
        for (Lesson.Step step : lib.lessons().get(0).steps()) {
            for (Scene s : step.scenes()) {
                for (Path named : new Path[] {s.dataFile(), s.load()}) {
                    if (named != null) {
                        files.put(root.relativize(named.toAbsolutePath().normalize()).toString().replace('\\', '/'), named);
                    }
                }
            }
        }
        files.putAll(more);
        List<Entry> entries = new ArrayList<>();
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<String, Path> f : files.entrySet()) {
            if (!NAME.matcher(f.getKey()).matches()) {
                throw new DataException(Texts.get("pack.badName", f.getKey()));
            }
            byte[] b;
            try {
                b = Files.readAllBytes(f.getValue());
            } catch (IOException e) {
                throw new DataException(Texts.get("lp.fileUnreadable", f.getKey(), e.getLocalizedMessage()));
            }
            total += b.length;
            if (b.length > MAX_FILE_BYTES || total > MAX_TOTAL_BYTES || bytes.size() >= MAX_FILES) {
                throw new DataException(Texts.get("pack.tooMuch", MAX_FILES, MAX_FILE_BYTES >> 20, MAX_TOTAL_BYTES >> 20));
            }
            bytes.put(f.getKey(), b);
            entries.add(new Entry(f.getKey(), b.length, sha256(b)));
        }
        Manifest m = new Manifest(FORMAT, VERSION, id, entries, hash(entries));
        AtomicFile.checkDestination(out);
        try {
            AtomicFile.write(out, o -> {
                ZipOutputStream zip = new ZipOutputStream(o);
                zip.putNextEntry(new ZipEntry(MANIFEST));
                zip.write(GSON.toJson(m).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                for (Map.Entry<String, byte[]> f : bytes.entrySet()) {
                    zip.putNextEntry(new ZipEntry(f.getKey()));
                    zip.write(f.getValue());
                    zip.closeEntry();
                }
                zip.finish();
            });
            return new Packed(id, List.copyOf(bytes.keySet()), m.hash(), Files.size(out));
        } catch (IOException e) {
            throw new DataException(Texts.get("pack.cannotWrite", out.toString(), e.getLocalizedMessage()));
        }
    }

    /**
     * Checks the pack (see the class comment) and unpacks its lesson into a fresh folder of the user's own.
     *
     * @throws DataException naming the first thing wrong, in one sentence; nothing is unpacked then
     */
    public static Opened open(Path file) throws DataException {
        try (BoundedZip zip = BoundedZip.open(file, Says.of("kind.lessonPack"))) {
            String shown = zip.name();
            List<String> names = zip.names();
            for (String n : names) {
                if (!n.equals(MANIFEST) && !NAME.matcher(n).matches()) {
                    throw new DataException(Texts.get("pack.hostileName", shown, n.length() > 80 ? n.substring(0, 80) + "…" : n));
                }
            }
            if (names.size() > MAX_FILES + 1) {
                throw new DataException(Texts.get("pack.tooMany", shown, names.size() - 1, MAX_FILES));
            }
            Manifest m = manifest(zip, shown);
            Map<String, byte[]> files = new LinkedHashMap<>();
            long total = 0;
            for (Entry e : m.files()) {
                if (e == null || e.name() == null || !NAME.matcher(e.name()).matches() || e.sha256() == null || files.containsKey(e.name())) {
                    throw new DataException(Texts.get("pack.badManifest", shown));
                }
                if (e.size() < 0 || e.size() > MAX_FILE_BYTES || (total += e.size()) > MAX_TOTAL_BYTES) {
                    throw new DataException(Texts.get("pack.tooLarge", shown, e.name(), MAX_FILE_BYTES >> 20, MAX_TOTAL_BYTES >> 20));
                }
                byte[] b = zip.read(e.name(), e.size(), e.name());
                if (b.length != e.size() || !sha256(b).equals(e.sha256())) {
                    throw new DataException(Texts.get("pack.changed", shown, e.name()));
                }
                files.put(e.name(), b);
            }
            if (!files.containsKey(LessonLibrary.FILE)) {
                throw new DataException(Texts.get("pack.noLessonInside", shown, LessonLibrary.FILE));
            }
            if (!hash(m.files()).equals(m.hash())) {
                throw new DataException(Texts.get("pack.hashWrong", shown));
            }
            return new Opened(unpack(m.id(), files), m.id(), m.hash());
        }
    }

    private static Manifest manifest(BoundedZip zip, String shown) throws DataException {
        if (!zip.has(MANIFEST)) {
            throw new DataException(Texts.get("pack.noManifest", shown, MANIFEST));
        }
        Manifest m;
        try {
            m = GSON.fromJson(new String(zip.read(MANIFEST, MAX_MANIFEST_BYTES, MANIFEST), StandardCharsets.UTF_8), Manifest.class);
        } catch (JsonParseException e) {
            throw new DataException(Texts.get("pack.badManifest", shown));
        }
        if (m == null || !FORMAT.equals(m.format()) || m.files() == null || m.hash() == null || m.id() == null
                || !NAME.matcher(m.id()).matches() || m.id().contains("/")) {
            throw new DataException(Texts.get("pack.badManifest", shown));
        }
        if (m.version() > VERSION) {
            throw new DataException(Texts.get("pack.newer", shown, m.version()));
        }
        if (m.files().size() > MAX_FILES) {
            throw new DataException(Texts.get("pack.tooMany", shown, m.files().size(), MAX_FILES));
        }
        return m;
    }

    /** Writes the checked files into {@code <fresh folder>/<id>/}, readable by the user alone, removed when SeqLab quits. */
    private static Path unpack(String id, Map<String, byte[]> files) throws DataException {
        try {
            Path root = Files.createTempDirectory("seqlab-lesson-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            root.toFile().deleteOnExit();
            Path dir = Files.createDirectory(root.resolve(id));
            dir.toFile().deleteOnExit();
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Path target = dir.resolve(f.getKey()).normalize();
                if (!target.startsWith(dir)) {
                    throw new DataException(Texts.get("pack.hostileName", id, f.getKey()));   // NAME already forbids it; kept as the last guard
                }
                Path folder = dir;
                for (Path part : dir.relativize(target.getParent())) {   // each folder on the way, to be removed after its files
                    folder = folder.resolve(part);
                    if (!Files.isDirectory(folder)) {
                        Files.createDirectory(folder);
                        folder.toFile().deleteOnExit();
                    }
                }
                target.toFile().deleteOnExit();
                Files.write(target, f.getValue());
            }
            return dir;
        } catch (IOException e) {
            throw new DataException(Texts.get("pack.cannotUnpack", e.getLocalizedMessage()));
        }
    }

    /** The pack's hash: SHA-256 over each file's name, size and SHA-256, in the manifest's order. */
    static String hash(List<Entry> entries) {
        StringBuilder sb = new StringBuilder();
        for (Entry e : entries) {
            sb.append(e.name()).append('\n').append(e.size()).append('\n').append(e.sha256()).append('\n');
        }
        return sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);   // every Java has SHA-256
        }
    }
}
