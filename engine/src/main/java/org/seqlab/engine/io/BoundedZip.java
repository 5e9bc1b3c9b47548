package org.seqlab.engine.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
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
    private final Says kind;

    private BoundedZip(ZipFile zip, String name, Says kind) {
        this.zip = zip;
        this.name = name;
        this.kind = kind;
    }

    /**
     * @param kind what the file should be, for messages: "a SeqLab model file", "a saved SeqLab run"
     */
    public static BoundedZip open(Path file, Says kind) throws DataException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        if (!Files.exists(file)) {
            throw DataException.says("common.noSuchFile", file);
        }
        if (Files.isDirectory(file)) {
            throw DataException.says("zip.isFolderNot", name, kind);
        }
        if (!Files.isRegularFile(file)) {
            throw DataException.says("zip.isNotRegularFile", name, kind);
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (NoSuchFileException e) {
            throw DataException.says("common.noSuchFile", file);
        } catch (ZipException e) {
            throw DataException.says("zip.isNotNotZip", name, kind);
        } catch (IOException e) {
            throw DataException.says("common.cannotRead", name, AtomicFile.reason(e, file.toAbsolutePath().getParent()));
        }
        Set<String> seen = new HashSet<>();
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            if (!seen.add(entries.nextElement().getName())) {
                closeQuietly(zip);
                throw DataException.says("zip.isDamagedItHolds", name);
            }
        }
        return new BoundedZip(zip, name, kind);
    }

    /** The file's name, for messages. */
    public String name() {
        return name;
    }

    /** Every entry's name, as the archive writes it (unchecked: a name may try to leave wherever it is unpacked). */
    public List<String> names() {
        return zip.stream().map(ZipEntry::getName).toList();
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
            throw DataException.says("zip.isNotItLacks", name, kind, entry);
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
                throw DataException.says("zip.isDamagedFailChecksum", name, what);
            }
            return out.toByteArray();
        } catch (ZipException ex) {
            throw DataException.says("zip.isDamagedCannotBe", name, what, ex);
        } catch (IOException ex) {
            throw DataException.says("common.cannotRead", name, ex);
        }
    }

    private DataException tooLarge(String what, long declared, long max) {
        return declared >= 0 ? DataException.says("zip.tooLarge", name, kind, what, Bytes.describe(declared), Bytes.describe(max))
                : DataException.says("zip.unpacksTooLarge", name, kind, what, Bytes.describe(max));
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
