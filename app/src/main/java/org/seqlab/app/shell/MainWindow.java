package org.seqlab.app.shell;

import org.seqlab.app.text.Texts;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Node;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.controlsfx.control.StatusBar;
import org.seqlab.app.figures.ViewId;
import org.seqlab.app.lab.ControlsPane;
import org.seqlab.app.lab.LabModel;
import org.seqlab.app.lab.SceneSetup;
import org.seqlab.app.lessons.Lesson;
import org.seqlab.app.lessons.LessonLibrary;
import org.seqlab.app.lessons.LessonPlace;
import org.seqlab.app.lessons.Progress;
import org.seqlab.app.lessons.Scene;
import org.seqlab.app.reader.LessonReader;
import org.seqlab.app.views.LabViews;
import org.seqlab.app.widgets.FigureCanvas;
import org.seqlab.app.widgets.JobsIndicator;
import org.seqlab.engine.expect.Measured;

/**
 * The main window: menus and the lab bar (Train, Step, Reset, Undo, and the panels' toggles) on top, the shared loss
 * chart and the model views in the centre, the lessons (F2) and settings (F3) as panels that fold away beside them,
 * a status bar with progress and the running jobs at the bottom. Every command has a key.
 */
public final class MainWindow extends BorderPane implements Shell {

    private final LabModel lab;
    private final LabViews views;
    private final ControlsPane controls;
    private final StatusBar status = new StatusBar();
    private final ShortcutOverlay shortcuts = new ShortcutOverlay();
    private MainMenus menus;
    private LabBar bar;
    private final Presentation presentation = new Presentation(this);
    /** Windows at least this wide show the lessons beside the lab at start; narrower ones give the figures the width. */
    static final double WIDE = 1600;
    private final Label engine = new Label();
    private final Label speed = new Label();
    private final AnimationTimer poller;
    private final Progress progress;
    private final LessonReader reader;
    private final ReaderSplit main;
    private final SplitPane figures;
    private final MenuBar menuBar;
    private final StartBoard startBoard;
    private final BooleanProperty lessonsLoaded = new SimpleBooleanProperty(false);

    public MainWindow(LabModel lab) {
        this(lab, true);
    }

    /** @param foldWhenNarrow whether a window narrower than {@link #WIDE} starts with the lessons folded away */
    MainWindow(LabModel lab, boolean foldWhenNarrow) {
        this.lab = lab;
        setId("mainWindow");
        views = new LabViews(lab, lab.noticeProperty()::set);
        controls = new ControlsPane(lab);

        startBoard = new StartBoard(this);
        startBoard.setVisible(false);
        startBoard.managedProperty().bind(startBoard.visibleProperty());   // hidden, it asks the layout for nothing
        StackPane viewsAndBoard = new StackPane(views.modelViews(), startBoard);
        figures = new FigureSplit(views.lossPane(), viewsAndBoard);
        VBox centre = new VBox(new DivergenceBar(lab), figures);
        VBox.setVgrow(figures, Priority.ALWAYS);
        centre.setMinWidth(360);   // not its content's: the reader gets the width asked for, whichever controls are showing
        progress = Progress.load(Progress.defaultFile());
        if (progress.notice() != null) {
            lab.noticeProperty().set(progress.notice());   // a damaged progress file starts afresh, and says so
        }
        reader = new LessonReader(progress, this::runScene, lab.noticeProperty()::set, lab.work());
        main = new ReaderSplit(reader, centre);
        main.widthProperty().addListener((o, a, w) -> {
            if (a.doubleValue() == 0 && w.doubleValue() > 0 && lessonsShown()) {
                if (foldWhenNarrow && w.doubleValue() < WIDE) {
                    main.showReader(false);   // a projector's width goes to the figures; the toggle brings the lessons back
                    bar.showing(false, settingsShown());
                } else {
                    main.setDividerPositions(main.readerWidth(w.doubleValue()) / w.doubleValue());
                }
            }
        });
        if (progress.readerHidden()) {
            main.showReader(false);
        }
        setCenter(main);
        // the lessons are read and checked off the FX thread; the window does not wait for them
        lab.work().run(Texts.get("work.readingLessons"), p -> LessonLibrary.builtIn(), lib -> {
            reader.add(lib);
            reader.restore();
            lessonsLoaded.set(true);
        }, ex -> lab.noticeProperty().set(Texts.get("notice.lessonsUnreadable", ex.getLocalizedMessage())));
        menus = new MainMenus(this, lab);
        bar = new LabBar(this, lab);
        menuBar = menus.bar();
        setTop(new VBox(menuBar, bar));
        bar.showing(lessonsShown(), false);

        status.setId("statusBar");
        status.setText(Texts.get("status.loading"));
        status.setProgress(-1);
        engine.getStyleClass().add("status-item");
        speed.getStyleClass().add("status-item");
        engine.setMinWidth(Region.USE_PREF_SIZE);
        speed.setMinWidth(Region.USE_PREF_SIZE);
        status.getRightItems().addAll(new JobsIndicator(lab.work()), speed, engine);
        setBottom(status);

        StatusLine line = new StatusLine(lab, status, speed, engine);
        lab.snapshotProperty().addListener((o, a, s) -> line.show(s));
        lab.noticeProperty().addListener((o, a, b) -> line.show(lab.snapshot()));

        poller = new AnimationTimer() {
            @Override
            public void handle(long now) {
                lab.poll();
            }
        };
        poller.start();
        addEventFilter(KeyEvent.KEY_PRESSED, this::keys);
    }

    public LabViews views() {
        return views;
    }

    public LessonReader reader() {
        return reader;
    }

    @Override
    public Progress progress() {
        return progress;
    }

    /** True once the built-in lessons have been read. */
    public ReadOnlyBooleanProperty lessonsLoadedProperty() {
        return lessonsLoaded;
    }

    /** Sets the lab up as a lesson's scene says, then shows its view. */
    public CompletableFuture<Measured> runScene(Scene scene,
            Consumer<String> progress) {
        if (scene.encoderDecoders() != null) {
            lab.pause();   // two trainings on two cores would each take twice as long
            menus.openEncoderDecoder();
            return menus.encoderDecoder().runScene(scene.encoderDecoders(), scene.train(), scene.inspect(), scene.point(), progress);
        }
        return SceneSetup.run(lab, scene, progress, () -> {
            if (scene.view() != null) {
                showView(scene.view());
            }
        });
    }

    /** Opens "04-gradients" or "04-gradients:3" (1-based step) once the lessons are loaded; says so if there is none. */
    public void openLessonWhenLoaded(String spec) {
        Runnable open = () -> {
            LessonPlace at = LessonPlace.parse(spec);
            Lesson l = reader.byId(at.id());
            showLessons(true);
            if (l == null) {
                lab.noticeProperty().set(Texts.get("notice.noSuchLesson", at.id()));
            } else {
                reader.open(l, at.step());
            }
        };
        if (lessonsLoaded.get()) {
            open.run();
        } else {
            lessonsLoaded.addListener((o, a, b) -> {
                if (b) {
                    open.run();
                }
            });
        }
    }

    public boolean lessonsShown() {
        return main.readerShown();
    }

    /** Shows or hides the lesson reader beside the lab (remembered across restarts). */
    public void showLessons(boolean show) {
        showLessons(show, true);
    }

    /** @param remember whether the choice is kept for the next start (presentation mode's is not) */
    public void showLessons(boolean show, boolean remember) {
        main.showReader(show);
        if (remember) {
            progress.setReaderHidden(!show);
        }
        menus.lessonsItem().setSelected(show);
        bar.showing(show, settingsShown());
    }

    /** The start board of demos over the views (shown when SeqLab opens without a lesson, a run or a view to show). */
    public void showStartBoard(boolean show) {
        startBoard.setVisible(show);
    }

    public boolean startBoardShown() {
        return startBoard.isVisible();
    }

    public boolean settingsShown() {
        return getRight() != null;
    }

    /** Shows or hides the settings panel beside the lab (F3); hidden, the figures take its width. */
    public void showSettings(boolean show) {
        setRight(show ? controls : null);
        menus.settingsItem().setSelected(show);
        bar.showing(lessonsShown(), show);
    }

    public ControlsPane controls() {
        return controls;
    }

    /** Selects a view tab by a short name: samples, hidden, gates, gradient. */
    public void showView(String name) {
        views.select(ViewId.byName(name));   // or as soon as the models can fill it
    }

    public void stop() {
        poller.stop();
    }

    private void keys(KeyEvent e) {
        boolean typing = getScene() != null && getScene().getFocusOwner() instanceof TextInputControl;
        if (typing || e.isShortcutDown() || e.isAltDown()) {
            return;
        }
        if (startBoardShown() && e.getCode() == KeyCode.ESCAPE) {
            showStartBoard(false);
            e.consume();
            return;
        }
        if (shortcutsShown() && e.getCode() != KeyCode.F1 && !"?".equals(e.getText())) {
            shortcuts.hide();     // any key closes the shortcut list (and does nothing else)
            e.consume();
        } else if (e.getCode() == KeyCode.F5 || e.getCode() == KeyCode.ESCAPE && presenting()) {
            setPresentation(e.getCode() == KeyCode.F5 && !presenting());
            e.consume();
        } else if ("?".equals(e.getText()) || e.getCode() == KeyCode.F1) {
            toggleShortcuts();
            e.consume();
        } else if (e.getCode() == KeyCode.CLOSE_BRACKET || e.getCode() == KeyCode.OPEN_BRACKET) {
            views.selectAdjacent(e.getCode() == KeyCode.CLOSE_BRACKET ? 1 : -1);
            e.consume();
        } else if (e.getCode() == KeyCode.PAGE_DOWN || e.getCode() == KeyCode.PAGE_UP) {
            // presenter remotes send these: the lesson's next and previous step
            if (lessonsShown() && reader.openLessonProperty().get() != null) {
                if (e.getCode() == KeyCode.PAGE_DOWN) {
                    reader.next();
                } else {
                    reader.previous();
                }
                e.consume();
            }
        } else if (e.getCode() == KeyCode.SPACE) {
            lab.toggleTraining();
            e.consume();
        } else if (e.getCode() == KeyCode.S || e.getCode() == KeyCode.RIGHT && !(getScene().getFocusOwner() instanceof Slider)
                && !FigureCanvas.takesArrowKeys(getScene().getFocusOwner())) {
            lab.step();
            e.consume();
        }
    }

    /** The shortcut list over the window: F1 or ? shows and hides it; a click or any other key hides it. */
    public void toggleShortcuts() {
        shortcuts.toggle(getScene());
    }

    public boolean shortcutsShown() {
        return shortcuts.shown();
    }

    public boolean presenting() {
        return presentation.on();
    }

    /**
     * Presentation mode: full screen, type 1.5× larger in figures and controls, a high-contrast palette, the
     * lessons and settings out of the way, and the shortcut list shown for a few seconds. Esc or F5 ends it.
     */
    public void setPresentation(boolean on) {
        presentation.set(on);
    }

    /** The figures: the loss chart and the views, which the window gives as much of itself as it can. */
    Node figures() {
        return figures;
    }

    public MenuBar menuBar() {
        return menuBar;
    }

    Presentation presentation() {
        return presentation;
    }

    public LabModel lab() {
        return lab;
    }

    public CheckMenuItem presentationItem() {
        return menus.presentationItem();
    }

    MainMenus menus() {
        return menus;
    }

    public ShortcutOverlay shortcuts() {
        return shortcuts;
    }
}
