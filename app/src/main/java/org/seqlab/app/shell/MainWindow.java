package org.seqlab.app.shell;

import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;
import org.seqlab.app.lab.ControlsPane;
import org.seqlab.app.lab.LabModel;
import org.seqlab.app.lab.LabViews;
import org.seqlab.app.lessons.LessonLibrary;
import org.seqlab.app.lessons.Progress;
import org.seqlab.app.lessons.Scene;
import org.seqlab.app.reader.LessonReader;
import org.seqlab.app.figures.Style;
import org.seqlab.engine.train.TrainingSnapshot;
import org.seqlab.engine.train.TrainingSnapshot.Phase;
import org.seqlab.engine.train.TrainingSnapshot.RunSnapshot;

/**
 * The main window: menus on top, the shared loss chart and the model views in the centre, the controls on the
 * right, a status bar with progress at the bottom. Every command has a key.
 */
public final class MainWindow extends BorderPane {

    private final LabModel lab;
    private final LabViews views;
    private final ControlsPane controls;
    private final StatusBar status = new StatusBar();
    private final javafx.scene.control.CheckMenuItem lessonsItem = new javafx.scene.control.CheckMenuItem("Show lessons");
    private final javafx.scene.control.CheckMenuItem presentationItem = new javafx.scene.control.CheckMenuItem("Presentation mode");
    private final Label engine = new Label();
    private final Label speed = new Label();
    private final AnimationTimer poller;
    private final Progress progress;
    private final LessonReader reader;
    private final SplitPane main;
    private final javafx.beans.property.BooleanProperty lessonsLoaded = new javafx.beans.property.SimpleBooleanProperty(false);

    public MainWindow(LabModel lab) {
        this.lab = lab;
        setId("mainWindow");
        views = new LabViews(lab, lab.noticeProperty()::set);
        controls = new ControlsPane(lab);

        SplitPane figures = new SplitPane(views.lossPane(), views.modelViews());
        figures.setOrientation(Orientation.VERTICAL);
        figures.setDividerPositions(0.42);
        javafx.scene.layout.VBox centre = new javafx.scene.layout.VBox(new DivergenceBar(lab), figures);
        javafx.scene.layout.VBox.setVgrow(figures, javafx.scene.layout.Priority.ALWAYS);
        progress = Progress.load(Progress.defaultFile());
        reader = new LessonReader(progress, this::runScene, lab.noticeProperty()::set, lab.background());
        main = new SplitPane(reader, centre);
        // the reader keeps its width when the window grows; the lab takes the rest
        main.widthProperty().addListener((o, a, w) -> {
            if (a.doubleValue() == 0 && w.doubleValue() > 0 && lessonsShown()) {
                main.setDividerPositions(readerWidth() / w.doubleValue());
            }
        });
        SplitPane.setResizableWithParent(reader, false);
        if (progress.readerHidden()) {
            main.getItems().remove(reader);
        }
        setCenter(main);
        // the lessons are read and checked off the FX thread; the window does not wait for them
        java.util.concurrent.CompletableFuture.supplyAsync(LessonLibrary::builtIn, lab.background())
                .thenAccept(lib -> javafx.application.Platform.runLater(() -> {
                    reader.add(lib);
                    reader.restore();
                    lessonsLoaded.set(true);
                }));
        setRight(controls);
        setTop(menus());

        status.setId("statusBar");
        status.setText("Loading ND4J…");
        status.setProgress(-1);
        engine.getStyleClass().add("status-item");
        speed.getStyleClass().add("status-item");
        status.getRightItems().addAll(speed, engine);
        setBottom(status);

        lab.snapshotProperty().addListener((o, a, s) -> showStatus(s));
        lab.noticeProperty().addListener((o, a, b) -> showStatus(lab.snapshot()));

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

    /** True once the built-in lessons have been read. */
    public javafx.beans.property.ReadOnlyBooleanProperty lessonsLoadedProperty() {
        return lessonsLoaded;
    }

    /** Sets the lab up as a lesson's scene says, then shows its view. */
    public java.util.concurrent.CompletableFuture<Void> runScene(Scene scene, java.util.function.Consumer<String> progress) {
        return lab.setUp(scene, progress, () -> {
            if (scene.view() != null) {
                showView(scene.view());
            }
        });
    }

    /** Opens "04-gradients" or "04-gradients:3" (1-based step) once the lessons are loaded; says so if there is none. */
    public void openLessonWhenLoaded(String spec) {
        Runnable open = () -> {
            String id = spec.contains(":") ? spec.substring(0, spec.indexOf(':')) : spec;
            int step = 0;
            if (spec.contains(":")) {
                try {
                    step = Integer.parseInt(spec.substring(spec.indexOf(':') + 1)) - 1;
                } catch (NumberFormatException e) {
                    step = 0;
                }
            }
            org.seqlab.app.lessons.Lesson l = reader.byId(id);
            if (l == null) {
                lab.noticeProperty().set("There is no lesson '" + id + "'; the lessons are listed on the left.");
                showLessons(true);
                return;
            }
            showLessons(true);
            reader.open(l, step);
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
        return main.getItems().contains(reader);
    }

    private double readerWidth() {
        return Math.min(reader.getPrefWidth(), Math.max(reader.getMinWidth(), main.getWidth() * 0.34));
    }

    /** Shows or hides the lesson reader beside the lab (remembered across restarts). */
    public void showLessons(boolean show) {
        if (show && !lessonsShown()) {
            main.getItems().add(0, reader);
            if (main.getWidth() > 0) {
                main.setDividerPositions(readerWidth() / main.getWidth());
            }
        } else if (!show) {
            main.getItems().remove(reader);
        }
        progress.setReaderHidden(!show);
        lessonsItem.setSelected(show);
    }

    public ControlsPane controls() {
        return controls;
    }

    public StatusBar statusBar() {
        return status;
    }

    /** Selects a view tab by a short name: samples, hidden, gates, gradient. */
    public void showView(String name) {
        String id = org.seqlab.app.figures.ViewCatalog.byName(name).tabId();
        views.select(id);   // or as soon as the models can fill it
    }

    public void stop() {
        poller.stop();
    }

    private MenuBar menus() {
        MenuItem open = item("Open text file…", "Ctrl+O", controls::openFile);
        Menu export = new Menu("Export view");
        export.getItems().add(item("PNG 2×, SVG and CSV", "Ctrl+E", () -> views.selectedPane().export()));
        export.getItems().add(new SeparatorMenuItem());
        for (org.seqlab.app.export.FigureExporter.Format f : org.seqlab.app.export.FigureExporter.Format.values()) {
            export.getItems().add(item(f.label(), "", () -> views.selectedPane().export(java.util.EnumSet.of(f))));
        }
        MenuItem exportLoss = item("Export loss chart (PNG 2×, SVG, CSV)", "Ctrl+Shift+E", () -> views.lossPane().export());
        MenuItem figures = item("Figures folder…", "", () -> {
            javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
            chooser.setTitle("Where exported figures go");
            java.nio.file.Path current = lab.figuresFolderProperty().get();
            if (current != null && java.nio.file.Files.isDirectory(current)) {
                chooser.setInitialDirectory(current.toFile());
            }
            java.io.File f = chooser.showDialog(getScene().getWindow());
            if (f != null) {
                lab.figuresFolderProperty().set(f.toPath());
                lab.noticeProperty().set("Figures now go to " + f);
            }
        });
        MenuItem quit = item("Quit", "Ctrl+Q", Platform::exit);
        MenuItem saveRun = item("Save run…", "Ctrl+S", this::saveRun);
        MenuItem openRun = item("Open run…", "Ctrl+Shift+O", this::openRun);
        Menu file = new Menu("_File", null, open, new SeparatorMenuItem(), saveRun, openRun, new SeparatorMenuItem(), export, exportLoss,
                figures, new SeparatorMenuItem(), quit);

        MenuItem train = item("Train / Pause", "Space", lab::toggleTraining);
        MenuItem step = item("Step", "S", lab::step);
        MenuItem reset = item("Reset", "Ctrl+R", lab::reset);
        MenuItem undo = item("Undo reset / apply", "Ctrl+Z", lab::undo);
        MenuItem apply = item("Apply settings", "Ctrl+Enter", lab::apply);
        Menu trainMenu = new Menu("_Train", null, train, step, reset, undo, new SeparatorMenuItem(), apply);

        Menu view = new Menu("_View");
        for (org.seqlab.app.figures.ViewCatalog.Group g : org.seqlab.app.figures.ViewCatalog.Group.values()) {
            MenuItem m = new MenuItem(g + " views");
            m.setOnAction(e -> views.selectGroup(g));
            m.setAccelerator(KeyCombination.keyCombination("Shortcut+" + (g.ordinal() + 1)));
            view.getItems().add(m);
        }
        view.getItems().add(new SeparatorMenuItem());
        for (javafx.scene.control.Tab t : views.allTabs()) {
            MenuItem m = new MenuItem(t.getText() + "  (" + org.seqlab.app.figures.ViewCatalog.groupOf(t.getId()) + ")");
            m.setOnAction(e -> views.select(t.getId()));
            view.getItems().add(m);
        }
        view.getItems().add(new SeparatorMenuItem());
        javafx.scene.control.CheckMenuItem settings = new javafx.scene.control.CheckMenuItem("Show settings");
        settings.setSelected(true);
        settings.setAccelerator(KeyCombination.keyCombination("F3"));
        // with a lesson open, the settings can make room for the views (a scene sets them anyway)
        settings.setOnAction(e -> setRight(settings.isSelected() ? controls : null));
        view.getItems().add(settings);
        presentationItem.setText("Presentation mode\tF5");   // F5 is routed by the key filter, in full screen too
        presentationItem.setOnAction(e -> setPresentation(!presenting));
        view.getItems().add(presentationItem);
        view.getItems().add(item("Full screen", "F11", () -> {
            Stage st = (Stage) getScene().getWindow();
            st.setFullScreen(!st.isFullScreen());
        }));

        lessonsItem.setAccelerator(KeyCombination.keyCombination("F2"));
        lessonsItem.setSelected(lessonsShown());
        lessonsItem.setOnAction(e -> showLessons(!lessonsShown()));
        MenuItem allLessons = item("All lessons", "Ctrl+L", () -> {
            showLessons(true);
            reader.showList();
        });
        MenuItem nextStep = item("Next step", "Page Down", reader::next);
        MenuItem previousStep = item("Previous step", "Page Up", reader::previous);
        MenuItem folder = item("Open lesson folder…", "", () -> {
            showLessons(true);
            reader.chooseFolder();
        });
        Menu lessons = new Menu("_Lessons", null, lessonsItem, allLessons, new SeparatorMenuItem(), nextStep, previousStep,
                new SeparatorMenuItem(), folder);

        MenuItem keys = item("Keyboard shortcuts", "F1", this::toggleShortcuts);
        keys.setAccelerator(null);
        keys.setText("Keyboard shortcuts\tF1 or ?");
        Menu help = new Menu("_Help", null, keys);
        return new MenuBar(file, trainMenu, view, lessons, help);
    }

    /** Space and S are not menu accelerators (they would swallow typing); the filter routes them unless a text field has focus. */
    private static MenuItem item(String text, String key, Runnable action) {
        MenuItem m = new MenuItem(text);
        m.setOnAction(e -> action.run());
        if (key.isEmpty()) {
            return m;
        }
        if (!key.equals("Space") && !key.equals("S") && !key.startsWith("Page")) {
            m.setAccelerator(KeyCombination.keyCombination(key.replace("Ctrl", "Shortcut")));
        } else {
            m.setText(text + "\t" + key);
        }
        return m;
    }

    private javafx.stage.FileChooser runChooser(String title) {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("SeqLab runs",
                "*" + org.seqlab.engine.train.SessionFile.EXTENSION));
        java.nio.file.Path dir = lab.figuresFolderProperty().get() == null ? null : lab.figuresFolderProperty().get().getParent();
        if (dir != null && java.nio.file.Files.isDirectory(dir)) {
            chooser.setInitialDirectory(dir.toFile());
        }
        return chooser;
    }

    private void saveRun() {
        javafx.stage.FileChooser chooser = runChooser("Save the run: settings, weights, optimiser state and history");
        chooser.setInitialFileName(lab.snapshot().data() == null ? "run" : lab.snapshot().data().name().replaceAll("[^A-Za-z0-9-]+", "-")
                + "-step" + lab.snapshot().step() + org.seqlab.engine.train.SessionFile.EXTENSION);
        java.io.File f = chooser.showSaveDialog(getScene().getWindow());
        if (f != null) {
            java.nio.file.Path p = f.toPath();
            if (!p.getFileName().toString().endsWith(org.seqlab.engine.train.SessionFile.EXTENSION)) {
                p = p.resolveSibling(p.getFileName() + org.seqlab.engine.train.SessionFile.EXTENSION);
            }
            lab.saveRun(p);
        }
    }

    private void openRun() {
        java.io.File f = runChooser("Open a saved run").showOpenDialog(getScene().getWindow());
        if (f != null) {
            lab.openRun(f.toPath());
        }
    }

    private void keys(KeyEvent e) {
        boolean typing = getScene() != null && getScene().getFocusOwner() instanceof TextInputControl;
        if (typing || e.isShortcutDown() || e.isAltDown()) {
            return;
        }
        if (shortcutsShown() && e.getCode() != KeyCode.F1 && !"?".equals(e.getText())) {
            overlay.hide();       // any key closes the shortcut list (and does nothing else)
            e.consume();
        } else if (e.getCode() == KeyCode.F5 || e.getCode() == KeyCode.ESCAPE && presenting) {
            setPresentation(e.getCode() == KeyCode.F5 && !presenting);
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
        } else if (e.getCode() == KeyCode.S || e.getCode() == KeyCode.RIGHT && !(getScene().getFocusOwner() instanceof javafx.scene.control.Slider)
                && !org.seqlab.app.widgets.FigureCanvas.takesArrowKeys(getScene().getFocusOwner())) {
            lab.step();
            e.consume();
        }
    }

    /** Every shortcut, for the overlay (F1 or ?). */
    static final List<String[]> SHORTCUTS = List.of(
            new String[] {"Space", "train / pause"},
            new String[] {"S or →", "one training step"},
            new String[] {"Page Down / Page Up", "next / previous lesson step"},
            new String[] {"Ctrl+1 … Ctrl+5", "view group: Training, Recurrent, Attention, Convolution, Decoding"},
            new String[] {"] / [", "next / previous view"},
            new String[] {"← → Home End", "step through the Decoding view (click it first)"},
            new String[] {"Ctrl+R / Ctrl+Z", "reset the models / undo the reset or apply"},
            new String[] {"Ctrl+Enter", "apply changed settings"},
            new String[] {"Ctrl+E / Ctrl+Shift+E", "export the view / the loss chart (PNG 2×, SVG, CSV)"},
            new String[] {"F2 / Ctrl+L / F3", "lessons / all lessons / settings: show or hide"},
            new String[] {"Ctrl+O", "train on your own text file"},
            new String[] {"Ctrl+S / Ctrl+Shift+O", "save the run / open a saved run"},
            new String[] {"F5", "presentation mode: full screen, large type, high contrast"},
            new String[] {"F11", "full screen"},
            new String[] {"F1 or ?", "show or hide this list"});

    private javafx.stage.Popup overlay;

    /** The shortcut overlay over the window: F1 or ? shows and hides it; a click or any other key hides it. */
    public void toggleShortcuts() {
        if (overlay != null && overlay.isShowing()) {
            overlay.hide();
            return;
        }
        javafx.scene.layout.GridPane grid = new javafx.scene.layout.GridPane();
        grid.setHgap(24);
        grid.setVgap(6);
        Label title = new Label("Keyboard shortcuts");
        title.getStyleClass().add("shortcut-title");
        grid.add(title, 0, 0, 2, 1);
        for (int i = 0; i < SHORTCUTS.size(); i++) {
            Label key = new Label(SHORTCUTS.get(i)[0]);
            key.setStyle("-fx-font-weight: bold;");
            grid.add(key, 0, i + 1);
            grid.add(new Label(SHORTCUTS.get(i)[1]), 1, i + 1);
        }
        javafx.scene.layout.StackPane box = new javafx.scene.layout.StackPane(grid);
        box.getStyleClass().add("shortcut-overlay");
        box.setId("shortcutOverlay");
        overlay = new javafx.stage.Popup();
        overlay.getContent().add(box);
        overlay.setAutoHide(true);
        overlay.getScene().getStylesheets().setAll(getScene().getStylesheets());
        box.setOnMouseClicked(e -> overlay.hide());
        javafx.stage.Window w = getScene().getWindow();
        overlay.show(w);
        overlay.setX(w.getX() + (w.getWidth() - box.getWidth()) / 2);
        overlay.setY(w.getY() + (w.getHeight() - box.getHeight()) / 2);
    }

    public boolean shortcutsShown() {
        return overlay != null && overlay.isShowing();
    }

    private boolean presenting;
    private boolean settingsBeforePresenting = true;
    /** Esc leaves full screen; presentation mode goes with it. */
    private final javafx.beans.value.ChangeListener<Boolean> leaveWithFullScreen = (o, was, full) -> {
        if (!full && presenting) {
            setPresentation(false);
        }
    };

    public boolean presenting() {
        return presenting;
    }

    /**
     * Presentation mode: full screen, type 1.5× larger in figures and controls, a high-contrast palette, the
     * settings out of the way, and the shortcut list shown for a few seconds. Esc or F5 ends it.
     */
    public void setPresentation(boolean on) {
        if (on == presenting) {
            return;
        }
        presenting = on;
        presentationItem.setSelected(on);
        java.net.URL css = SeqLabApp.class.getResource("/org/seqlab/assets/css/presentation.css");
        if (css != null) {
            if (on) {
                getScene().getStylesheets().add(css.toExternalForm());
            } else {
                getScene().getStylesheets().remove(css.toExternalForm());
            }
        }
        reader.fontSizeProperty().set(on ? 22 : 15);
        if (on) {
            settingsBeforePresenting = getRight() != null;
            setRight(null);
        } else if (settingsBeforePresenting) {
            setRight(controls);
        }
        for (org.seqlab.app.widgets.FigurePane p : views.panes()) {
            p.canvas().setFigureStyle(on ? Style.PRESENTATION : Style.NORMAL);
        }
        if (getScene().getWindow() instanceof Stage st) {
            st.setFullScreenExitHint("Esc or F5 leaves presentation mode");
            if (on) {
                // Esc is ours while presenting: it closes the shortcut list first, and only then leaves
                st.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
                st.fullScreenProperty().addListener(leaveWithFullScreen);
                st.setFullScreen(true);
            } else {
                st.fullScreenProperty().removeListener(leaveWithFullScreen);
                st.setFullScreenExitKeyCombination(null);   // back to the platform's default
                st.setFullScreen(false);
            }
        }
        if (on) {
            if (!shortcutsShown()) {
                toggleShortcuts();
            }
            javafx.animation.PauseTransition later = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(4));
            later.setOnFinished(e -> {
                if (shortcutsShown()) {
                    overlay.hide();
                }
            });
            later.play();
        }
        lab.noticeProperty().set(on ? "Presentation mode: F1 lists the keys, Esc or F5 leaves." : "");
    }

    private void showStatus(TrainingSnapshot s) {
        String notice = lab.noticeProperty().get();
        String text = switch (s.phase()) {
            case LOADING -> "Loading ND4J…";
            case FAILED -> s.message();
            case IDLE -> "Engine ready.";
            case PAUSED -> "Paused at step " + s.step() + ".";
            case RUNNING -> "Training · step " + s.step();
        };
        if (!s.message().isEmpty() && s.phase() != Phase.FAILED) {
            text += "  " + s.message();
        }
        if (!notice.isEmpty()) {
            text += "  " + notice;
        }
        status.setText(text);
        if (s.phase() == Phase.LOADING) {
            status.setProgress(-1);
        } else if (s.stepLimit() > 0) {
            status.setProgress(Math.min(1, s.step() / (double) s.stepLimit()));
        } else if (lab.applyingProperty().get()) {
            status.setProgress(-1);
        } else {
            status.setProgress(0);
        }
        engine.setText(s.engine() == null ? "" : s.engine().describe());
        StringBuilder sp = new StringBuilder();
        for (RunSnapshot r : s.runs()) {
            if (sp.length() > 0) {
                sp.append(" · ");
            }
            sp.append(String.format("%s %.1f steps/s", r.id(), r.stepsPerSecond()));
        }
        speed.setText(sp.toString());
    }
}
