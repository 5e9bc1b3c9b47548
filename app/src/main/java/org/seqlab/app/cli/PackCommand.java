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

    @Override
    public Integer call() throws Exception {
        Path target = String.valueOf(out.getFileName()).endsWith(LessonPack.EXTENSION) ? out
                : out.resolveSibling(out.getFileName() + LessonPack.EXTENSION);
        LessonPack.Packed p = LessonPack.pack(folder, target);
        PrintWriter o = spec.commandLine().getOut();
        o.println(String.format("%s: lesson %s, %d files (%s), %,d bytes, hash %s", target, p.id(), p.files().size(),
                String.join(", ", p.files()), p.bytes(), p.hash()));
        return 0;
    }
}
