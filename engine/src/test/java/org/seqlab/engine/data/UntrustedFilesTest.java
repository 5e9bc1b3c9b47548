package org.seqlab.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqlab.engine.data.catalog.DataSources;
import org.seqlab.engine.io.DataException;

/** Data that is not a text file is refused without being read: devices, pipes, folders; the size cap counts bytes read. */
class UntrustedFilesTest {

    @TempDir
    Path dir;

    @Test
    void devicesPipesAndFoldersAreRefusedWithoutReadingThem() throws Exception {
        assertThatThrownBy(() -> TextFiles.load(Path.of("/dev/zero"))).isInstanceOf(DataException.class)
                .hasMessage("zero is not a regular file (a device, a pipe or a socket); SeqLab reads text files");
        assertThatThrownBy(() -> TextFiles.load(Path.of("/dev/urandom"))).hasMessageContaining("not a regular file");
        Path fifo = dir.resolve("pipe");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        // opening a FIFO for reading would block until a writer comes: it must be refused before that
        assertThatThrownBy(() -> TextFiles.load(fifo)).hasMessage("pipe is not a regular file (a device, a pipe or a socket); SeqLab reads text files");
        assertThatThrownBy(() -> TextFiles.load(dir)).hasMessage(dir.getFileName() + " is a folder, not a text file");
    }

    @Test
    void theSizeCapCountsBytesNotWhatTheFileSystemSays() throws Exception {
        Path big = dir.resolve("big.txt");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(TextFiles.MAX_BYTES + 10);   // sparse: 50 MB of zeros that take no disk
        }
        assertThatThrownBy(() -> TextFiles.load(big)).hasMessage("big.txt holds more than 50 MB; the limit is 50 MB. Use a shorter excerpt.");
    }

    @Test
    void aUserTextTravelsAsItsOwnTextAndBuiltInDataDoesNot() throws Exception {
        Path file = Files.writeString(dir.resolve("mine.txt"), "a text of my own, long enough to train on. ".repeat(8));
        assertThat(TextFiles.load(file).ownText()).contains("a text of my own, long enough to train on. ".repeat(8));
        assertThat(DataSources.open("synthetic:reber").ownText()).isEmpty();
        for (String name : DataSources.BUILT_IN) {
            assertThat(DataSources.isBuiltIn(name)).isTrue();
        }
        assertThat(DataSources.isBuiltIn("mine.txt")).isFalse();
    }
}
