package org.seqlab.engine.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Saving without ever losing what was there. The content goes to a temporary file in the target's own folder, is
 * forced to disk, takes over the replaced file's permissions, and is renamed over the target in one atomic step:
 * whatever happens (a full disk, an exception, {@code kill -9}), the path holds either the old complete file or the
 * new one. A failed save removes its temporary file; those left by a killed process are removed at the next save
 * into that folder (their name carries the process id, so a live process's are never touched). A directory is
 * never replaced or deleted.
 */
public final class AtomicFile {

    /** What to write. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** {@code .<target name>.<pid>.<random>.seqtmp} */
    static final String SUFFIX = ".seqtmp";
    private static final Pattern OURS = Pattern.compile("^\\..*\\.(\\d{1,18})\\.[0-9a-f]+\\" + SUFFIX + "$");
    /** Temporary files of SeqLab 0.1 (no process id): removed once they are a minute old. */
    private static final Pattern OLDER = Pattern.compile("^\\.(seqlab|seqrun)\\d+\\.tmp$");

    private AtomicFile() {
    }

    /**
     * Checks that {@code target} can be written, before any work that would produce it starts: its folder exists and
     * takes a new file (tried by creating and removing one), and the target is not a folder or a device.
     *
     * @throws DataException one sentence naming the problem
     */
    public static void checkDestination(Path target) throws DataException {
        Path file = target.toAbsolutePath().normalize();
        if (Files.isDirectory(file)) {
            throw DataException.says("save.isFolderGiveName", target);
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw DataException.says("save.isNotRegularFile", target);
        }
        Path folder = file.getParent();
        if (folder == null || !Files.exists(folder)) {
            throw DataException.says("save.cannotSaveToFolder", target, folder == null ? "/" : folder);
        }
        if (!Files.isDirectory(folder)) {
            throw DataException.says("save.cannotSaveToIs", target, folder);
        }
        Path probe = null;
        try {
            probe = createTemporary(file);
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                // the real name too (the temporary's is shortened): a name the file system refuses is said now, not after training
                try {
                    Files.delete(Files.createFile(file));
                } catch (FileSystemException e) {
                    if (e.getReason() != null && e.getReason().contains("File name too long")) {
                        throw DataException.says("save.cannotSaveToIts", file.getFileName().toString().substring(0, 40), file.getFileName().toString().getBytes(StandardCharsets.UTF_8).length);
                    }
                    throw e;
                }
            }
        } catch (IOException e) {
            throw DataException.says("save.cannotSaveTo", target, reason(e, folder));
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException ignored) {
                    // the next save into this folder removes it
                }
            }
        }
    }

    /** Writes {@code content} to {@code target} atomically (see the class comment). */
    public static void write(Path target, Content content) throws IOException {
        Path file = target.toAbsolutePath().normalize();
        if (Files.isDirectory(file)) {
            throw new IOException(target + " is a folder");
        }
        Path folder = file.getParent();
        removeStale(folder);
        Path tmp = createTemporary(file);
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            keepPermissions(file, tmp);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        syncFolder(folder);
    }

    /** A new empty file beside the target, with the folder's default permissions (not createTempFile's 0600). */
    private static Path createTemporary(Path file) throws IOException {
        String name = file.getFileName().toString();
        String stem = "." + (name.length() > 80 ? name.substring(0, 80) : name) + "." + ProcessHandle.current().pid() + ".";
        for (int attempt = 0; ; attempt++) {
            Path tmp = file.resolveSibling(stem + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + SUFFIX);
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 10) {
                    throw e;
                }
            }
        }
    }

    /** A replaced file keeps its permissions (a private 0600 file stays private). */
    private static void keepPermissions(Path old, Path tmp) throws IOException {
        if (!Files.isRegularFile(old)) {
            return;
        }
        PosixFileAttributeView view = Files.getFileAttributeView(old, PosixFileAttributeView.class);
        if (view != null) {
            Files.setPosixFilePermissions(tmp, view.readAttributes().permissions());
        }
    }

    /** Makes the rename itself durable; some systems cannot open a folder for this, and then it is skipped. */
    private static void syncFolder(Path folder) {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // best effort: the file itself is on disk
        }
    }

    /** Removes temporary files that a killed SeqLab left in {@code folder}. */
    static void removeStale(Path folder) {
        long now = System.currentTimeMillis();
        try (Stream<Path> list = Files.list(folder)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                String name = p.getFileName().toString();
                Matcher m = OURS.matcher(name);
                boolean stale = false;
                if (m.matches()) {
                    long pid = Long.parseLong(m.group(1));
                    stale = pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
                } else if (OLDER.matcher(name).matches()) {
                    FileTime t = Files.getLastModifiedTime(p);
                    stale = now - t.toMillis() > 60_000;
                }
                if (stale && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // cleaning up is a courtesy; the save itself goes on
        }
    }

    /** "permission denied", "read-only file system" … in words. */
    static String reason(IOException e, Path folder) {
        if (e instanceof AccessDeniedException) {
            return "permission denied in " + folder;
        }
        if (e instanceof NoSuchFileException) {
            return "the folder " + folder + " cannot take files";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(Locale.ROOT) + " (" + folder + ")";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
