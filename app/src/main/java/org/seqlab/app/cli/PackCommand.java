package org.seqlab.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.seqlab.app.lessons.LessonPack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code seqlab pack FOLDER --out FILE.seqlesson}: one lesson, its translations and the files its scenes name, as one file. */
@Command(name = "pack", mixinStandardHelpOptions = true,
        description = "Packs one lesson's folder into a lesson pack (.seqlesson): its lesson.md, its translations and every file its"
                + " scenes name, with each file's SHA-256 and the pack's hash. Open it with Lessons → Open lesson pack…, a double"
                + " click, or seqlab check-lessons --pack FILE.")
public final class PackCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FOLDER", description = "the lesson's folder (it holds lesson.md)")
    Path folder;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the pack to write (FILE.seqlesson)")
    Path out;

    @Option(names = "--with-checkpoints", description = "train every scene as check-lessons does and carry its models and their history,"
            + " so the pack's scenes make their points at once (check-lessons --pack measures them from the checkpoints)")
    boolean withCheckpoints;

    @Override
    public Integer call() throws Exception {
        Path target = String.valueOf(out.getFileName()).endsWith(LessonPack.EXTENSION) ? out
                : out.resolveSibling(out.getFileName() + LessonPack.EXTENSION);
        java.util.Map<String, Path> checkpoints = new java.util.TreeMap<>();
        if (withCheckpoints) {
            org.seqlab.engine.io.AtomicFile.checkDestination(target);   // before the training, not after
            Path dir = java.nio.file.Files.createTempDirectory("seqlab-checkpoints-");
            int exit = new picocli.CommandLine(new CheckLessonsCommand()).setOut(spec.commandLine().getOut()).setErr(spec.commandLine().getErr())
                    .execute("--folder", folder.toString(), "--save-checkpoints", dir.toString());
            if (exit != 0) {
                throw new IllegalStateException("the lesson's scenes did not all make their points (above); fix them before packing their checkpoints");
            }
            try (var list = java.nio.file.Files.list(dir)) {
                list.forEach(f -> checkpoints.put("checkpoints/" + f.getFileName(), f));
            }
        }
        LessonPack.Packed p = LessonPack.pack(folder, target, checkpoints);
        PrintWriter o = spec.commandLine().getOut();
        o.println(String.format("%s: lesson %s, %d files (%s), %,d bytes, hash %s", target, p.id(), p.files().size(),
                String.join(", ", p.files()), p.bytes(), p.hash()));
        return 0;
    }
}
