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
import org.seqlab.engine.data.tasks.PairBatch;
import org.seqlab.engine.data.tasks.Seq2SeqVocab;
import org.seqlab.engine.data.tasks.Task;
import org.seqlab.engine.io.AtomicFile;
import org.seqlab.engine.io.BoundedZip;
import org.seqlab.engine.io.DataException;
import org.seqlab.engine.model.Parameters;
import org.seqlab.engine.model.build.ModelFile;
import org.seqlab.engine.model.build.ModelSize;
import org.seqlab.engine.model.seq2seq.Attention;
import org.seqlab.engine.model.seq2seq.Seq2SeqConfig;
import org.seqlab.engine.model.seq2seq.Seq2SeqModel;
import org.seqlab.engine.model.seq2seq.TransformerSeq2Seq;

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
    private static final String KIND = "a SeqLab encoder–decoder file";
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
                throw new DataException(name + " is not " + KIND);
            }
            Header h;
            try {
                h = GSON.fromJson(new String(zip.read("seq2seq.json", 1 << 16, "its description"), StandardCharsets.UTF_8), Header.class);
            } catch (JsonParseException e) {
                throw new DataException(name + " has an unreadable seq2seq.json: " + ModelFile.rootMessage(e));
            } catch (RuntimeException e) {
                throw new DataException(name + " describes an impossible model: " + ModelFile.rootMessage(e));
            }
            if (h == null || !FORMAT.equals(h.format()) || h.config() == null || h.task() == null) {
                throw new DataException(name + " has an incomplete seq2seq.json");
            }
            if (h.version() > VERSION) {
                throw new DataException(name + " was written by a newer SeqLab (format " + h.version() + "); update SeqLab to open it");
            }
            Task task;
            try {
                task = Task.parse(h.task());
            } catch (IllegalArgumentException e) {
                throw new DataException(name + ": " + e.getMessage());
            }
            Seq2SeqConfig c = h.config();
            long expected = parameters(c, Seq2SeqVocab.of(task).size());
            ModelSize.checkLoadable(name + " (" + c.describe() + ")", expected);
            byte[] bytes = zip.read("weights.bin", expected * Float.BYTES, "its weights");
            if (bytes.length != expected * Float.BYTES) {
                throw new DataException(String.format("%s holds %,d weights but a %s needs %,d; the file is damaged", name,
                        bytes.length / Float.BYTES, c.describe(), expected));
            }
            double[] w = ModelFile.finite(ModelFile.decodeFloats(bytes), name, "weights");
            Seq2SeqModel model = Seq2SeqModel.create(c, Seq2SeqVocab.of(task).size(), DataType.FLOAT, 0);
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

    /**
     * About how many bytes training this encoder–decoder on batches of {@code batch} pairs needs at the longest source
     * and output SeqLab reads ({@link PairBatch#MAX_SOURCE}, the task's longest output for it): weights, gradients and
     * Adam's moments, and the buffers the backward pass keeps per source and target position (as {@code ModelSize}
     * estimates them for the language models' layers).
     */
    public static long trainingBytes(Seq2SeqConfig c, Task task, int batch) {
        double h = c.hidden();
        double e = c.embed();
        int vocab = Seq2SeqVocab.of(task).size();
        int ts = PairBatch.MAX_SOURCE;
        int tt = Math.min(PairBatch.MAX_TARGET, task.maxOutput(ts)) + 1;
        int layers = TransformerSeq2Seq.LAYERS;
        int heads = TransformerSeq2Seq.HEADS;
        double cell = c.kind() == Seq2SeqConfig.Kind.LSTM ? 20 * h : 18 * h;
        double perSource = c.kind() == Seq2SeqConfig.Kind.TRANSFORMER ? layers * (120 * h + 8.0 * heads * ts) : cell + 2 * e;
        double perTarget = 4.0 * vocab + 2 * h + (c.kind() == Seq2SeqConfig.Kind.TRANSFORMER ? layers * (160 * h + 8.0 * heads * (tt + ts))
                : cell + 2 * e + (c.attends() ? 4.0 * ts + 6 * h : 0));
        double floats = 4.0 * parameters(c, vocab) + (double) batch * (ts * perSource + tt * perTarget);
        return ModelSize.OVERHEAD_BYTES + (long) Math.min(Long.MAX_VALUE / 2.0, floats * Float.BYTES);
    }

    /**
     * Refuses encoder–decoders that together would not fit in memory, as the language models are refused.
     *
     * @throws IllegalArgumentException "Three encoder–decoders (…) need about 61 GB of memory; this machine allows 5.8 GB …"
     */
    public static void checkFits(List<Seq2SeqConfig> models, Task task, int batch) {
        long bytes = 0;
        for (Seq2SeqConfig c : models) {
            bytes += trainingBytes(c, task, batch) - ModelSize.OVERHEAD_BYTES;
        }
        String what = models.size() == 1 ? "Training " + models.get(0).describe() + " on batches of " + batch
                : "Training " + models.size() + " encoder–decoders on batches of " + batch;
        ModelSize.checkFits(what, bytes + ModelSize.OVERHEAD_BYTES);
    }

    /** The exact weight count, known before anything is allocated. */
    public static long parameters(Seq2SeqConfig c, int vocab) {
        long h = c.hidden();
        if (c.kind() == Seq2SeqConfig.Kind.TRANSFORMER) {
            long attn = 4 * (h * h + h);
            long mlp = h * 4 * h + 4 * h + 4 * h * h + h;
            long ln = 2 * h;
            long enc = attn + mlp + 2 * ln;
            long dec = 2 * attn + mlp + 3 * ln;
            int layers = TransformerSeq2Seq.LAYERS;
            return 2L * vocab * h + layers * (enc + dec) + 2 * ln + h * vocab + vocab;
        }
        long e = c.embed();
        long gru = c.kind() == Seq2SeqConfig.Kind.LSTM ? e * 4 * h + h * 4 * h + 4 * h      // an LSTM cell: four gates
                : e * 3 * h + h * 3 * h + 3 * h + h;                                          // a GRU: three, and b_hn
        long n = 2 * vocab * e + 2 * gru + h * vocab + vocab;
        if (c.attends()) {
            n += 2 * h * h + h;                                   // combine [2H → H]
            n += c.score() == Attention.Score.ADDITIVE ? 2 * h * h + h : 0;
        }
        return n;
    }
}
