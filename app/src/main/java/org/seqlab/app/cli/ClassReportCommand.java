package org.seqlab.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.seqlab.app.lessons.ClassReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code seqlab class-report FOLDER --out report.csv}: a class's progress exports as one table. */
@Command(name = "class-report", mixinStandardHelpOptions = true,
        description = "Reads a folder of learners' progress exports (File → Export my progress… in the lab: xAPI statements as JSON)"
                + " and writes one table: per learner and lesson the steps seen and completion, the quizzes answered, right and right"
                + " at the first try, the hints, the scenes run and their points made, the minutes spent; per lesson the class's means"
                + " and the questions most often missed. A file that is not an export is named and skipped.")
public final class ClassReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FOLDER", description = "the folder of exports (*.json)")
    Path folder;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the table to write (CSV)")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(folder + " is not a folder; give the folder the learners' exports are in");
        }
        org.seqlab.engine.io.AtomicFile.checkDestination(out);
        ClassReport.Report r = ClassReport.of(folder);
        for (String skipped : r.skipped()) {
            spec.commandLine().getErr().println("seqlab: " + skipped);
        }
        ClassReport.write(r, out);
        PrintWriter o = spec.commandLine().getOut();
        o.println(String.format("%s: %d learners, %d rows; %d files skipped", out, r.learners(), r.rows().size(), r.skipped().size()));
        return r.learners() > 0 ? 0 : 1;
    }
}
