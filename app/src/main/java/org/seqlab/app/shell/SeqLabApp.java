package org.seqlab.app.shell;

import atlantafx.base.theme.PrimerLight;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.seqlab.app.lab.LabModel;
import org.seqlab.app.lab.RunSettings;
import org.seqlab.app.lessons.LessonPack;
import org.seqlab.app.text.Texts;
import org.seqlab.engine.data.tasks.Task;
import org.seqlab.engine.model.Family;
import org.seqlab.engine.train.LabTrainer;

/**
 * The JavaFX application. The window shows at once; the {@link Trainer} loads ND4J on its own thread and the
 * status bar shows the progress.
 */
public final class SeqLabApp extends Application {

    private LabModel lab;
    private MainWindow window;

    /** False on Linux without an X11 or Wayland display. */
    public static boolean displayAvailable() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) {
            return true;
        }
        return notBlank(System.getenv("DISPLAY")) || notBlank(System.getenv("WAYLAND_DISPLAY"));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    /** What the command line asked the window to do at start. */
    public record StartOptions(String data, int trainSteps, String view, List<Family> models, String lesson,
            boolean present, Path run, Task encoderDecoder) {
        public static final StartOptions NONE = new StartOptions(null, 0, null, List.of(), null, false, null, null);
    }

    private static StartOptions options = StartOptions.NONE;

    /** Steps the default models train when SeqLab opens plainly: the loss falls while the teacher starts talking. */
    static final int FIRST_MINUTE_STEPS = 2000;

    /** JavaFX's logger; kept here so its level holds (a logger only weakly held can be collected with its setting). */
    private static final Logger JAVAFX_LOG = Logger.getLogger("javafx");

    public static void launchApp(StartOptions start) {
        // JavaFX warns on every start that it was loaded from the class path, which is how the jar and the installer
        // run it by design; a normal start prints nothing
        JAVAFX_LOG.setLevel(Level.SEVERE);
        options = start;
        // the numbers on screen as the interface's language writes them (a decimal comma in German); exports stay neutral
        Locale.setDefault(Locale.Category.FORMAT, org.seqlab.app.text.Texts.locale());
        Application.launch(SeqLabApp.class);
    }

    @Override
    public void start(Stage stage) {
        // ND4J loads once the window's own native libraries have (see NativePreload): AWT's and the fonts now,
        // GTK's as the window maps; the engine waits for the first layout pulse after show()
        NativePreload.run();
        CompletableFuture<Void> windowUp = new CompletableFuture<>();
        lab = new LabModel(new LabTrainer(windowUp));
        // A SIGTERM (a logout, kill) skips stop(): without this, libc's exit ran ND4J's static destructors while the
        // engine thread was still inside an op, and the JVM crashed on its way out (seen at the end of the memory soak)
        LabModel ours = lab;
        Runtime.getRuntime().addShutdownHook(new Thread(ours::shutdown, "seqlab-shutdown"));
        if (options.data() != null) {
            lab.data.set(options.data());
        }
        if (!options.models().isEmpty()) {
            lab.runs.setAll(options.models().stream().map(RunSettings::new).toList());
        }
        // opened with nothing asked for, the lab trains its default models at once and offers the demos
        boolean plain = options.equals(StartOptions.NONE);
        lab.setStartTraining(plain ? FIRST_MINUTE_STEPS : options.trainSteps());
        // a lesson pack (a double click on a .seqlesson) opens in the reader; a run or a model in the lab
        boolean pack = options.run() != null && String.valueOf(options.run().getFileName()).endsWith(LessonPack.EXTENSION);
        lab.setStartRun(pack ? null : options.run());   // a file that will not open says so in the status bar; the lab stays usable
        window = new MainWindow(lab, !pack);   // a lesson pack opened is the lesson to read: its reader stays, even on a projector
        if (options.view() != null) {
            window.showView(options.view());
        }
        if (options.lesson() != null) {
            window.openLessonWhenLoaded(options.lesson());
        }
        if (pack) {
            // after the built-in lessons: a pack's lesson with a built-in's id (a teacher's own 04) replaces it, not the other way
            window.showLessons(true);
            Runnable open = () -> window.reader().openPack(options.run());
            if (window.lessonsLoadedProperty().get()) {
                open.run();
            } else {
                window.lessonsLoadedProperty().addListener((o, was, loaded) -> {
                    if (loaded) {
                        open.run();
                    }
                });
            }
        }
        stage.setScene(scene(window));
        stage.setTitle(Texts.get("app.title"));
        InputStream icon = SeqLabApp.class.getResourceAsStream("/org/seqlab/assets/icons/seqlab-256.png");
        if (icon != null) {
            stage.getIcons().add(new Image(icon));
        }
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        stage.setWidth(Math.min(1500, screen.getWidth() * 0.95));
        stage.setHeight(Math.min(940, screen.getHeight() * 0.95));
        stage.show();
        FluidityProbe.attachIfAsked(stage, window, lab);
        stage.getScene().addPostLayoutPulseListener(new Runnable() {
            @Override
            public void run() {   // once, after the first layout of the shown window
                stage.getScene().removePostLayoutPulseListener(this);
                Platform.runLater(() -> windowUp.complete(null));
            }
        });
        if (options.present()) {
            window.setPresentation(true);
        }
        window.showStartBoard(plain);
        if (options.encoderDecoder() != null) {
            // its engine thread waits for the lab's to have loaded ND4J (see EncoderDecoderWindow)
            window.menus().openEncoderDecoder();
            window.menus().encoderDecoder().start(options.encoderDecoder());
        }

    }

    /** The scene with SeqLab's theme and style sheet (also used by tests). */
    public static Scene scene(MainWindow window) {
        return scene(window, 1400, 880);
    }

    /** The scene at this size (check-layout lays it out without showing it). */
    static Scene scene(MainWindow window, double width, double height) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        Scene scene = new Scene(window, width, height);
        java.net.URL css = SeqLabApp.class.getResource("/org/seqlab/assets/css/seqlab.css");
        if (css != null) {
            scene.getStylesheets().add(css.toExternalForm());
        }
        return scene;
    }

    @Override
    public void stop() {
        if (window != null) {
            window.stop();
        }
        if (lab != null) {
            lab.shutdown();
        }
    }
}
