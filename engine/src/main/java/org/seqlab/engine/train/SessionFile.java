package org.seqlab.engine.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.seqlab.engine.data.DataSource;
import org.seqlab.engine.data.catalog.SavedData;
import org.seqlab.engine.io.AtomicFile;
import org.seqlab.engine.io.BoundedZip;
import org.seqlab.engine.io.DataException;
import org.seqlab.engine.io.Says;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.build.ModelFile;
import org.seqlab.engine.model.build.ModelSize;

/**
 * A whole lab session on disk, to reopen and train on: which data, the batch settings and seed, and for every run
 * its configuration, weights, Adam's moments, step count and loss history. One zip: {@code run.json}, per run
 * {@code <id>.weights} and {@code <id>.adam} (float32, big-endian), and the user's own text when it was trained on
 * one ({@link SavedData}): the file is self-contained and opening it never reads a path named inside it. Reopened,
 * training continues exactly as if it had never stopped: same weights, same optimiser state, same next batches.
 *
 * <p>Opening trusts nothing: every entry is read with a cap, each run's weight count is computed from its
 * configuration before anything is allocated and must match the bytes present, and every value must be finite.
 */
public final class SessionFile {

    public static final String FORMAT = "seqlab-run";
    /** 2: the user's text travels inside the file. */
    public static final int VERSION = 2;
    /** run.json holds the loss histories: about 60 bytes a step and a model. */
    static final long MAX_HEADER_BYTES = 64L << 20;
    private static final Says KIND = Says.of("kind.run");
    /** Reopening winds the batch order forward to the saved step: about 2 s per 100,000 steps. */
    static final int MAX_STEPS = 1_000_000;
    /** The file name extension the app offers. */
    public static final String EXTENSION = ".seqrun";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    record History(int[] steps, float[] seconds, float[] values) {
        static History of(Series s) {
            return new History(s.steps(), s.secondsArray(), s.values());
        }

        Series series() {
            return steps == null ? Series.EMPTY : Series.of(steps, seconds, values);
        }
    }

    /** @param gradNorms, updateRatios what the tutor reads (absent from files saved before it) */
    record RunState(String id, RunConfig config, int steps, double computeSeconds, ModelRun.Status status, String message, History train,
            History validation, History gradNorms, History updateRatios) {
    }

    /** What {@code run.json} holds. */
    record Header(String format, int version, String data, TrainConfig train, int step, List<RunState> runs, List<Integer> checkpoints) {
    }

    /** A session read back, and the name of its data (a built-in name, or the name of the text it carries). */
    public record Loaded(TrainingSession session, String dataSpec) {
    }

    private SessionFile() {
    }

    /** Writes the session (confined to the engine thread, as every session is), atomically. */
    public static void save(Path file, TrainingSession session) throws IOException {
        List<RunState> runs = new ArrayList<>();
        List<float[]> weights = new ArrayList<>();
        List<float[]> adam = new ArrayList<>();
        for (int i = 0; i < session.runs().size(); i++) {
            ModelRun r = session.runs().get(i);
            runs.add(new RunState(r.id(), r.config(), r.steps(), r.computeSeconds(), r.status(), r.message(), History.of(r.trainBits()),
                    History.of(r.validationBits()), History.of(r.gradNorms()), History.of(r.updateRatios())));
            // the live weights, even while the views show a checkpoint
            weights.add(session.checkpoints().liveWeights(i, session.runs()));
            adam.add(r.optimizer().state().toFloatVector());
        }
        var checkpoints = session.checkpoints().forSaving();
        Header h = new Header(FORMAT, VERSION, session.data().name(), session.config(), session.stepsTaken(), runs,
                checkpoints.stream().map(Map.Entry::getKey).toList());
        AtomicFile.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry("run.json"));
            zip.write(GSON.toJson(h).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            for (int i = 0; i < runs.size(); i++) {
                zip.putNextEntry(new ZipEntry(runs.get(i).id() + ".weights"));
                ModelFile.writeFloats(zip, weights.get(i));
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry(runs.get(i).id() + ".adam"));
                ModelFile.writeFloats(zip, adam.get(i));
                zip.closeEntry();
            }
            for (var c : checkpoints) {
                for (int i = 0; i < runs.size(); i++) {
                    zip.putNextEntry(new ZipEntry(checkpointEntry(c.getKey(), runs.get(i).id())));
                    ModelFile.writeFloats(zip, c.getValue()[i]);
                    zip.closeEntry();
                }
            }
            SavedData.write(zip, session.data());
            zip.finish();
        });
    }

    /** Reads a saved session and its data; every problem is a {@link DataException} naming it. */
    public static Loaded load(Path file) throws DataException {
        try (BoundedZip zip = BoundedZip.open(file, KIND)) {
            String name = zip.name();
            Header h = parse(zip.read("run.json", MAX_HEADER_BYTES, "its description (run.json)"), name);
            DataSource data = SavedData.open(h.data(), SavedData.readText(zip, h.data()), name);
            int vocab = data.vocabulary().size();
            // sizes first: what the weights must hold, and whether the models fit, before a byte of them is read
            List<double[]> weights = new ArrayList<>();
            List<double[]> adam = new ArrayList<>();
            for (RunState st : h.runs()) {
                ModelConfig c = st.config().model();
                long expected = ModelSize.parameters(c, vocab);
                String what = "model " + st.id() + " (" + c.describe() + ")";
                ModelSize.checkLoadable(name + "'s " + what, expected);
                weights.add(ModelFile.readFloats(zip, st.id() + ".weights", expected, name, what, "weights"));
                adam.add(ModelFile.readFloats(zip, st.id() + ".adam", 2 * expected, name, what, "optimiser values"));
            }
            TrainingSession session;
            try {
                List<RunConfig> configs = h.runs().stream().map(RunState::config).toList();
                session = TrainingSession.resumed(data, h.train(), configs, h.step());
            } catch (IllegalArgumentException e) {
                throw DataException.says("run.cannotBeReopened", name, e);
            }
            for (int i = 0; i < h.runs().size(); i++) {
                RunState st = h.runs().get(i);
                try {
                    session.runs().get(i).restore(weights.get(i), adam.get(i), st.steps(), st.computeSeconds(),
                            st.train() == null ? Series.EMPTY : st.train().series(),
                            st.validation() == null ? Series.EMPTY : st.validation().series(),
                            st.status() == null ? ModelRun.Status.OK : st.status(), st.message());
                    session.runs().get(i).restoreHealth(st.gradNorms() == null ? Series.EMPTY : st.gradNorms().series(),
                            st.updateRatios() == null ? Series.EMPTY : st.updateRatios().series());
                } catch (IllegalArgumentException | NullPointerException e) {
                    // a history whose steps, seconds and values do not line up: the file was changed, not written by SeqLab
                    throw DataException.says("run.isDamagedModelLoss", name, st.id());
                }
            }
            readCheckpoints(zip, h, session, name);
            return new Loaded(session, h.data());
        }
    }

    private static String checkpointEntry(int step, String id) {
        return "checkpoints/" + step + "/" + id + ".weights";
    }

    /** The checkpoints a run was saved with (none in files from before they existed), sizes checked before reading. */
    private static void readCheckpoints(BoundedZip zip, Header h, TrainingSession session, String name) throws DataException {
        List<Integer> steps = h.checkpoints() == null ? List.of() : h.checkpoints();
        long perCheckpoint = 0;
        for (ModelRun r : session.runs()) {
            perCheckpoint += r.model().parameters().size() * Float.BYTES;
        }
        if (steps.size() > Checkpoints.MAX_SAVED || steps.size() * perCheckpoint > Checkpoints.BUDGET_BYTES
                || steps.stream().anyMatch(s -> s == null || s < 0 || s > h.step()) || steps.stream().distinct().count() != steps.size()) {
            throw DataException.says("run.listsCheckpointsSeqlabCannot", name, Checkpoints.MAX_SAVED, Checkpoints.BUDGET_BYTES >> 20);
        }
        for (int step : steps) {
            float[][] w = new float[session.runs().size()][];
            for (int i = 0; i < w.length; i++) {
                ModelRun r = session.runs().get(i);
                double[] values = ModelFile.readFloats(zip, checkpointEntry(step, r.id()), r.model().parameters().size(), name,
                        "model " + r.id() + " at step " + step, "checkpoint weights");
                w[i] = new float[values.length];
                for (int k = 0; k < values.length; k++) {
                    w[i][k] = (float) values[k];
                }
            }
            session.checkpoints().put(step, w);
        }
    }

    private static Header parse(byte[] json, String name) throws DataException {
        Header h;
        try {
            h = GSON.fromJson(new String(json, StandardCharsets.UTF_8), Header.class);
        } catch (JsonParseException e) {
            throw DataException.says("run.hasUnreadableRunJson", name, ModelFile.rootMessage(e).lines().findFirst().orElse(""));
        } catch (RuntimeException e) {
            // Gson builds records through their constructors, whose checks (a size out of range) arrive wrapped
            throw DataException.says("run.describesSettingsSeqlabCannot", name, ModelFile.rootMessage(e));
        }
        if (h == null || !FORMAT.equals(h.format())) {
            throw DataException.says("common.isNot", name, KIND);
        }
        if (h.version() > VERSION) {
            throw DataException.says("common.wasWrittenByNewer", name, h.version());
        }
        if (h.runs() == null || h.runs().isEmpty() || h.train() == null || h.data() == null) {
            throw DataException.says("run.hasIncompleteRunJson", name);
        }
        if (h.runs().size() > TrainingSession.MAX_RUNS) {
            throw DataException.says("run.holdsModelsSessionTrains", name, h.runs().size(), TrainingSession.MAX_RUNS);
        }
        for (RunState st : h.runs()) {
            if (st == null || st.id() == null || !st.id().matches("[A-D]") || st.config() == null || st.config().model() == null) {
                throw DataException.says("run.hasIncompleteRunJson2", name);
            }
        }
        if (h.step() < 0 || h.runs().stream().anyMatch(st -> st.steps() < 0 || st.steps() > h.step())) {
            throw DataException.says("run.hasImpossibleStepCounts", name);
        }
        if (h.step() > MAX_STEPS) {
            // reopening replays the batch order up to the saved step
            throw DataException.says("run.wasSavedAfterSteps", name, h.step(), MAX_STEPS);
        }
        return h;
    }
}
