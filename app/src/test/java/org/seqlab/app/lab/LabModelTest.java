package org.seqlab.app.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seqlab.app.Main;
import org.seqlab.app.work.CallingThread;
import org.seqlab.engine.bridge.TorchExport;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.train.LabTrainer;
import org.seqlab.engine.train.TrainingSnapshot.Phase;

/**
 * The lab's view-model without a window or a toolkit: its background work runs at once on the test's thread
 * ({@link CallingThread}), the real trainer behind it. What a user does through the settings and the lab bar, and what
 * the lab then shows.
 */
class LabModelTest {

    LabTrainer trainer;
    LabModel lab;

    @BeforeEach
    void start() {
        trainer = new LabTrainer();
        lab = new LabModel(trainer, new CallingThread());
    }

    @AfterEach
    void stop() {
        lab.shutdown();
    }

    /** Polls as the window does each frame until the condition holds. */
    void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            lab.poll();
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("not reached; the lab shows " + lab.snapshot() + ", notice '" + lab.noticeProperty().get() + "'");
    }

    @Test
    void startsWithTheDefaultModelsAndKeepsThemWhenAFileCannotBeRead() throws Exception {
        // once ND4J is ready, the first frame builds the start-up models: an RNN and an LSTM on the Reber grammar
        await(() -> lab.snapshot().runs().size() == 2 && !lab.applyingProperty().get());
        assertThat(lab.snapshot().data().name()).isEqualTo("synthetic:reber");
        assertThat(lab.snapshot().runs()).extracting(r -> r.config().model().family()).containsExactly(Family.RNN, Family.LSTM);
        assertThat(lab.dirtyProperty().get()).isFalse();
        assertThat(lab.inspectTextProperty().get()).as("the data's first example is inspected").isNotEmpty();

        // a text that is not there: the reason is said, the settings stay as typed, the models as they were
        lab.pause();
        lab.data.set("/nowhere/at/all.txt");
        assertThat(lab.dirtyProperty().get()).isTrue();
        assertThat(lab.apply()).isCompletedExceptionally();
        assertThat(lab.settingsErrorProperty().get()).contains("all.txt");
        assertThat(lab.noticeProperty().get()).startsWith("Settings not applied");
        lab.poll();
        assertThat(lab.snapshot().data().name()).isEqualTo("synthetic:reber");
        assertThat(lab.data.get()).isEqualTo("/nowhere/at/all.txt");
        assertThat(lab.dirtyProperty().get()).isTrue();
    }

    @Test
    void aThirdModelIsAddedAppliedTrainedAndUndone() throws Exception {
        await(() -> lab.snapshot().runs().size() == 2 && !lab.applyingProperty().get());
        lab.pause();
        lab.addRun();
        assertThat(lab.runs).hasSize(3);
        lab.apply().join();
        await(() -> lab.snapshot().runs().size() == 3);
        lab.trainUntil(7);
        await(() -> lab.snapshot().step() == 7 && lab.snapshot().phase() == Phase.PAUSED);
        assertThat(lab.snapshot().runs()).allSatisfy(r -> assertThat(r.train().size()).isEqualTo(7));
        // undo brings back the two models as they were, with what they had learned
        lab.undo();
        await(() -> lab.snapshot().runs().size() == 2);
        assertThat(lab.snapshot().message()).contains("Undone");
    }

    @Test
    void settingsTheLabCannotBuildAreRefusedBeforeAnythingIsBuilt() throws Exception {
        await(() -> lab.snapshot().runs().size() == 2 && !lab.applyingProperty().get());
        lab.pause();
        lab.runs.set(0, new RunSettings(Family.TRANSFORMER));
        lab.runs.get(0).heads.set(5);   // 5 heads do not divide a width of 64
        var applied = lab.apply();
        assertThat(applied).isCompletedExceptionally();
        assertThat(lab.settingsErrorProperty().get()).startsWith("Model A: ");
        assertThat(catchCause(applied)).isInstanceOf(IllegalArgumentException.class);
        lab.poll();
        assertThat(lab.snapshot().runs()).extracting(r -> r.config().model().family()).containsExactly(Family.RNN, Family.LSTM);
    }

    private static Throwable catchCause(java.util.concurrent.CompletableFuture<?> f) {
        try {
            f.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    /**
     * A model from a file becomes the lab's one model on its data: a PyTorch checkpoint that SeqLab wrote (to-pytorch)
     * opens with every weight it had and trains on; a model of
     * other symbols is refused with what it reads, and the lab's models stay.
     */
    @Test
    void aModelFileOpensAsTheLabsModelAndOneOfOtherSymbolsIsRefused() throws Exception {
        await(() -> lab.snapshot().runs().size() == 2 && !lab.applyingProperty().get());
        lab.pause();
        Path dir = Files.createTempDirectory("open-model");
        Path torch = dir.resolve("torch");
        double[] weights = trainer.submit(session -> {
            try {
                TorchExport.write(torch, TorchExport.Source.of(session.runs().get(1),
                        session.data().vocabulary(), null));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return session.runs().get(1).model().parameters().toArray();
        }).join();
        lab.openModel(torch.resolve("weights.safetensors")).join();
        await(() -> lab.snapshot().runs().size() == 1);
        assertThat(lab.snapshot().runs().get(0).config().model().family()).isEqualTo(Family.LSTM);
        assertThat(lab.runs).hasSize(1);
        assertThat(lab.noticeProperty().get()).startsWith("Opened weights.safetensors as model A (LSTM 1×64)");
        double[] opened = trainer.submit(session -> session.runs().get(0).model().parameters().toArray()).join();
        assertThat(opened).containsExactly(Arrays.stream(weights).map(x -> (float) x).toArray(), within(0.0));
        lab.trainUntil(3);
        await(() -> lab.snapshot().step() == 3);

        // a model trained on other symbols: refused, saying what it reads; model A stays
        Path names = dir.resolve("names.seqlab");
        assertThat(Main.run(new String[] {"train", "--data", "names", "--model", "gru", "--hidden", "8", "--steps", "2",
            "--save", names.toString()}, new PrintWriter(Writer.nullWriter()), new PrintWriter(Writer.nullWriter())))
                .isZero();
        assertThat(lab.openModel(names)).isCompletedExceptionally();
        assertThat(lab.noticeProperty().get()).startsWith("Could not open the model: names.seqlab reads 28 symbols").contains("synthetic:reber");
        lab.poll();
        assertThat(lab.snapshot().runs()).hasSize(1);
        assertThat(lab.snapshot().runs().get(0).config().model().family()).isEqualTo(Family.LSTM);
    }
}
