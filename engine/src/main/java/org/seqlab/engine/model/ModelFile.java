package org.seqlab.engine.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.seqlab.engine.data.DataException;
import org.seqlab.engine.data.Vocabulary;

/**
 * A trained model on disk: a zip holding {@code model.json} (what the model is: family, sizes, vocabulary,
 * where it was trained) and {@code weights.bin} (the flat weight array, float32, big-endian). Enough for
 * {@code score} and {@code sample} to rebuild the exact model.
 */
public final class ModelFile {

    public static final String FORMAT = "seqlab-model";
    public static final int VERSION = 1;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    /** What {@code model.json} holds. */
    public record Header(String format, int version, ModelConfig config, String vocabulary, long parameters, String data,
            String prompt, int steps) {
    }

    /** A model read back from disk. */
    public record Loaded(SequenceModel model, Vocabulary vocabulary, Header header) {
    }

    private ModelFile() {
    }

    /**
     * @param data   name of the data it was trained on
     * @param prompt a sensible default prompt for sampling
     * @param steps  training steps taken
     */
    public static void save(Path file, SequenceModel model, Vocabulary vocab, String data, String prompt, int steps)
            throws IOException {
        Header header = new Header(FORMAT, VERSION, model.spec().config(), vocab.symbols(), model.parameters().size(), data,
                prompt, steps);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path tmp = Files.createTempFile(parent, ".seqlab", ".tmp");
        try (OutputStream os = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(os)) {
            zip.putNextEntry(new ZipEntry("model.json"));
            zip.write(GSON.toJson(header).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("weights.bin"));
            DataOutputStream out = new DataOutputStream(zip);
            for (double w : model.parameters().toArray()) {
                out.writeFloat((float) w);
            }
            out.flush();
            zip.closeEntry();
        }
        // write-then-move, so a failed save never leaves half a file where a good one was
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    public static Loaded load(Path file) throws DataException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        byte[] json = null;
        byte[] weights = null;
        try (InputStream is = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(is)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (e.getName().equals("model.json")) {
                    json = zip.readAllBytes();
                } else if (e.getName().equals("weights.bin")) {
                    weights = zip.readAllBytes();
                }
            }
        } catch (NoSuchFileException e) {
            throw new DataException("no such file: " + file);
        } catch (ZipException e) {
            throw new DataException(name + " is not a SeqLab model file (not a zip archive)");
        } catch (IOException e) {
            throw new DataException("cannot read " + name + ": " + e.getMessage());
        }
        if (json == null || weights == null) {
            throw new DataException(name + " is not a SeqLab model file (it lacks model.json or weights.bin)");
        }
        Header h;
        try {
            h = GSON.fromJson(new String(json, StandardCharsets.UTF_8), Header.class);
        } catch (JsonParseException | IllegalArgumentException e) {
            throw new DataException(name + " has an unreadable model.json: " + e.getMessage());
        }
        if (h == null || !FORMAT.equals(h.format())) {
            throw new DataException(name + " is not a SeqLab model file");
        }
        if (h.version() > VERSION) {
            throw new DataException(name + " was written by a newer SeqLab (format " + h.version() + "); update SeqLab to open it");
        }
        if (h.config() == null || h.config().family() == null || h.vocabulary() == null) {
            throw new DataException(name + " has an incomplete model.json");
        }
        Vocabulary vocab = Vocabulary.ofSymbols(h.vocabulary());
        SequenceModel model;
        try {
            ModelConfig c = h.config();
            // the canonical constructor re-checks every size and fills defaults a file may lack
            model = Models.create(new ModelConfig(c.family(), c.embed(), c.hidden(), c.layers(), c.heads(), c.context(),
                    c.positional(), c.kernel(), c.dilated(), c.height(), c.width()), vocab.size(), 0);
        } catch (IllegalArgumentException e) {
            throw new DataException(name + " describes an impossible model: " + e.getMessage());
        }
        long expected = model.parameters().size();
        if (weights.length != expected * 4) {
            throw new DataException(String.format("%s holds %,d weights but a %s needs %,d; the file is damaged", name,
                    weights.length / 4, h.config().describe(), expected));
        }
        double[] w = new double[(int) expected];
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(weights))) {
            for (int i = 0; i < w.length; i++) {
                w[i] = in.readFloat();
            }
        } catch (IOException e) {
            throw new DataException(name + " is damaged: " + e.getMessage());
        }
        model.parameters().assign(w);
        return new Loaded(model, vocab, h);
    }
}
