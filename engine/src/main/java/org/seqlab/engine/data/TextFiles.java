package org.seqlab.engine.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.seqlab.engine.io.DataException;

/** The user's own text file, checked before it becomes a corpus; every refusal says what to do. */
public final class TextFiles {

    /** Larger files would take minutes to even read through once at lab speeds. */
    public static final long MAX_BYTES = 50L * 1024 * 1024;
    /** Enough for a train and a validation window. */
    public static final int MIN_CHARACTERS = 200;
    /** A character-level softmax over more symbols than this means the file is not ordinary text. */
    public static final int MAX_VOCABULARY = 1000;

    private TextFiles() {
    }

    /**
     * Reads a text file as a corpus. Only a regular file is read (a device, a pipe or a folder is refused without
     * reading it), and at most {@link #MAX_BYTES} bytes of it: the cap counts bytes read, not the size the file system
     * reports.
     */
    public static TextCorpus load(Path file) throws DataException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        if (Files.isDirectory(file)) {
            throw DataException.says("text.isFolderNotText", name);
        }
        if (!Files.exists(file)) {
            throw DataException.says("common.noSuchFile", file);
        }
        if (!Files.isRegularFile(file)) {
            throw DataException.says("text.isNotRegularFile", name);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw DataException.says("common.noSuchFile", file);
        } catch (AccessDeniedException e) {
            throw DataException.says("text.cannotReadPermissionDenied", name);
        } catch (IOException e) {
            throw DataException.says("common.cannotRead", name, e);
        }
        if (bytes.length > MAX_BYTES) {
            throw DataException.says("text.holdsMoreThanMb", name, MAX_BYTES / 1048576, MAX_BYTES / 1048576);
        }
        return fromBytes(name, bytes);
    }

    /** A text given as bytes (a file read, or the text a saved run carries), checked as a file would be. */
    public static TextCorpus fromBytes(String name, byte[] bytes) throws DataException {
        String text = decode(name, bytes);
        return TextCorpus.ofOwnText(name, String.format("%s (%,d characters)", name, text.length()), text, 0.1,
                List.of(text.substring(0, text.offsetByCodePoints(0, Math.min(60, text.codePointCount(0, text.length()))))));
    }

    /** Checks and decodes the bytes of a text file; line endings become \n. */
    static String decode(String name, byte[] bytes) throws DataException {
        if (bytes.length == 0) {
            throw DataException.says("text.isEmpty", name);
        }
        int control = 0;
        for (byte b : bytes) {
            if (b == 0) {
                throw DataException.says("text.looksLikeBinaryFile", name);
            }
            if (b > 0 && b < 32 && b != '\n' && b != '\r' && b != '\t' && b != '\f') {
                control++;
            }
        }
        if (control > bytes.length / 20) {
            throw DataException.says("text.looksLikeBinaryFile2", name, control);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        String text;
        try {
            text = decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (MalformedInputException e) {
            int offset = firstInvalidUtf8(bytes);
            throw DataException.says("text.isNotUtfText", name, bytes[offset] & 0xff, offset);
        } catch (CharacterCodingException e) {
            throw DataException.says("text.isNotUtfText2", name);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // byte-order mark
        }
        text = text.replace("\r\n", "\n").replace('\r', '\n');
        int chars = text.codePointCount(0, text.length());
        if (text.isBlank()) {
            throw DataException.says("text.holdsOnlyWhiteSpace", name);
        }
        if (chars < MIN_CHARACTERS) {
            throw DataException.says("text.isTooShortTo", name, chars, MIN_CHARACTERS);
        }
        long distinct = text.codePoints().distinct().count();
        if (distinct > MAX_VOCABULARY) {
            throw DataException.says("text.hasDistinctCharactersCharacter", name, distinct, MAX_VOCABULARY);
        }
        return text;
    }

    /** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
    static int firstInvalidUtf8(byte[] b) {
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xff;
            int n = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xe ? 2 : (c >> 3) == 0x1e ? 3 : -1;
            if (n < 0) {
                return i;
            }
            for (int k = 1; k <= n; k++) {
                if (i + k >= b.length || (b[i + k] & 0xc0) != 0x80) {
                    return i;
                }
            }
            i += n + 1;
        }
        return Math.max(0, b.length - 1);
    }
}
