package org.seqlab.engine.model.build;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.seqlab.engine.data.DataSource;
import org.seqlab.engine.data.Vocabulary;
import org.seqlab.engine.data.catalog.DataSources;
import org.seqlab.engine.data.catalog.SavedData;
import org.seqlab.engine.io.AtomicFile;
import org.seqlab.engine.io.BoundedZip;
import org.seqlab.engine.io.DataException;
import org.seqlab.engine.io.Says;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.SequenceModel;

/**
 * A trained model on disk: a zip holding {@code model.json} (what the model is: family, sizes, vocabulary,
 * where it was trained), {@code weights.bin} (the flat weight array, float32, big-endian) and, when it was trained
 * on the user's own text, that text ({@link SavedData}). Enough for {@code score} and {@code sample} to rebuild
 * the exact model; nothing outside the file is ever read.
 *
 * <p>Loading trusts nothing: the header is read with a cap, the weight count it implies is computed without
 * allocating ({@link ModelSize}) and must match the bytes present, the model must fit this machine's memory, and
 * every weight must be finite.
 */
public final class ModelFile {

    public static final String FORMAT = "seqlab-model";
    /** 2: the user's text travels inside the file. */
    public static final int VERSION = 2;
    /** A header is a few hundred bytes plus the vocabulary (at most 1,000 symbols). */
    static final long MAX_HEADER_BYTES = 1 << 20;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();
    private static final Says KIND = Says.of("kind.model");

    /** What {@code model.json} holds. */
    public record Header(String format, int version, ModelConfig config, String vocabulary, long parameters, String data,
            String prompt, int steps) {
    }

    /**
     * A model read back from disk.
     *
     * @param text the user's text it was trained on, as carried in the file (null for built-in data)
     */
    public record Loaded(SequenceModel model, Vocabulary vocabulary, Header header, byte[] text) {

        /** The data it was trained on: built-in by name, or the text it carries. */
        public DataSource data() throws DataException {
            return SavedData.open(header.data(), text, "the model");
        }
    }

    private ModelFile() {
    }

    /**
     * @param data   the data it was trained on (its vocabulary is the model's; the user's own text goes into the file)
     * @param prompt a sensible default prompt for sampling
     * @param steps  training steps taken
     */
    public static void save(Path file, SequenceModel model, DataSource data, String prompt, int steps) throws IOException {
        Vocabulary vocab = data.vocabulary();
        Header header = new Header(FORMAT, VERSION, model.spec().config(), vocab.symbols(), model.parameters().size(), data.name(),
                prompt, steps);
        float[] weights = model.parameters().flat().toFloatVector();
        AtomicFile.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry("model.json"));
            zip.write(GSON.toJson(header).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("weights.bin"));
            writeFloats(zip, weights);
            zip.closeEntry();
            SavedData.write(zip, data);
            zip.finish();
        });
    }

    public static Loaded load(Path file) throws DataException {
        try (BoundedZip zip = BoundedZip.open(file, KIND)) {
            String name = zip.name();
            Header h = parse(zip.read("model.json", MAX_HEADER_BYTES, "its description (model.json)"), name);
            Vocabulary vocab;
            try {
                vocab = Vocabulary.ofSymbols(h.vocabulary());
            } catch (IllegalArgumentException e) {
                throw DataException.says("model.hasUnusableVocabulary", name, e);
            }
            if (DataSources.tokenised(h.data())) {
                // byte-pair tokens are learned again from the built-in text (the same merges every time), on its characters
                DataSource d = SavedData.open(h.data(), null, name);
                if (!d.vocabulary().symbols().equals(vocab.symbols())) {
                    throw DataException.says("model.wasTrainedOnBut", name, h.data());
                }
                vocab = d.vocabulary();
            }
            ModelConfig c = h.config();
            long expected = ModelSize.parameters(c, vocab.size());
            long declared = zip.declaredSize("weights.bin");
            if (declared >= 0 && declared != expected * Float.BYTES) {
                throw weightCount(name, declared / Float.BYTES, c, expected);
            }
            ModelSize.checkLoadable(name + " (" + c.describe() + ", " + String.format("%,d", expected) + " weights)", expected);
            byte[] bytes = zip.read("weights.bin", expected * Float.BYTES, "its weights");
            if (bytes.length != expected * Float.BYTES) {
                throw weightCount(name, bytes.length / Float.BYTES, c, expected);
            }
            double[] w = finite(decodeFloats(bytes), name, "weights");
            byte[] text = SavedData.readText(zip, h.data());
            SequenceModel model;
            try {
                model = Models.create(c, vocab.size(), 0);
            } catch (IllegalArgumentException e) {
                throw DataException.says("common.describesImpossibleModel", name, e);
            }
            model.parameters().assign(w);
            return new Loaded(model, vocab, h, text);
        }
    }

    private static Header parse(byte[] json, String name) throws DataException {
        Header h;
        try {
            h = GSON.fromJson(new String(json, StandardCharsets.UTF_8), Header.class);
        } catch (JsonParseException e) {
            throw DataException.says("model.hasUnreadableModelJson", name, firstLine(e));
        } catch (RuntimeException e) {
            // Gson builds records through their constructors, whose checks (a size out of range) arrive wrapped
            throw DataException.says("common.describesImpossibleModel", name, rootMessage(e));
        }
        if (h == null || !FORMAT.equals(h.format())) {
            throw DataException.says("common.isNot", name, KIND);
        }
        if (h.version() > VERSION) {
            throw DataException.says("common.wasWrittenByNewer", name, h.version());
        }
        if (h.config() == null || h.vocabulary() == null || h.data() == null) {
            throw DataException.says("model.hasIncompleteModelJson", name);
        }
        return h;
    }

    private static DataException weightCount(String name, long present, ModelConfig c, long expected) {
        return DataException.says("model.weightCount", name, present, Family.withArticle(c.describe()), expected);
    }

    /** Refuses NaN and infinite values: "m.seqlab has 759 weights that are not finite". */
    public static double[] finite(double[] values, String name, String what) throws DataException {
        long bad = 0;
        for (double v : values) {
            if (!Double.isFinite(v)) {
                bad++;
            }
        }
        if (bad > 0) {
            throw bad == 1 ? DataException.says("model.notFinite.one", name, what.replaceAll("s$", "")) : DataException.says("model.notFinite", name, bad, what);
        }
        return values;
    }

    /**
     * A zip entry of exactly {@code expected} float32 values, read only up to that size (its declared size checked
     * first) and every value finite: a saved run's or experiment's weights and optimiser state.
     *
     * @param name   the file, for messages
     * @param what   whose values, for messages ("A · LSTM 1×64")
     * @param values what they are, for messages ("weights", "optimiser values")
     */
    public static double[] readFloats(BoundedZip zip, String entry, long expected, String name, String what, String values)
            throws DataException {
        long declared = zip.declaredSize(entry);
        if (declared >= 0 && declared != expected * Float.BYTES) {
            throw DataException.says("model.isDamagedNeedsBut", name, what, expected, values, declared / Float.BYTES);
        }
        byte[] bytes = zip.read(entry, expected * Float.BYTES, what + "'s " + values);
        if (bytes.length != expected * Float.BYTES) {
            throw DataException.says("model.isDamagedNeedsBut", name, what, expected, values, bytes.length / Float.BYTES);
        }
        return finite(decodeFloats(bytes), name + "'s " + what, values);
    }

    /** float32 big-endian, as {@link #writeFloats} writes them. */
    public static double[] decodeFloats(byte[] bytes) {
        double[] v = new double[bytes.length / Float.BYTES];
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            for (int i = 0; i < v.length; i++) {
                v[i] = in.readFloat();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);   // reading a byte array of the right length cannot fail
        }
        return v;
    }

    public static void writeFloats(OutputStream os, float[] v) throws IOException {
        DataOutputStream out = new DataOutputStream(os);
        for (float x : v) {
            out.writeFloat(x);
        }
        out.flush();
    }

    /** The message of the innermost cause: a record constructor's "hidden size must be between 1 and 4096, not -3". */
    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        if (t.getMessage() == null) {
            return t.getClass().getSimpleName();
        }
        // Gson ends its messages with a link to its troubleshooting guide: not for a learner, and nothing SeqLab opens
        return t.getMessage().replaceAll("\\s*See https?://\\S+", "").strip();
    }

    private static String firstLine(Throwable e) {
        String m = rootMessage(e);
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
