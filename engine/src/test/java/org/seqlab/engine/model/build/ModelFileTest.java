package org.seqlab.engine.model.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.engine.Engine;
import org.seqlab.engine.data.Batch;
import org.seqlab.engine.data.DataSource;
import org.seqlab.engine.data.Vocabulary;
import org.seqlab.engine.data.synthetic.SyntheticCorpus;
import org.seqlab.engine.data.synthetic.SyntheticSources;
import org.seqlab.engine.io.DataException;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.model.ModelConfig;
import org.seqlab.engine.model.SequenceModel;
import org.seqlab.engine.model.TraceLevel;

class ModelFileTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        Engine.start();
    }

    @Test
    void savedModelReopensWithIdenticalWeightsAndOutputs() throws Exception {
        DataSource data = new SyntheticCorpus(SyntheticSources.embeddedReber());
        Vocabulary vocab = data.vocabulary();
        SequenceModel model = Models.create(new ModelConfig(Family.LSTM, 8, 12, 2), vocab.size(), 4);
        Path file = dir.resolve("m.seqlab");
        ModelFile.save(file, model, data, "B", 42);
        ModelFile.Loaded back = ModelFile.load(file);
        assertThat(back.vocabulary()).isEqualTo(vocab);
        assertThat(back.header().steps()).isEqualTo(42);
        assertThat(back.model().parameters().toArray()).containsExactly(model.parameters().toArray());
        Batch b = Batch.ofSequence(vocab.encode("BTSSXXTVVE"));
        assertThat(back.model().forward(b, TraceLevel.NONE).loss()).isEqualTo(model.forward(b, TraceLevel.NONE).loss());
    }

    @Test
    void badFilesGiveClearMessages() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
        assertThatThrownBy(() -> ModelFile.load(text)).isInstanceOf(DataException.class).hasMessageContaining("not a SeqLab model file");
        assertThatThrownBy(() -> ModelFile.load(dir.resolve("nope.seqlab"))).hasMessageContaining("no such file");

        DataSource data = new SyntheticCorpus(SyntheticSources.embeddedReber());
        SequenceModel model = Models.create(ModelConfig.defaults(Family.RNN), data.vocabulary().size(), 1);
        Path file = dir.resolve("cut.seqlab");
        ModelFile.save(file, model, data, "B", 1);
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = Files.write(dir.resolve("truncated.seqlab"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> ModelFile.load(truncated)).isInstanceOf(DataException.class);
    }
}
