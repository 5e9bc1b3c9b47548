package org.seqlab.engine.seq2seq;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.seqlab.engine.data.tasks.Seq2SeqVocab;
import org.seqlab.engine.data.tasks.Task;
import org.seqlab.engine.io.AtomicFile;
import org.seqlab.engine.io.BoundedZip;
import org.seqlab.engine.io.DataException;
import org.seqlab.engine.io.Says;
import org.seqlab.engine.model.build.ModelFile;
import org.seqlab.engine.model.build.ModelSize;
import org.seqlab.engine.model.seq2seq.Seq2SeqConfig;

/**
 * The encoder–decoder lab's whole experiment on disk, to reopen and train on, as {@code .seqrun} is the lab's: the
 * task, the one to three encoder–decoders with their settings, the seed and batch, and per model its weights and
 * Adam's moments, with the loss curve and the source being inspected. One zip: {@code experiment.json} and per model
 * {@code A.weights}, {@code A.adam} (float32). The task's data is generated again from the seed, so nothing else
 * travels. Reopened, training goes on exactly as if it had never stopped: same weights, same optimiser state, same
 * next batches.
 *
 * <p>Opening trusts nothing: every entry is read with a cap, each model's weight count is computed from its
 * settings before anything is allocated and must match the bytes present, and every value must be finite.
 */
public final class ExperimentFile {

    public static final String FORMAT = "seqlab-seq2seq-experiment";
    public static final int VERSION = 1;
    /** The file name extension the window offers. */
    public static final String EXTENSION = ".seq2seqrun";
    private static final Says KIND = Says.of("kind.experiment");
    /** experiment.json holds the loss curve: a point every 5 steps, about 30 bytes a model. */
    static final long MAX_HEADER_BYTES = 16L << 20;
    /** Reopening winds each model's batch order forward to the saved step. */
    static final int MAX_STEPS = 1_000_000;
    private static final Gson GSON = new GsonBuilder().create();

    /** What {@code experiment.json} holds. */
    record Header(String format, int version, String task, List<Seq2SeqConfig> models, int batch, long seed, double learningRate,
            int plannedSteps, int step, double[] recentBits, int[] lossSteps, List<double[]> lossBits, String inspect) {
    }

    /** An experiment read back, with its loss curve and the source it was inspecting. */
    public record Loaded(Seq2SeqExperiment experiment, int[] lossSteps, List<double[]> lossBits, String inspect) {
    }

    private ExperimentFile() {
    }

    /** Writes the experiment (on the thread that owns it), atomically: a failed save leaves the old file as it was. */
    public static void save(Path file, Seq2SeqExperiment experiment, int[] lossSteps, List<double[]> lossBits, String inspect)
            throws IOException {
        Seq2SeqExperiment.Spec spec = experiment.spec();
        Header h = new Header(FORMAT, VERSION, spec.task().id(), spec.models(), spec.batch(), spec.seed(), spec.learningRate(),
                spec.steps(), experiment.step(), experiment.recentTrainBits(), lossSteps, lossBits, inspect);
        List<float[]> weights = new ArrayList<>();
        List<float[]> adam = new ArrayList<>();
        for (Seq2SeqRun r : experiment.runs()) {
            weights.add(r.model().parameters().flat().toFloatVector());
            adam.add(r.optimizerState().toFloatVector());
        }
        AtomicFile.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry("experiment.json"));
            zip.write(GSON.toJson(h).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            for (int i = 0; i < weights.size(); i++) {
                zip.putNextEntry(new ZipEntry(Seq2SeqExperiment.id(i) + ".weights"));
                ModelFile.writeFloats(zip, weights.get(i));
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry(Seq2SeqExperiment.id(i) + ".adam"));
                ModelFile.writeFloats(zip, adam.get(i));
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    /** Whether a file holds an experiment (rather than one model or a language model's run); false for anything unreadable. */
    public static boolean holdsOne(Path file) {
        try (BoundedZip zip = BoundedZip.open(file, KIND)) {
            return zip.has("experiment.json");
        } catch (DataException e) {
            return false;
        }
    }

    /** Reads an experiment back and builds its models (on the thread that will own them). */
    public static Loaded load(Path file) throws DataException {
        try (BoundedZip zip = BoundedZip.open(file, KIND)) {
            String name = zip.name();
            if (!zip.has("experiment.json")) {
                throw Seq2SeqFile.holdsOne(file) ? DataException.says("experiment.notOne", name, KIND) : DataException.says("common.isNot", name, KIND);
            }
            Header h;
            try {
                h = GSON.fromJson(new String(zip.read("experiment.json", MAX_HEADER_BYTES, "its description"), StandardCharsets.UTF_8),
                        Header.class);
            } catch (JsonParseException e) {
                throw DataException.says("experiment.hasUnreadableExperimentJson", name, ModelFile.rootMessage(e));
            }
            if (h == null || !FORMAT.equals(h.format()) || h.task() == null || h.models() == null || h.recentBits() == null
                    || h.lossSteps() == null || h.lossBits() == null) {
                throw DataException.says("experiment.hasIncompleteExperimentJson", name);
            }
            if (h.version() > VERSION) {
                throw DataException.says("common.wasWrittenByNewer", name, h.version());
            }
            Seq2SeqExperiment.Spec spec;
            try {
                Task task = Task.parse(h.task());
                spec = new Seq2SeqExperiment.Spec(task, h.models(), h.batch(), h.seed(), h.learningRate(), h.plannedSteps());
            } catch (RuntimeException e) {
                throw DataException.says("experiment.describesExperimentSeqlabCannot", name, ModelFile.rootMessage(e));
            }
            checkHistory(name, h, spec.models().size());
            int vocab = Seq2SeqVocab.of(spec.task()).size();
            List<double[]> weights = new ArrayList<>();
            List<double[]> adam = new ArrayList<>();
            for (int i = 0; i < spec.models().size(); i++) {
                Seq2SeqConfig c = spec.models().get(i);
                long expected = Seq2SeqSize.parameters(c, vocab);
                String id = Seq2SeqExperiment.id(i);
                ModelSize.checkLoadable(name + " (model " + id + ", " + c.describe() + ")", 3 * expected);
                String what = "model " + id + " (" + c.describe() + ")";
                weights.add(ModelFile.readFloats(zip, id + ".weights", expected, name, what, "weights"));
                adam.add(ModelFile.readFloats(zip, id + ".adam", 2 * expected, name, what, "optimiser values"));
            }
            Seq2SeqExperiment experiment = new Seq2SeqExperiment(spec);
            try {
                experiment.restore(weights, adam, h.step(), h.recentBits());
            } catch (IllegalArgumentException e) {
                throw DataException.says("common.wrap", name, e);
            }
            return new Loaded(experiment, h.lossSteps(), List.copyOf(h.lossBits()), h.inspect() == null ? "" : h.inspect());
        }
    }

    private static void checkHistory(String name, Header h, int models) throws DataException {
        if (h.step() < 0 || h.step() > MAX_STEPS) {
            throw DataException.says("experiment.claimsStepsSeqlabReopens", name, h.step(), MAX_STEPS);
        }
        if (h.recentBits().length != models || h.lossSteps().length != h.lossBits().size()
                || h.lossBits().stream().anyMatch(row -> row == null || row.length != models)) {
            throw DataException.says(models == 1 ? "experiment.curve.one" : "experiment.curve", name, models);
        }
        for (int s : h.lossSteps()) {
            if (s < 0 || s > h.step()) {
                throw DataException.says("experiment.lossCurveHasStep", name, s, h.step());
            }
        }
        ModelFile.finite(h.recentBits(), name, "training losses");
        for (double[] row : h.lossBits()) {
            ModelFile.finite(row, name, "training losses");
        }
    }
}
