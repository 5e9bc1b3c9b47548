package org.seqlab.engine.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A zip written by SeqLab (a model or a saved run), opened as untrusted input: only a regular file is opened, entry
 * names must be unique, and an entry is read only up to the size its caller allows, whatever its header declares —
 * so a small file that inflates to gigabytes fails with a sentence instead of filling the memory. Every entry's CRC-32
 * is checked (Java's {@code ZipFile} does not): a flipped byte in stored weights is damage, never silently other values.
 */
public final class BoundedZip implements AutoCloseable {

    private final ZipFile zip;
    private final String name;
    private final String kind;

    private BoundedZip(ZipFile zip, String name, String kind) {
        this.zip = zip;
        this.name = name;
        this.kind = kind;
    }

    /**
     * @param kind what the file should be, for messages: "a SeqLab model file", "a saved SeqLab run"
     */
    public static BoundedZip open(Path file, String kind) throws DataException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        if (!Files.exists(file)) {
            throw new DataException("no such file: " + file);
        }
        if (Files.isDirectory(file)) {
            throw new DataException(name + " is a folder, not " + kind);
        }
        if (!Files.isRegularFile(file)) {
            throw new DataException(name + " is not a regular file (a device or a pipe), not " + kind);
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (NoSuchFileException e) {
            throw new DataException("no such file: " + file);
        } catch (ZipException e) {
            throw new DataException(name + " is not " + kind + " (not a zip archive)");
        } catch (IOException e) {
            throw new DataException("cannot read " + name + ": " + AtomicFile.reason(e, file.toAbsolutePath().getParent()));
        }
        Set<String> seen = new HashSet<>();
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            if (!seen.add(entries.nextElement().getName())) {
                closeQuietly(zip);
                throw new DataException(name + " is damaged: it holds two entries of the same name");
            }
        }
        return new BoundedZip(zip, name, kind);
    }

    /** The file's name, for messages. */
    public String name() {
        return name;
    }

    public boolean has(String entry) {
        return zip.getEntry(entry) != null;
    }

    /** The unpacked size the archive declares for an entry (it may lie; {@link #read} caps anyway), or -1. */
    public long declaredSize(String entry) {
        ZipEntry e = zip.getEntry(entry);
        return e == null ? -1 : e.getSize();
    }

    /**
     * The bytes of {@code entry}, read only up to {@code maxBytes}.
     *
     * @param what the entry in words, for messages ("the weights")
     * @throws DataException when it is missing or larger than allowed
     */
    public byte[] read(String entry, long maxBytes, String what) throws DataException {
        ZipEntry e = zip.getEntry(entry);
        if (e == null) {
            throw new DataException(name + " is not " + kind + " (it lacks " + entry + ")");
        }
        if (e.getSize() > maxBytes) {
            throw tooLarge(what, e.getSize(), maxBytes);
        }
        try (InputStream in = zip.getInputStream(e)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Math.max(e.getSize(), 0), 1 << 20));
            byte[] buffer = new byte[1 << 16];
            CRC32 crc = new CRC32();
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > maxBytes) {
                    throw tooLarge(what, -1, maxBytes);
                }
                out.write(buffer, 0, n);
                crc.update(buffer, 0, n);
            }
            if (e.getCrc() != -1 && crc.getValue() != e.getCrc()) {
                throw new DataException(name + " is damaged: " + what + " fail the checksum stored with them (CRC-32)");
            }
            return out.toByteArray();
        } catch (ZipException ex) {
            throw new DataException(name + " is damaged: " + what + " cannot be unpacked (" + ex.getMessage() + ")");
        } catch (IOException ex) {
            throw new DataException("cannot read " + name + ": " + ex.getMessage());
        }
    }

    private DataException tooLarge(String what, long declared, long max) {
        String size = declared >= 0 ? "would take " + Bytes.describe(declared) + "," : "unpack to";
        return new DataException(String.format("%s is damaged or not %s: %s %s more than the %s they can take", name, kind, what, size,
                Bytes.describe(max)));
    }

    @Override
    public void close() {
        closeQuietly(zip);
    }

    private static void closeQuietly(ZipFile z) {
        try {
            z.close();
        } catch (IOException ignored) {
            // read-only: nothing to lose
        }
    }
}
