package org.seqlab.engine.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.seqlab.engine.data.DataException;
import org.seqlab.engine.data.DataSource;
import org.seqlab.engine.data.DataSources;

/**
 * A whole lab session on disk, to reopen and train on: which data, the batch settings and seed, and for every run
 * its configuration, weights, Adam's moments, step count and loss history. One zip: {@code run.json} and, per run,
 * {@code <id>.weights} and {@code <id>.adam} (float32, big-endian). Reopened, training continues exactly as if it
 * had never stopped: same weights, same optimiser state, same next batches.
 */
public final class SessionFile {

    public static final String FORMAT = "seqlab-run";
    public static final int VERSION = 1;
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

    record RunState(String id, RunConfig config, int steps, double computeSeconds, ModelRun.Status status, String message, History train,
            History validation) {
    }

    /** What {@code run.json} holds. */
    record Header(String format, int version, String data, TrainConfig train, int step, List<RunState> runs) {
    }

    /** A session read back, and the data it names. */
    public record Loaded(TrainingSession session, String dataSpec) {
    }

    private SessionFile() {
    }

    /**
     * Writes the session (confined to the engine thread, as every session is).
     *
     * @param dataSpec how to open the data again: a built-in name or a file's path
     */
    public static void save(Path file, TrainingSession session, String dataSpec) throws IOException {
        List<RunState> runs = new ArrayList<>();
        for (ModelRun r : session.runs()) {
            runs.add(new RunState(r.id(), r.config(), r.steps(), r.computeSeconds(), r.status(), r.message(), History.of(r.trainBits()),
                    History.of(r.validationBits())));
        }
        Header h = new Header(FORMAT, VERSION, dataSpec, session.config(), session.stepsTaken(), runs);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path tmp = Files.createTempFile(parent, ".seqrun", ".tmp");
        try (OutputStream os = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(os)) {
            zip.putNextEntry(new ZipEntry("run.json"));
            zip.write(GSON.toJson(h).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            for (ModelRun r : session.runs()) {
                zip.putNextEntry(new ZipEntry(r.id() + ".weights"));
                writeFloats(zip, r.model().parameters().flat().toFloatVector());
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry(r.id() + ".adam"));
                writeFloats(zip, r.optimizer().state().toFloatVector());
                zip.closeEntry();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        // write-then-move: a failed save never leaves half a file where a good one was
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void writeFloats(OutputStream os, float[] v) throws IOException {
        DataOutputStream out = new DataOutputStream(os);
        for (float x : v) {
            out.writeFloat(x);
        }
        out.flush();
    }

    /** Reads a saved session and opens its data; every problem is a {@link DataException} naming it. */
    public static Loaded load(Path file) throws DataException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        Map<String, byte[]> entries = new HashMap<>();
        try (InputStream is = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(is)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        } catch (NoSuchFileException e) {
            throw new DataException("no such file: " + file);
        } catch (ZipException e) {
            throw new DataException(name + " is not a saved SeqLab run (not a zip archive)");
        } catch (IOException e) {
            throw new DataException("cannot read " + name + ": " + e.getMessage());
        }
        byte[] json = entries.get("run.json");
        if (json == null) {
            throw new DataException(name + " is not a saved SeqLab run (it lacks run.json)");
        }
        Header h;
        try {
            h = GSON.fromJson(new String(json, StandardCharsets.UTF_8), Header.class);
        } catch (JsonParseException | IllegalArgumentException e) {
            throw new DataException(name + " has an unreadable run.json: " + e.getMessage());
        }
        if (h == null || !FORMAT.equals(h.format())) {
            throw new DataException(name + " is not a saved SeqLab run");
        }
        if (h.version() > VERSION) {
            throw new DataException(name + " was written by a newer SeqLab (format " + h.version() + "); update SeqLab to open it");
        }
        if (h.runs() == null || h.runs().isEmpty() || h.train() == null || h.data() == null) {
            throw new DataException(name + " has an incomplete run.json");
        }
        DataSource data;
        try {
            data = DataSources.open(h.data());
        } catch (DataException e) {
            throw new DataException(name + " was trained on " + h.data() + ", which cannot be opened now: " + e.getMessage());
        }
        TrainingSession session;
        try {
            List<RunConfig> configs = h.runs().stream().map(RunState::config).toList();
            // the records' canonical constructors check every value again
            TrainConfig t = h.train();
            session = TrainingSession.resumed(data, new TrainConfig(t.batch(), t.steps(), t.seed(), t.evalEvery(), t.evalBatches()),
                    configs.stream().map(c -> new RunConfig(c.model(), c.optimizer(), c.scheduled())).toList(), h.step());
            for (int i = 0; i < h.runs().size(); i++) {
                RunState st = h.runs().get(i);
                ModelRun run = session.runs().get(i);
                float[] w = floats(entries.get(st.id() + ".weights"), name, st.id());
                float[] adam = floats(entries.get(st.id() + ".adam"), name, st.id());
                run.restore(w, adam, st.steps(), st.computeSeconds(), st.train() == null ? Series.EMPTY : st.train().series(),
                        st.validation() == null ? Series.EMPTY : st.validation().series(),
                        st.status() == null ? ModelRun.Status.OK : st.status(), st.message());
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new DataException(name + " cannot be reopened: " + e.getMessage());
        }
        return new Loaded(session, h.data());
    }

    private static float[] floats(byte[] bytes, String name, String id) throws DataException {
        if (bytes == null || bytes.length % 4 != 0) {
            throw new DataException(name + " is damaged: model " + id + "'s arrays are missing or cut short");
        }
        float[] v = new float[bytes.length / 4];
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            for (int i = 0; i < v.length; i++) {
                v[i] = in.readFloat();
            }
        } catch (IOException e) {
            throw new DataException(name + " is damaged: " + e.getMessage());
        }
        return v;
    }
}
