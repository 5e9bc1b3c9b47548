package org.seqlab.app.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine's status sentences read in the interface's language, and the patterns still match what the engine writes. */
class EngineWordsTest {

    @AfterEach
    void english() {
        Texts.use(Locale.ENGLISH);
    }

    @Test
    void knownSentencesAreTranslatedWithTheirNumbersAndOthersPassUnchanged() {
        Texts.use(Locale.ENGLISH);
        assertThat(EngineWords.of("Ready: 2 models on names")).isEqualTo("Ready: 2 models on names");
        assertThat(EngineWords.of("Ready: 1 model on names")).isEqualTo("Ready: 1 model on names");
        Texts.use(Locale.GERMAN);
        assertThat(EngineWords.of("Ready: 2 models on names")).isEqualTo("Bereit: 2 Modelle auf names");
        assertThat(EngineWords.of("Ready: 1 model on synthetic:reber")).isEqualTo("Bereit: 1 Modell auf synthetic:reber");
        assertThat(EngineWords.of("Undone: back at step 40.")).isEqualTo("Rückgängig: zurück bei Schritt 40.");
        assertThat(EngineWords.of("the loss exploded")).isEqualTo("the loss exploded");
        Texts.use(Locale.SIMPLIFIED_CHINESE);
        assertThat(EngineWords.of("Reset to step 0.")).isEqualTo("已重置到第 0 步。");
    }

    /** Each pattern's fixed words are still in the engine's source, so a reworded sentence there fails here. */
    @Test
    void theEngineStillWritesTheSentences() throws IOException {
        Path train = Path.of("../engine/src/main/java/org/seqlab/engine/train");
        String source = Files.readString(train.resolve("LabTrainer.java")) + Files.readString(train.resolve("Trainer.java"));
        for (String words : List.of("\"Ready: \"", "\" on \"", "\"Reset to step 0.\"", "\"Undone: back at step \"", "\"Already at step \"",
                "\"Nothing to train yet.\"", "\"Rolled back to the last good weights: \"", "\". Train goes on.\"", "\"Training stopped: \"",
                "\"Out of memory: the models and their history need more than SeqLab's heap holds. Training\"")) {
            assertThat(source).as("the engine's sentence with %s", words).contains(words);
        }
    }
}
