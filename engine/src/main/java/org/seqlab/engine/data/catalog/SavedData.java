package org.seqlab.engine.data.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.seqlab.engine.data.DataSource;
import org.seqlab.engine.data.TextFiles;
import org.seqlab.engine.io.BoundedZip;
import org.seqlab.engine.io.DataException;

/**
 * The data a saved model or run was trained on, so that the file is self-contained: built-in and synthetic data are
 * named (and opened again by name); the user's own text travels inside the file, compressed, as {@value #ENTRY}. A
 * saved file never makes SeqLab read a path named inside it.
 */
public final class SavedData {

    public static final String ENTRY = "data.txt";

    private SavedData() {
    }

    /** Adds the user's text to the zip (compressed) when the data is not built in. */
    public static void write(ZipOutputStream zip, DataSource data) throws IOException {
        if (data.ownText().isEmpty()) {
            if (DataSources.isImages(data.name()) && !DataSources.isBuiltIn(data.name())) {
                throw new IOException("a run on a folder of your own images is not saved (its images would not travel with it); "
                        + "runs on built-in data and on texts of your own are");
            }
            if (!DataSources.isBuiltIn(data.name())) {
                throw new IOException(data.name() + " is neither built-in data nor a text of your own");
            }
            return;
        }
        String text = data.ownText().get();
        zip.putNextEntry(new ZipEntry(ENTRY));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    /** The user's text a file carries ({@code null} for built-in data), read with the text files' cap. */
    public static byte[] readText(BoundedZip zip, String name) throws DataException {
        if (zip.has(ENTRY)) {
            return zip.read(ENTRY, TextFiles.MAX_BYTES, "its text");
        }
        if (DataSources.isBuiltIn(name)) {
            return null;
        }
        throw DataException.says("saved.namesItsDataBut", zip.name(), name);
    }

    /** The data again: built-in by name, or the carried text checked as a text file is. */
    public static DataSource open(String name, byte[] text) throws DataException {
        return text == null ? DataSources.open(name) : TextFiles.fromBytes(name, text);
    }

    /** As {@link #open(String, byte[])}, naming the file that carried a damaged text. */
    public static DataSource open(String name, byte[] text, String carrier) throws DataException {
        try {
            return open(name, text);
        } catch (DataException e) {
            throw text == null ? DataException.says("saved.trainedOn", carrier, name, e) : DataException.says("saved.damagedText", carrier, e);
        }
    }
}
