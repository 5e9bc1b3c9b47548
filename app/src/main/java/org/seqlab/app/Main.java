package org.seqlab.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.seqlab.app.cli.CheckLessonsCommand;
import org.seqlab.app.cli.ClassReportCommand;
import org.seqlab.app.cli.PackCommand;
import org.seqlab.app.cli.ExportCommand;
import org.seqlab.app.cli.SampleCommand;
import org.seqlab.app.cli.ScoreCommand;
import org.seqlab.app.cli.ToPyTorchCommand;
import org.seqlab.app.cli.TrainCommand;
import org.seqlab.app.cli.TranslateCommand;
import org.seqlab.app.figures.ViewId;
import org.seqlab.app.shell.CheckLayoutCommand;
import org.seqlab.app.shell.SeqLabApp;
import org.seqlab.engine.data.tasks.Task;
import org.seqlab.engine.io.DataException;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.train.SessionFile;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * SeqLab's one entry point. With no command it opens the lab window; with a command it works without a
 * display. Not a JavaFX {@code Application} itself, so the commands never touch the toolkit and the jar
 * starts with JavaFX on the class path.
 */
@Command(name = "seqlab", mixinStandardHelpOptions = true, version = "SeqLab 0.1",
        description = {"A laboratory for autoregressive sequence models.",
                "With no command, opens the lab window. The commands below work without a display."},
        subcommands = {TrainCommand.class, ScoreCommand.class, SampleCommand.class, ExportCommand.class, CheckLessonsCommand.class, PackCommand.class, ClassReportCommand.class, TranslateCommand.class,
            CheckLayoutCommand.class, ToPyTorchCommand.class})
public final class Main implements Runnable {

    @picocli.CommandLine.Option(names = "--data", paramLabel = "DATA",
            description = "open the lab on this data (names, moby-dick, synthetic:reber …, digits, images-14:DIR, or a text file)")
    String data;

    @picocli.CommandLine.Option(names = "--train", paramLabel = "STEPS",
            description = "start training at once and pause after this many steps (a demo that starts by itself)")
    int train;

    @picocli.CommandLine.Option(names = "--models", paramLabel = "FAMILIES", split = ",",
            description = "open the lab with these models, e.g. lstm,transformer (at most four)")
    List<String> models;

    @picocli.CommandLine.Option(names = "--view", paramLabel = "VIEW",
            description = "open on this view: samples, tutor, hidden, gates, gradient, attention, mask, query, positions, stack, masks, "
                    + "field, drawing, anomaly, decoding, beam, exposure, strategies, costs, length, metrics, kl, permute, ablate, patching, lens or heads")
    String view;

    @picocli.CommandLine.Option(names = "--lesson", paramLabel = "ID[:STEP]",
            description = "open the lesson reader on this lesson, e.g. 04-gradients (or just 4) or 04-gradients:3 for its third step")
    String lesson;

    @picocli.CommandLine.Option(names = "--encoder-decoder", paramLabel = "TASK",
            description = "also open the encoder–decoder lab and train its two models on this task: reverse, sort, copy, dates or numbers")
    String encoderDecoder;

    @picocli.CommandLine.Option(names = "--present", description = "start in presentation mode: full screen, large type, high contrast")
    boolean present;

    @picocli.CommandLine.Option(names = "--describe", description = "start with every view described in sentences under its figure (F4)")
    boolean describe;

    @picocli.CommandLine.Option(names = "--lang", paramLabel = "L",
            description = "the interface's language: en, de or zh-CN (default: the system's, else English)")
    String lang;

    @picocli.CommandLine.Parameters(arity = "0..1", paramLabel = "RUN",
            description = "a saved run (.seqrun) to reopen in the lab (the installed app opens these on a double click), or a model "
                    + "(.seqlab, or a PyTorch checkpoint .safetensors) to open as the lab's model on the start-up data (--data)")
    Path run;

    public static void main(String[] args) {
        // AWT only draws figures into images and measures fonts here; headless, it never opens its own connection to
        // the display, whose error handler made GTK print a warning on every start (the window is JavaFX's)
        System.setProperty("java.awt.headless", "true");
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line; errors are one line on {@code err} and a non-zero exit code, never a stack trace. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            String cmd = ex.getCommandLine().getCommandName();
            err.println("seqlab: " + ex.getMessage() + " (see " + (cmd.equals("seqlab") ? "seqlab" : "seqlab " + cmd) + " --help)");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, parse) -> {
            Failure f = Failure.of(ex);
            err.println("seqlab: " + f.message());
            return f.exitCode();
        });
        return cl.execute(args);
    }

    /**
     * Every way a command can fail, as one sentence and an exit code: 1 bad input (data, files, a model that does not
     * fit), 2 bad usage (picocli's parameter errors), 3 diverged (returned by train itself), 70 a fault in SeqLab.
     */
    record Failure(String message, int exitCode) {
        static Failure of(Throwable ex) {
            Throwable e = org.seqlab.app.work.Failure.cause(ex);
            if (e instanceof DataException || e instanceof IllegalArgumentException) {
                return new Failure(e.getMessage(), 1);
            }
            if (e instanceof AccessDeniedException a) {
                return new Failure("permission denied: " + a.getFile(), 1);
            }
            if (e instanceof NoSuchFileException n) {
                return new Failure("no such file or folder: " + n.getFile(), 1);
            }
            if (e instanceof FileSystemException fs) {
                return new Failure(fs.getFile() + ": " + (fs.getReason() != null ? fs.getReason() : "cannot be used"), 1);
            }
            if (e instanceof IOException io) {
                return new Failure("a file could not be read or written: " + io.getMessage(), 1);
            }
            if (e instanceof OutOfMemoryError) {
                return new Failure("SeqLab ran out of memory; use smaller models, batches or sequences", 1);
            }
            StackTraceElement where = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
            return new Failure("internal error (" + e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "")
                    + (where != null ? " at " + where.getClassName().replaceAll(".*\\.", "") + "." + where.getMethodName() : "")
                    + "); please report it", 70);
        }
    }

    @Override
    public void run() {
        if (run != null) {
            checkRunFile(run);
        }
        if (!SeqLabApp.displayAvailable()) {
            System.err.println("seqlab: no display found; the lab window needs a graphical session. "
                    + "The commands train, score and sample work without one (seqlab --help).");
            System.exit(2);
        }
        if (view != null) {
            ViewId.byName(view);   // an unknown view is named before the window opens
        }
        if (train < 0) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--train must not be negative");
        }
        List<Family> families = new ArrayList<>();
        if (models != null) {
            for (String m : models) {
                families.add(Family.parse(m));
            }
            if (families.isEmpty() || families.size() > 4) {
                throw new IllegalArgumentException("--models takes one to four families");
            }
        }
        Task task = encoderDecoder == null ? null : Task.parse(encoderDecoder);
        org.seqlab.app.widgets.Describing.SHOWN.set(describe);   // before the window exists: nothing is bound to it yet
        if (lang != null) {
            org.seqlab.app.text.Texts.use(org.seqlab.app.text.Texts.parse(lang));
        }
        SeqLabApp.launchApp(new SeqLabApp.StartOptions(data, train, view, families, lesson, present, run, task));
    }

    /** A RUN that is no file is more likely a mistyped command, so the message names both. */
    private static void checkRunFile(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("'" + file + "' is neither a command (train, score, sample, export) nor a saved run "
                    + "(a .seqrun file); see seqlab --help");
        }
        if (!name.endsWith(SessionFile.EXTENSION) && !name.endsWith(".seqlab") && !name.endsWith(".safetensors")
                && !name.endsWith(org.seqlab.app.lessons.LessonPack.EXTENSION)) {
            throw new IllegalArgumentException(name + " is neither a saved run (" + SessionFile.EXTENSION + ", File → Save run in the lab)"
                    + ", a model (.seqlab, or a PyTorch checkpoint .safetensors) nor a lesson pack (.seqlesson)");
        }
    }
}
