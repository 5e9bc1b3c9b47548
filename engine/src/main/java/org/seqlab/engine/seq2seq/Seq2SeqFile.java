package org.seqlab.engine.seq2seq;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.seqlab.engine.data.tasks.Seq2SeqVocab;
import org.seqlab.engine.data.tasks.Task;
import org.seqlab.engine.io.AtomicFile;
import org.seqlab.engine.io.BoundedZip;
import org.seqlab.engine.io.DataException;
import org.seqlab.engine.io.Says;
import org.seqlab.engine.model.Parameters;
import org.seqlab.engine.model.build.ModelFile;
import org.seqlab.engine.model.build.ModelSize;
import org.seqlab.engine.model.seq2seq.Seq2SeqConfig;
import org.seqlab.engine.model.seq2seq.Seq2SeqModel;
import org.seqlab.engine.model.seq2seq.Seq2SeqModels;

/**
 * A trained encoder–decoder on disk: a zip of {@code seq2seq.json} (the task, the architecture, the data's seed, the
 * steps taken) and {@code weights.bin} (float32). The task's data are regenerated from the seed, so the file stays
 * small. Read as untrusted input: sizes are checked before memory is spent, and saving never loses the old file.
 */
public final class Seq2SeqFile {

    public static final String FORMAT = "seqlab-seq2seq";
    /**
     * 2: the Transformer's attentions keep their projections fused as the decoder-only Transformer's do (self-attention
     * one W_qkv, cross-attention W_q and W_kv); version 1's separate W_q, W_k, W_v are fused on loading.
     */
    public static final int VERSION = 2;
    private static final Says KIND = Says.of("kind.seq2seq");
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    /** What {@code seq2seq.json} holds. */
    public record Header(String format, int version, String task, Seq2SeqConfig config, long dataSeed, long parameters, int steps) {
    }

    /** A loaded model with its task. */
    public record Loaded(Seq2SeqModel model, Task task, Header header) {
    }

    private Seq2SeqFile() {
    }

    public static void save(Path file, Seq2SeqRun run) throws IOException {
        Seq2SeqModel m = run.model();
        Header h = new Header(FORMAT, VERSION, run.task().id(), m.config(), run.data().seed(), m.parameters().size(), run.step());
        float[] weights = m.parameters().flat().toFloatVector();
        AtomicFile.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry("seq2seq.json"));
            zip.write(GSON.toJson(h).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("weights.bin"));
            ModelFile.writeFloats(zip, weights);
            zip.closeEntry();
            zip.finish();
        });
    }

    /** Whether a file is an encoder–decoder (rather than a language model); false for anything unreadable. */
    public static boolean holdsOne(Path file) {
        try (BoundedZip zip = BoundedZip.open(file, KIND)) {
            return zip.has("seq2seq.json");
        } catch (DataException e) {
            return false;
        }
    }

    public static Loaded load(Path file) throws DataException {
        try (BoundedZip zip = BoundedZip.open(file, KIND)) {
            String name = zip.name();
            if (!zip.has("seq2seq.json")) {
                throw DataException.says("common.isNot", name, KIND);
            }
            Header h;
            try {
                h = GSON.fromJson(new String(zip.read("seq2seq.json", 1 << 16, "its description"), StandardCharsets.UTF_8), Header.class);
            } catch (JsonParseException e) {
                throw DataException.says("seq2seq.hasUnreadableSeqSeq", name, ModelFile.rootMessage(e));
            } catch (RuntimeException e) {
                throw DataException.says("common.describesImpossibleModel", name, ModelFile.rootMessage(e));
            }
            if (h == null || !FORMAT.equals(h.format()) || h.config() == null || h.task() == null) {
                throw DataException.says("seq2seq.hasIncompleteSeqSeq", name);
            }
            if (h.version() > VERSION) {
                throw DataException.says("common.wasWrittenByNewer", name, h.version());
            }
            Task task;
            try {
                task = Task.parse(h.task());
            } catch (IllegalArgumentException e) {
                throw DataException.says("common.wrap", name, e);
            }
            Seq2SeqConfig c = h.config();
            long expected = Seq2SeqSize.parameters(c, Seq2SeqVocab.of(task).size());
            ModelSize.checkLoadable(name + " (" + c.describe() + ")", expected);
            byte[] bytes = zip.read("weights.bin", expected * Float.BYTES, "its weights");
            if (bytes.length != expected * Float.BYTES) {
                throw DataException.says("seq2seq.holdsWeightsButNeeds", name, bytes.length / Float.BYTES, c.describe(), expected);
            }
            double[] w = ModelFile.finite(ModelFile.decodeFloats(bytes), name, "weights");
            Seq2SeqModel model = Seq2SeqModels.create(c, Seq2SeqVocab.of(task).size(), DataType.FLOAT, 0);
            model.parameters().assign(h.version() < 2 ? fusedFromVersion1(w, model.parameters()) : w);
            return new Loaded(model, task, h);
        }
    }

    /**
     * Version 1 wrote each attention's W_q, b_q, W_k, b_k, W_v, b_v as maps of their own; {@code now} holds W_qkv
     * [D, 3D] and b_qkv where they stood (W_q and then W_kv [D, 2D] for cross-attention), every other tensor unmoved.
     * Row r of a fused W is row r of each part side by side.
     */
    static double[] fusedFromVersion1(double[] old, Parameters now) {
        double[] out = new double[old.length];
        List<Parameters.Tensor> tensors = now.tensors();
        int from = 0;
        for (int i = 0; i < tensors.size(); i++) {
            Parameters.Tensor t = tensors.get(i);
            boolean qkv = t.name().endsWith(".qkv.W");
            if (!qkv && !t.name().endsWith(".kv.W")) {
                System.arraycopy(old, from, out, (int) t.offset(), (int) t.length());
                from += (int) t.length();
                continue;
            }
            int parts = qkv ? 3 : 2;
            int rows = (int) t.shape()[0];
            int fused = (int) t.shape()[1];
            int width = fused / parts;
            Parameters.Tensor bias = tensors.get(++i);
            for (int p = 0; p < parts; p++) {
                int part = from + p * (rows * width + width);            // W_p [rows, width], then b_p [width]
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(old, part + r * width, out, (int) t.offset() + r * fused + p * width, width);
                }
                System.arraycopy(old, part + rows * width, out, (int) bias.offset() + p * width, width);
            }
            from += parts * (rows * width + width);
        }
        return out;
    }
}
