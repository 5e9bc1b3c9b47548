package org.seqlab.engine.seq2seq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.tasks.Task;
import org.seqlab.engine.io.DataException;
import org.seqlab.engine.model.seq2seq.Attention;
import org.seqlab.engine.model.seq2seq.Seq2SeqConfig;

/** The encoder–decoder lab's experiments saved and reopened: training goes on exactly, and a bad file loses nothing. */
class ExperimentFileTest {

    static final Seq2SeqExperiment.Spec SPEC = new Seq2SeqExperiment.Spec(Task.REVERSE,
            List.of(new Seq2SeqConfig(Seq2SeqConfig.Kind.ATTENTION, Attention.Score.DOT, 8, 16),
                    new Seq2SeqConfig(Seq2SeqConfig.Kind.TRANSFORMER, null, 8, 8)), 8, 5, 3e-3, 400);

    @BeforeAll
    static void start() {
        Engine.start();
    }

    @Test
    void aReopenedExperimentTrainsOnExactlyAsIfItHadNeverStopped(@TempDir Path dir) throws Exception {
        Seq2SeqExperiment original = new Seq2SeqExperiment(SPEC);
        for (int i = 0; i < 12; i++) {
            original.trainStep();
        }
        Path file = dir.resolve("reverse" + ExperimentFile.EXTENSION);
        ExperimentFile.save(file, original, new int[] {1, 5, 10}, List.of(new double[] {4, 4.1}, new double[] {3, 3.2}, new double[] {2, 2.5}),
                "abc");
        assertThat(ExperimentFile.holdsOne(file)).isTrue();
        ExperimentFile.Loaded loaded = ExperimentFile.load(file);
        Seq2SeqExperiment again = loaded.experiment();
        assertThat(again.step()).isEqualTo(12);
        assertThat(again.spec()).isEqualTo(SPEC);
        assertThat(loaded.lossSteps()).containsExactly(1, 5, 10);
        assertThat(loaded.lossBits().get(2)).containsExactly(2, 2.5);
        assertThat(loaded.inspect()).isEqualTo("abc");
        assertThat(again.recentTrainBits()).containsExactly(original.recentTrainBits());
        for (int i = 0; i < 8; i++) {
            assertThat(again.trainStep()).as("step %d: same batch, weights and Adam moments", 13 + i).containsExactly(original.trainStep());
        }
    }

    @Test
    void aDamagedOrForeignFileIsRefusedWithItsReason(@TempDir Path dir) throws Exception {
        Seq2SeqExperiment e = new Seq2SeqExperiment(SPEC);
        Path good = dir.resolve("good" + ExperimentFile.EXTENSION);
        ExperimentFile.save(good, e, new int[0], List.of(), "");

        Path cut = dir.resolve("cut" + ExperimentFile.EXTENSION);
        byte[] bytes = Files.readAllBytes(good);
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> ExperimentFile.load(cut)).isInstanceOf(DataException.class).hasMessageContaining("cut");

        String json = entry(good, "experiment.json");
        Path wider = rewrite(good, dir.resolve("wider.seq2seqrun"), json.replaceFirst("\"hidden\":16", "\"hidden\":32"), false);
        assertThatThrownBy(() -> ExperimentFile.load(wider)).isInstanceOf(DataException.class).hasMessageContaining("is damaged: model A");

        Path forever = rewrite(good, dir.resolve("forever.seq2seqrun"), json.replaceFirst("\"step\":0", "\"step\":2000000000"), false);
        assertThatThrownBy(() -> ExperimentFile.load(forever)).isInstanceOf(DataException.class).hasMessageContaining("claims 2,000,000,000 steps");

        Path curve = rewrite(good, dir.resolve("curve.seq2seqrun"), json.replaceFirst("\"lossSteps\":\\[\\]", "\"lossSteps\":[5]"), false);
        assertThatThrownBy(() -> ExperimentFile.load(curve)).isInstanceOf(DataException.class).hasMessageContaining("loss curve");

        Path poisoned = rewrite(good, dir.resolve("nan.seq2seqrun"), json, true);
        assertThatThrownBy(() -> ExperimentFile.load(poisoned)).isInstanceOf(DataException.class).hasMessageContaining("nan.seq2seqrun");

        Path text = dir.resolve("notes.seq2seqrun");
        Files.writeString(text, "not an experiment");
        assertThatThrownBy(() -> ExperimentFile.load(text)).isInstanceOf(DataException.class).hasMessageContaining("notes.seq2seqrun");
    }

    @Test
    void aSessionSavesAndReopensAndABadFileKeepsTheModelsItHas(@TempDir Path dir) throws Exception {
        try (Seq2SeqTrainer s = new Seq2SeqTrainer()) {
            s.setUp(SPEC).get(60, TimeUnit.SECONDS);
            s.train(10);
            s.whenMeasured(10).get(120, TimeUnit.SECONDS);
            s.inspect("hello").get(30, TimeUnit.SECONDS);
            Path file = dir.resolve("mine" + ExperimentFile.EXTENSION);
            assertThat(s.save(file).get(60, TimeUnit.SECONDS).message()).isEqualTo("Saved step 10 to mine.seq2seqrun.");
            s.setUp(SPEC.withSeed(9)).get(60, TimeUnit.SECONDS);
            assertThat(s.latest().step()).isZero();

            Seq2SeqTrainer.Snapshot opened = s.open(file).get(60, TimeUnit.SECONDS);
            assertThat(opened.step()).isEqualTo(10);
            assertThat(opened.running()).isFalse();
            assertThat(opened.lossSteps()).contains(1, 5, 10);
            assertThat(opened.measured()).hasSize(2).allSatisfy(m -> assertThat(m.step()).isEqualTo(10));
            assertThat(opened.inspection().source()).isEqualTo("hello");
            assertThat(opened.spec().seed()).isEqualTo(5);

            Path junk = dir.resolve("junk" + ExperimentFile.EXTENSION);
            Files.writeString(junk, "junk");
            assertThatThrownBy(() -> s.open(junk).get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            assertThat(s.latest().message()).contains("junk.seq2seqrun");
            assertThat(s.latest().step()).as("the models it had are still there").isEqualTo(10);
            s.train(5);
            assertThat(s.whenMeasured(15).get(120, TimeUnit.SECONDS).step()).isEqualTo(15);
        }
    }

    private static String entry(Path zip, String name) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            return new String(z.getInputStream(z.getEntry(name)).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A copy of {@code from} with another experiment.json, and (when {@code poison}) every weight a NaN. */
    private static Path rewrite(Path from, Path to, String json, boolean poison) throws IOException {
        try (ZipFile z = new ZipFile(from.toFile()); OutputStream out = Files.newOutputStream(to); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e : Collections.list(z.entries())) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                byte[] b = z.getInputStream(e).readAllBytes();
                if (e.getName().equals("experiment.json")) {
                    b = json.getBytes(StandardCharsets.UTF_8);
                } else if (poison && e.getName().endsWith(".weights")) {
                    for (int i = 0; i + 3 < b.length; i += 4) {
                        b[i] = 0x7f;
                        b[i + 1] = (byte) 0xc0;
                        b[i + 2] = 0;
                        b[i + 3] = 0;
                    }
                }
                zip.write(b);
                zip.closeEntry();
            }
        }
        return to;
    }
}
