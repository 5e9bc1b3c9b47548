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
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.seqlab.app.figures.Figure;
import org.seqlab.app.figures.ViewId;
import org.seqlab.app.lab.EncoderDecoderWindow;
import org.seqlab.app.lab.LabModel;
import org.seqlab.app.lab.RunSettings;
import org.seqlab.app.widgets.FigureCanvas;
import org.seqlab.app.widgets.FigurePane;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.train.LabTrainer;
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
                + "outside the window, cut short, overlapping or too small for the back row; exit 1 if there is any.")
public final class CheckLayoutCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--size", required = true, paramLabel = "WxH", description = "the screen's (the projector's) size, e.g. 1280x720")
    String size;

    @Option(names = "--present", description = "in presentation mode")
    boolean present;

    @Option(names = "--describe", description = "with the Describe pane (F4) under every view")
    boolean describe;

    @Option(names = "--lessons", description = "with the lessons open beside the lab")
    boolean lessons;

    @Option(names = "--lesson", paramLabel = "ID[:STEP]", description = "with this lesson open beside the lab (04-gradients:2)")
    String lesson;

    @Option(names = "--data", paramLabel = "DATA", description = "the lab's data (as the lab's --data), e.g. synthetic:repeat or digits-14")
    String data;

    @Option(names = "--models", paramLabel = "FAMILIES", split = ",",
            description = "the lab's models (as the lab's --models), e.g. transformer,conv1d: their views are the ones checked")
    List<String> models = List.of();

    @Option(names = "--view", paramLabel = "VIEW", description = "with this view shown (as the lab's models fill it)")
    String view;

    @Option(names = "--all-views", description = "every view the lab's models fill, one after another")
    boolean allViews;

    @Option(names = "--window", paramLabel = "WINDOW", description = "lab (the default) or encoder-decoder: that window, opened from the "
            + "lab as a lesson's scene opens it, beside the lessons when they are open")
    String windowName = "lab";

    @Option(names = "--lang", paramLabel = "L", description = "the language of the window's text: en, de or zh-CN (default en)")
    String lang = "en";

    @Option(names = "--json", description = "one JSON object per problem, and a last line {\"problems\": N, \"smallest_text_px\": X}")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        org.seqlab.app.widgets.Describing.SHOWN.set(describe);
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
        if (!windowName.equals("lab") && !windowName.equals("encoder-decoder")) {
            throw new ParameterException(spec.commandLine(), "--window is lab or encoder-decoder, not " + windowName);
        }
        org.seqlab.app.text.Texts.use(org.seqlab.app.text.Texts.parse(lang));   // an unknown language: Main says which there are
        java.util.Locale.setDefault(java.util.Locale.Category.FORMAT, org.seqlab.app.text.Texts.locale());   // as the lab does
        if (view != null) {
            ViewId.byName(view);   // an unknown view is refused before the window is built, naming the views there are
        }
        List<Family> families = new ArrayList<>();
        for (String m : models) {
            families.add(Family.parse(m));   // an unknown family is refused here, naming the families there are
        }
        if (families.size() > 4) {
            throw new ParameterException(spec.commandLine(), "--models takes one to four families");
        }
        // the window SeqLab opens on that screen: 95 % of it, at most 1500×940 (SeqLabApp); presenting, the whole screen
        double w = present ? width : Math.min(1500, width * 0.95);
        double h = present ? height : Math.min(940, height * 0.95);
        startToolkit();
        Window lab = onFx(() -> {
            NativePreload.run();   // before the engine thread loads ND4J: two threads opening libraries at once can stop both
            return new Window(w, h, data, families);
        }).get(60, TimeUnit.SECONDS);
        try {
            lab.ready.get(5, TimeUnit.MINUTES);   // the lab's first models built, as a class sees it a few seconds in
            if (lesson != null) {
                onFx(() -> {
                    lab.window.openLessonWhenLoaded(lesson);
                    return null;
                }).get(60, TimeUnit.SECONDS);
            }
            Map<String, List<LayoutCheck.Problem>> found = windowName.equals("lab") ? check(lab) : checkEncoderDecoder(lab);
            double smallest = onFx(() -> LayoutCheck.smallestText(windowName.equals("lab") ? lab.scene
                    : lab.window.menus().encoderDecoder().stage().getScene())).get(60, TimeUnit.SECONDS);
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
        final LabModel model = new LabModel(new LabTrainer());
        final MainWindow window;
        final Scene scene;
        final Stage stage = new Stage();
        /** Completes once the engine has built the lab's first models and paused (watched from the FX thread). */
        final CompletableFuture<Void> ready = new CompletableFuture<>();

        Window(double width, double height, String data, List<Family> models) {
            if (data != null) {
                model.data.set(data);
            }
            if (!models.isEmpty()) {
                model.runs.setAll(models.stream().map(RunSettings::new).toList());
            }
            window = new MainWindow(model, false);
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

    /**
     * The states to check, each laid out and read: as asked, each view once its figure is drawn from the models (not
     * the note shown while it is computed), and after the toggles a teacher makes.
     */
    private Map<String, List<LayoutCheck.Problem>> check(Window lab) throws Exception {
        MainWindow w = lab.window;
        boolean withLessons = lessons || lesson != null;
        Map<String, List<LayoutCheck.Problem>> out = new LinkedHashMap<>();
        List<ViewId> views = new ArrayList<>();
        if (allViews) {
            views.addAll(List.of(ViewId.values()));
        } else if (view != null) {
            views.add(ViewId.byName(view));
        }
        double[] before = new double[2];   // the loss chart's and the view's widths as asked, to compare after the toggles
        out.put("as asked", onFx(() -> {
            w.showLessons(withLessons);
            w.setPresentation(present);
            List<LayoutCheck.Problem> found = laidOut(lab);
            before[0] = w.views().lossPane().getWidth();
            before[1] = w.views().selectedPane().getWidth();
            return found;
        }).get(60, TimeUnit.SECONDS));
        for (ViewId v : views) {
            FigureCanvas canvas = onFx(() -> w.views().select(v) ? w.views().selectedPane().canvas() : null).get(60, TimeUnit.SECONDS);
            if (canvas == null) {
                continue;   // a view these models cannot fill
            }
            List<LayoutCheck.Problem> found = new ArrayList<>();
            try {
                drawn(canvas).get(3, TimeUnit.MINUTES);
                for (int wait = 0; describe && wait < 600 && onFx(() -> w.views().selectedPane().description().description() == null).get(); wait++) {
                    Thread.sleep(100);   // its sentences are written off the FX thread once the figure is drawn
                }
            } catch (TimeoutException e) {
                found.add(new LayoutCheck.Problem("not drawn", "view " + v.id(), "its figure was not computed within 3 minutes"));
            }
            found.addAll(onFx(() -> laidOut(lab)).get(5, TimeUnit.MINUTES));
            out.put("view " + v.id(), found);
        }
        out.put("after F2 and F5 twice", onFx(() -> {
            w.showLessons(!withLessons);   // F2 and back
            w.showLessons(withLessons);
            w.setPresentation(!present);   // F5 and back (Esc)
            w.setPresentation(present);
            List<LayoutCheck.Problem> found = new ArrayList<>(laidOut(lab));
            // the panels return to their widths (a chart left narrower wraps its toolbar until a restart)
            double[] after = {w.views().lossPane().getWidth(), w.views().selectedPane().getWidth()};
            String[] names = {"the loss chart", "the view"};
            for (int i = 0; i < 2; i++) {
                if (Math.abs(after[i] - before[i]) > 4) {
                    found.add(new LayoutCheck.Problem("moved", names[i], String.format("%.0f px wide after the toggles, %.0f px before",
                            after[i], before[i])));
                }
            }
            return found;
        }).get(60, TimeUnit.SECONDS));
        return out;
    }

    /**
     * The encoder–decoder lab's window as a lesson's scene opens it from the lab (with the lessons beside the lab when
     * asked), once its figures are drawn from its models: what is cut or outside it, and whether it covers the reader.
     */
    private Map<String, List<LayoutCheck.Problem>> checkEncoderDecoder(Window lab) throws Exception {
        MainWindow w = lab.window;
        boolean withLessons = lessons || lesson != null;
        EncoderDecoderWindow ed = onFx(() -> {
            w.showLessons(withLessons);
            w.setPresentation(present);
            laidOut(lab);   // the lab laid out in that state, as the window is opened from it
            w.menus().openEncoderDecoder();
            return w.menus().encoderDecoder();
        }).get(60, TimeUnit.SECONDS);
        List<LayoutCheck.Problem> found = new ArrayList<>();
        for (FigurePane p : ed.panes()) {
            try {
                drawn(p.canvas()).get(3, TimeUnit.MINUTES);
            } catch (TimeoutException e) {
                found.add(new LayoutCheck.Problem("not drawn", "figure " + p.getId(), "not computed within 3 minutes"));
            }
        }
        found.addAll(onFx(() -> {
            Scene scene = ed.stage().getScene();
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            List<LayoutCheck.Problem> out = new ArrayList<>(LayoutCheck.checkRoom(scene));
            if (w.lessonsShown()) {
                Bounds reader = w.reader().localToScreen(w.reader().getBoundsInLocal());
                Stage s = ed.stage();
                if (reader != null && reader.intersects(s.getX() + 1, s.getY() + 1, s.getWidth() - 2, s.getHeight() - 2)) {
                    out.add(new LayoutCheck.Problem("covers", "the encoder–decoder window", "it lies over the lesson reader, where the ✓ "
                            + String.format("of a scene appears: window x %.0f–%.0f, reader x %.0f–%.0f", s.getX(), s.getX() + s.getWidth(),
                            reader.getMinX(), reader.getMaxX())));
                }
            }
            ed.stage().close();
            return out;
        }).get(5, TimeUnit.MINUTES));
        return Map.of("encoder–decoder window", found);
    }

    /** Completes once {@code canvas} shows a figure drawn from the models rather than a placeholder (watched on the FX thread). */
    private static CompletableFuture<Void> drawn(FigureCanvas canvas) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            ChangeListener<Figure> watch = new ChangeListener<>() {
                @Override
                public void changed(ObservableValue<? extends Figure> o, Figure a, Figure f) {
                    if (f != null && !f.placeholder()) {
                        canvas.figureProperty().removeListener(this);
                        done.complete(null);
                    }
                }
            };
            canvas.figureProperty().addListener(watch);
            watch.changed(canvas.figureProperty(), null, canvas.figure());
        });
        return done;
    }

    private static List<LayoutCheck.Problem> laidOut(Window lab) {
        for (int pass = 0; pass < 3; pass++) {   // as the pulses after a toggle do: a split shown again settles on the second
            lab.scene.getRoot().applyCss();
            lab.scene.getRoot().layout();
        }
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
        return CompletableFuture.supplyAsync(work, Platform::runLater);   // a failure completes it exceptionally
    }
}
