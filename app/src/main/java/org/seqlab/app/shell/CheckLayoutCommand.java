package org.seqlab.app.shell;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.seqlab.app.figures.ViewCatalog;
import org.seqlab.app.lab.LabModel;
import org.seqlab.engine.train.Trainer;
import org.seqlab.engine.train.TrainingSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code seqlab check-layout}: the lab's real window laid out off-screen as it opens on a screen of the given size, in
 * the state asked for and after the toggles a teacher makes, with every control or text outside the window or cut
 * short listed. A teacher runs it before class with the projector's size; the tests run it too.
 */
@Command(name = "check-layout", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Lays the lab's window out (off-screen) as it opens on a screen of this size and lists every control or text "
                + "outside the window or cut short; exit 1 if there is any.")
public final class CheckLayoutCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--size", required = true, paramLabel = "WxH", description = "the screen's (the projector's) size, e.g. 1280x720")
    String size;

    @Option(names = "--present", description = "in presentation mode")
    boolean present;

    @Option(names = "--lessons", description = "with the lessons open beside the lab")
    boolean lessons;

    @Option(names = "--lesson", paramLabel = "ID[:STEP]", description = "with this lesson open beside the lab (04-gradients:2)")
    String lesson;

    @Option(names = "--view", paramLabel = "VIEW", description = "with this view shown (as the lab's first models fill it)")
    String view;

    @Option(names = "--all-views", description = "every view the lab's first models fill, one after another")
    boolean allViews;

    @Option(names = "--json", description = "one JSON object per problem, and a last line {\"problems\": N, \"smallest_text_px\": X}")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String[] wh = size.toLowerCase(Locale.ROOT).split("x");
        int width;
        int height;
        try {
            width = Integer.parseInt(wh[0].trim());
            height = Integer.parseInt(wh[1].trim());
        } catch (RuntimeException e) {
            throw new ParameterException(spec.commandLine(), "--size takes the screen's width and height, like 1280x720, not " + size);
        }
        if (width < 320 || height < 240 || width > 10_000 || height > 10_000) {
            throw new ParameterException(spec.commandLine(), "--size must be between 320x240 and 10000x10000, not " + size);
        }
        if (view != null) {
            ViewCatalog.byName(view);   // an unknown view is refused before the window is built, naming the views there are
        }
        // the window SeqLab opens on that screen: 95 % of it, at most 1500×940 (SeqLabApp)
        double w = Math.min(1500, width * 0.95);
        double h = Math.min(940, height * 0.95);
        startToolkit();
        Window lab = onFx(() -> new Window(w, h)).get(60, TimeUnit.SECONDS);
        try {
            lab.ready.get(5, TimeUnit.MINUTES);   // the lab's first models built, as a class sees it a few seconds in
            if (lesson != null) {
                onFx(() -> {
                    lab.window.openLessonWhenLoaded(lesson);
                    return null;
                }).get(60, TimeUnit.SECONDS);
            }
            Map<String, List<LayoutCheck.Problem>> found = onFx(() -> check(lab)).get(5, TimeUnit.MINUTES);
            double smallest = onFx(() -> LayoutCheck.smallestText(lab.scene)).get(60, TimeUnit.SECONDS);
            int problems = 0;
            for (Map.Entry<String, List<LayoutCheck.Problem>> e : found.entrySet()) {
                for (LayoutCheck.Problem p : e.getValue()) {
                    problems++;
                    out.println(json ? String.format(Locale.ROOT, "{\"state\": \"%s\", \"kind\": \"%s\", \"node\": \"%s\", \"detail\": \"%s\"}",
                            esc(e.getKey()), p.kind(), esc(p.node()), esc(p.detail())) : e.getKey() + ": " + p);
                }
            }
            String what = String.format(Locale.ROOT, "%.0f×%.0f window on a %d×%d screen", w, h, width, height);
            out.println(json ? String.format(Locale.ROOT, "{\"problems\": %d, \"smallest_text_px\": %.1f}", problems, smallest)
                    : problems == 0 ? "No problems in the " + what + String.format(Locale.ROOT, " (smallest text %.1f px).", smallest)
                    : problems + (problems == 1 ? " problem" : " problems") + " in the " + what + ".");
            return problems == 0 ? 0 : 1;
        } finally {
            onFx(() -> {
                lab.stage.close();
                lab.window.stop();
                lab.model.shutdown();
                return null;
            }).get(60, TimeUnit.SECONDS);
        }
    }

    /** The lab's window, model and scene, built on the FX thread and never shown. */
    private static final class Window {
        final LabModel model = new LabModel(new Trainer());
        final MainWindow window = new MainWindow(model, false);
        final Scene scene;
        final Stage stage = new Stage();
        /** Completes once the engine has built the lab's first models and paused (watched from the FX thread). */
        final CompletableFuture<Void> ready = new CompletableFuture<>();

        Window(double width, double height) {
            scene = SeqLabApp.scene(window, width, height);
            stage.setScene(scene);
            // shown where no screen is, and transparent: laid out exactly as on screen, seen by no one
            stage.setX(-20_000);
            stage.setY(-20_000);
            stage.setOpacity(0);
            stage.setWidth(width);
            stage.setHeight(height);
            stage.show();
            window.presentation().fullScreen = false;   // the window stands for the projector's screen already
            window.showStartBoard(false);
            watchUntilReady();
        }

        private void watchUntilReady() {
            model.snapshotProperty().addListener((o, a, s) -> {
                if (s.phase() == TrainingSnapshot.Phase.PAUSED && !s.runs().isEmpty()) {
                    ready.complete(null);
                } else if (s.phase() == TrainingSnapshot.Phase.FAILED) {
                    ready.completeExceptionally(new IllegalStateException(s.message()));
                }
            });
        }
    }

    /** The states to check, each laid out and read: as asked, and after the toggles a teacher makes. */
    private Map<String, List<LayoutCheck.Problem>> check(Window lab) {
        MainWindow w = lab.window;
        boolean withLessons = lessons || lesson != null;
        Map<String, List<LayoutCheck.Problem>> out = new LinkedHashMap<>();
        List<ViewCatalog.View> views = new ArrayList<>();
        if (allViews) {
            views.addAll(ViewCatalog.views());
        } else if (view != null) {
            views.add(ViewCatalog.byName(view));
        }
        Runnable asked = () -> {
            w.showLessons(withLessons);
            w.setPresentation(present);
        };
        asked.run();
        out.put("as asked", laidOut(lab));
        for (ViewCatalog.View v : views) {
            if (w.views().select(v)) {
                out.put("view " + v.name(), laidOut(lab));
            }
        }
        w.showLessons(!withLessons);   // F2 and back
        w.showLessons(withLessons);
        w.setPresentation(!present);   // F5 and back (Esc)
        w.setPresentation(present);
        out.put("after F2 and F5 twice", laidOut(lab));
        return out;
    }

    private static List<LayoutCheck.Problem> laidOut(Window lab) {
        lab.scene.getRoot().applyCss();
        lab.scene.getRoot().layout();
        return LayoutCheck.checkRoom(lab.scene);
    }

    private static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** Starts JavaFX without a window of its own (already running inside the app or a test: nothing to do). */
    private static void startToolkit() throws InterruptedException {
        CompletableFuture<Void> up = new CompletableFuture<>();
        try {
            Platform.startup(() -> up.complete(null));
            up.join();
        } catch (IllegalStateException alreadyRunning) {
            // the toolkit is up
        }
        Platform.setImplicitExit(false);
    }

    private static <T> CompletableFuture<T> onFx(Supplier<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.get());
            } catch (RuntimeException | Error e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }
}
