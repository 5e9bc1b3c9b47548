package org.seqlab.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.engine.data.catalog.DataSources;
import org.seqlab.engine.io.DataException;

class TextDataTest {

    @TempDir
    Path dir;

    @Test
    void namesAreLowerCaseOnePerLineAndSplitByName() {
        TextCorpus names = BuiltInCorpora.names();
        assertThat(names.vocabulary().symbols()).startsWith("\n").contains("abcdefghijklmnopqrstuvwxyz");
        assertThat(names.vocabulary().symbols()).doesNotContain("A");
        assertThat(names.trainLength()).isGreaterThan(40_000);
        assertThat(names.validationLength()).isGreaterThan(4_000);
        Set<String> train = new HashSet<>(List.of(BuiltInCorpora.names().vocabulary().decode(
                names.trainBatch(1, 50, new SplittableRandom(1)).inputs()).split("\n")));
        assertThat(train).isNotEmpty();
    }

    @Test
    void mobyDickIsTheWholeBook() {
        TextCorpus moby = BuiltInCorpora.mobyDick();
        assertThat(moby.trainLength() + moby.validationLength()).isBetween(1_150_000, 1_250_000);
        assertThat(moby.examples().get(0)).startsWith("Call me Ishmael");
    }

    @Test
    void windowsAreShiftedByOne() {
        TextCorpus c = TextCorpus.split("t", "t", "abcdefghij".repeat(30), 0.1, List.of());
        Batch b = c.trainBatch(4, 8, new SplittableRandom(3));
        for (int i = 0; i < 4; i++) {
            for (int t = 0; t < 7; t++) {
                assertThat(b.target(i, t)).isEqualTo(b.input(i, t + 1));
            }
        }
        List<Batch> v1 = c.validationBatches(4, 8, 3);
        List<Batch> v2 = c.validationBatches(4, 8, 3);
        assertThat(v1.get(0).inputs()).containsExactly(v2.get(0).inputs());
        assertThatThrownBy(() -> c.trainBatch(1, 100, new SplittableRandom(1))).hasMessageContaining("longer than");
    }

    @Test
    void badFilesAreRefusedWithAClearMessage() throws Exception {
        Path empty = Files.write(dir.resolve("empty.txt"), new byte[0]);
        assertThatThrownBy(() -> TextFiles.load(empty)).isInstanceOf(DataException.class).hasMessage("empty.txt is empty");

        Path binary = Files.write(dir.resolve("image.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13});
        assertThatThrownBy(() -> TextFiles.load(binary)).hasMessageContaining("binary file");

        byte[] latin1 = ("caf\u00e9 " + "x".repeat(300)).getBytes(StandardCharsets.ISO_8859_1);
        Path notUtf8 = Files.write(dir.resolve("latin1.txt"), latin1);
        assertThatThrownBy(() -> TextFiles.load(notUtf8)).hasMessageContaining("not UTF-8")
                .hasMessageContaining("0xE9").hasMessageContaining("offset 3");

        Path big = dir.resolve("big.txt");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(TextFiles.MAX_BYTES + 1);
        }
        assertThatThrownBy(() -> TextFiles.load(big)).hasMessageContaining("the limit is 50 MB");

        Path shortFile = Files.writeString(dir.resolve("short.txt"), "hello");
        assertThatThrownBy(() -> TextFiles.load(shortFile)).hasMessageContaining("too short");

        assertThatThrownBy(() -> TextFiles.load(dir.resolve("missing.txt"))).hasMessageContaining("no such file");
        assertThatThrownBy(() -> TextFiles.load(dir)).hasMessageContaining("is a folder");
    }

    @Test
    void aGoodFileBecomesACorpus() throws Exception {
        Path ok = Files.writeString(dir.resolve("poem.txt"), "\uFEFF" + "The sea, the sea.\r\n".repeat(40));
        TextCorpus c = TextFiles.load(ok);
        assertThat(c.vocabulary().symbols()).doesNotContain("\r").doesNotContain("\uFEFF").contains("\n");
        assertThat(c.name()).isEqualTo("poem.txt");
    }

    @Test
    void dataNamesOpen() throws Exception {
        assertThat(DataSources.open("synthetic:reber").entropyRateBits()).isPresent();
        assertThat(DataSources.open("names").entropyRateBits()).isEmpty();
        assertThatThrownBy(() -> DataSources.open("synthetic:nope")).isInstanceOf(DataException.class)
                .hasMessageContaining("markov, reber, brackets");
    }
}
