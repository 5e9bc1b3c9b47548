package org.seqlab.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A save never loses what was there: the old complete file or the new one, never half, never a folder. */
class AtomicFileTest {

    @TempDir
    Path dir;

    static AtomicFile.Content text(String s) {
        return out -> out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    List<String> temporaries() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
        }
    }

    @Test
    void aReplacedFileKeepsItsPermissionsAndANewOneGetsTheFolderDefault() throws Exception {
        Path file = dir.resolve("run.seqrun");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        AtomicFile.write(file, text("new"));
        assertThat(Files.readString(file)).isEqualTo("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        Path fresh = dir.resolve("fresh.seqlab");
        AtomicFile.write(fresh, text("x"));
        assertThat(Files.getPosixFilePermissions(fresh)).contains(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isNotEqualTo("rw-------");   // not a temp file's 0600
        assertThat(temporaries()).isEmpty();
    }

    @Test
    void aFailedSaveKeepsTheOldFileWholeAndLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve("model.seqlab");
        Files.writeString(file, "the good old model");
        assertThatThrownBy(() -> AtomicFile.write(file, out -> {
            out.write("half of the new".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(Files.readString(file)).isEqualTo("the good old model");
        assertThat(temporaries()).isEmpty();
    }

    @Test
    void aFolderIsNeverReplacedNorDeleted() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path full = Files.createDirectory(dir.resolve("full"));
        Files.writeString(full.resolve("keep.txt"), "keep");
        assertThatThrownBy(() -> AtomicFile.checkDestination(empty)).isInstanceOf(DataException.class)
                .hasMessage(empty + " is a folder; give the name of a file to save to");
        assertThatThrownBy(() -> AtomicFile.write(empty, text("x"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> AtomicFile.write(full, text("x"))).isInstanceOf(IOException.class);
        assertThat(empty).isDirectory();
        assertThat(full.resolve("keep.txt")).hasContent("keep");
    }

    @Test
    void aDestinationThatCannotBeWrittenIsNamedBeforeAnyWork() {
        assertThatThrownBy(() -> AtomicFile.checkDestination(dir.resolve("no/such/folder/m.seqlab"))).isInstanceOf(DataException.class)
                .hasMessageContaining("the folder " + dir.resolve("no/such/folder") + " does not exist");
        assertThatThrownBy(() -> AtomicFile.checkDestination(Path.of("/proc/x.seqlab"))).isInstanceOf(DataException.class)
                .hasMessageStartingWith("cannot save to /proc/x.seqlab: ");
        assertThatThrownBy(() -> AtomicFile.checkDestination(Path.of("/dev/null"))).isInstanceOf(DataException.class)
                .hasMessageContaining("not a regular file");
    }

    @Test
    void temporaryFilesOfAKilledSaveAreRemovedAtTheNextSaveIntoThatFolder() throws Exception {
        long dead = deadPid();
        Path ours = Files.writeString(dir.resolve(".model.seqlab." + dead + ".1f2e" + AtomicFile.SUFFIX), "half");
        Path older = Files.writeString(dir.resolve(".seqrun4821937.tmp"), "half");
        Files.setLastModifiedTime(older, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        Path live = Files.writeString(dir.resolve(".model.seqlab." + ProcessHandle.current().pid() + ".77" + AtomicFile.SUFFIX), "in use");
        Path notOurs = Files.writeString(dir.resolve(".notes.tmp"), "someone else's");
        AtomicFile.write(dir.resolve("model.seqlab"), text("m"));
        assertThat(ours).doesNotExist();
        assertThat(older).doesNotExist();
        assertThat(live).exists();      // this process may still be writing it
        assertThat(notOurs).exists();
    }

    /** A process id no process has now. */
    static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long pid = p.pid();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        return pid;
    }
}
