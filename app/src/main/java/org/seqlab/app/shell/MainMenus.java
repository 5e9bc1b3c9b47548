package org.seqlab.app.shell;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.input.KeyCombination;
import org.seqlab.app.describe.Describers;
import org.seqlab.app.reader.LessonChoosers;
import org.seqlab.app.text.Texts;
import org.seqlab.app.widgets.Describing;
import org.seqlab.app.work.Speech;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.seqlab.app.export.FigureExporter;
import org.seqlab.app.figures.ViewId;
import org.seqlab.app.lab.EncoderDecoderWindow;
import org.seqlab.app.lab.LabModel;
import org.seqlab.app.views.LabViews;
import org.seqlab.app.work.Failure;
import org.seqlab.engine.train.SessionFile;

/** The main window's menus: every command, with its key; and the file choosers for saved runs. */
final class MainMenus {

    private final Shell window;
    private final LabModel lab;
    private final CheckMenuItem lessonsItem = new CheckMenuItem(Texts.get("menu.lessons.show"));
    private final CheckMenuItem presentationItem = new CheckMenuItem(Texts.get("menu.view.presentation"));
    private final CheckMenuItem settingsItem = new CheckMenuItem(Texts.get("menu.view.settings"));

    MainMenus(Shell window, LabModel lab) {
        this.window = window;
        this.lab = lab;
    }

    CheckMenuItem lessonsItem() {
        return lessonsItem;
    }

    CheckMenuItem settingsItem() {
        return settingsItem;
    }

    CheckMenuItem presentationItem() {
        return presentationItem;
    }

    private EncoderDecoderWindow encoderDecoder;

    /** The encoder–decoder lab, in a window of its own (one at a time; it stops its training when closed). */
    void openEncoderDecoder() {
        if (encoderDecoder == null || !encoderDecoder.stage().isShowing()) {
            Window owner = window.getScene() == null ? null : window.getScene().getWindow();
            encoderDecoder = new EncoderDecoderWindow(owner, beside(owner), lab, window.presenting());
        }
        encoderDecoder.show();
    }

    /**
     * The lab's part of its window, in screen coordinates: the whole window, or right of the lesson reader when it is
     * open and leaves the lab room for two figures (then the ✓ the learner waits for stays in sight).
     */
    Rectangle2D beside(Window owner) {
        if (owner == null || owner.getWidth() <= 0) {
            return null;
        }
        double reader = window.lessonsShown() ? window.reader().getWidth() : 0;
        if (owner.getWidth() - reader < 600) {
            reader = 0;
        }
        Rectangle2D area = new Rectangle2D(owner.getX() + reader, owner.getY(), owner.getWidth() - reader, owner.getHeight());
        // on the screen the lab is on (a window larger than its screen would put the new one's controls past its edge)
        for (Screen s : Screen.getScreensForRectangle(area)) {
            Rectangle2D v = s.getVisualBounds();
            double x0 = Math.max(area.getMinX(), v.getMinX());
            double y0 = Math.max(area.getMinY(), v.getMinY());
            double x1 = Math.min(area.getMaxX(), v.getMaxX());
            double y1 = Math.min(area.getMaxY(), v.getMaxY());
            if (x1 - x0 >= 600 && y1 - y0 >= 400) {
                return new Rectangle2D(x0, y0, x1 - x0, y1 - y0);
            }
        }
        return area;
    }

    EncoderDecoderWindow encoderDecoder() {
        return encoderDecoder;
    }

    /** Builds the menu bar (once, for the window). */
    MenuBar bar() {
        MenuItem open = item(Texts.get("menu.file.openText"), "Ctrl+O", window.controls()::openFile);
        MenuItem images = item(Texts.get("menu.file.openImages"), "Ctrl+I", window.controls()::openImageFolder);
        Menu export = new Menu(Texts.get("menu.file.exportView"));
        export.getItems().add(item(Texts.get("menu.file.exportDefault"), "Ctrl+E", () -> window.views().selectedPane().export()));
        export.getItems().add(new SeparatorMenuItem());
        for (FigureExporter.Format f : FigureExporter.Format.values()) {
            export.getItems().add(item(f.label(), "", () -> window.views().selectedPane().export(EnumSet.of(f))));
        }
        MenuItem exportLoss = item(Texts.get("menu.file.exportLoss"), "Ctrl+Shift+E", () -> window.views().lossPane().export());
        MenuItem figures = item(Texts.get("menu.file.figuresFolder"), "", () -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle(Texts.get("menu.file.figuresFolder.title"));
            Path current = lab.figuresFolderProperty().get();
            if (current != null && Files.isDirectory(current)) {
                chooser.setInitialDirectory(current.toFile());
            }
            File f = chooser.showDialog(window.getScene().getWindow());
            if (f != null) {
                lab.figuresFolderProperty().set(f.toPath());
                lab.noticeProperty().set(Texts.get("notice.figuresFolder", f));
            }
        });
        MenuItem toPyTorch = item(Texts.get("menu.file.toPyTorch"), "", this::exportPyTorch);
        MenuItem quit = item(Texts.get("menu.file.quit"), "Ctrl+Q", Platform::exit);
        MenuItem saveRun = item(Texts.get("menu.file.saveRun"), "Ctrl+S", this::saveRun);
        MenuItem openRun = item(Texts.get("menu.file.openRun"), "Ctrl+Shift+O", this::openRun);
        MenuItem openModel = item(Texts.get("menu.file.openModel"), "", this::openModel);
        MenuItem exportProgress = item(Texts.get("menu.file.exportProgress"), "", () -> ClassFiles.exportProgress(window));
        MenuItem classReport = item(Texts.get("menu.file.classReport"), "", () -> ClassFiles.classReport(window));
        Menu file = new Menu(Texts.get("menu.file"), null, open, images, new SeparatorMenuItem(), saveRun, openRun, openModel, new SeparatorMenuItem(), export, exportLoss,
                figures, toPyTorch, new SeparatorMenuItem(), exportProgress, classReport, new SeparatorMenuItem(), quit);

        MenuItem train = item(Texts.get("menu.train.toggle"), "Space", lab::toggleTraining);
        MenuItem step = item(Texts.get("menu.train.step"), "S", lab::step);
        MenuItem reset = item(Texts.get("menu.train.reset"), "Ctrl+R", lab::reset);
        MenuItem undo = item(Texts.get("menu.train.undo"), "Ctrl+Z", lab::undo);
        MenuItem apply = item(Texts.get("menu.train.apply"), "Ctrl+Enter", lab::apply);
        MenuItem seq2seq = item(Texts.get("menu.train.encoderDecoder"), "Ctrl+D", this::openEncoderDecoder);
        Menu trainMenu = new Menu(Texts.get("menu.train"), null, train, step, reset, undo, new SeparatorMenuItem(), apply, new SeparatorMenuItem(), seq2seq);

        Menu view = new Menu(Texts.get("menu.view"));
        for (ViewId.Group g : ViewId.Group.values()) {
            MenuItem m = new MenuItem(Texts.get("menu.view.group", Texts.get("group." + g.name())));
            m.setOnAction(e -> window.views().selectGroup(g));
            m.setAccelerator(KeyCombination.keyCombination("Shortcut+" + (g.ordinal() + 1)));
            view.getItems().add(m);
        }
        view.getItems().add(new SeparatorMenuItem());
        for (Tab t : window.views().allTabs()) {
            ViewId v = LabViews.view(t);
            MenuItem m = new MenuItem(t.getText() + "  (" + Texts.get("group." + v.group().name()) + ")");
            m.setOnAction(e -> window.views().select(v));
            view.getItems().add(m);
        }
        view.getItems().add(new SeparatorMenuItem());
        settingsItem.setAccelerator(KeyCombination.keyCombination("F3"));
        settingsItem.setOnAction(e -> window.showSettings(settingsItem.isSelected()));
        view.getItems().add(settingsItem);
        CheckMenuItem describe = new CheckMenuItem(Texts.get("menu.view.describe"));
        describe.setAccelerator(KeyCombination.keyCombination("F4"));
        describe.selectedProperty().bindBidirectional(Describing.SHOWN);
        view.getItems().add(describe);
        view.getItems().add(item(Texts.get("menu.view.readAloud"), "Shift+F4", this::readAloud));
        CheckMenuItem speak = new CheckMenuItem(Texts.get("menu.view.speak"));
        speak.setAccelerator(KeyCombination.keyCombination("F6"));
        speak.selectedProperty().bindBidirectional(Speech.ON);
        speak.setOnAction(e -> {
            if (speak.isSelected() && Speech.command().isEmpty()) {
                speak.setSelected(false);
                lab.noticeProperty().set(Texts.get(NO_VOICE_KEY));
            }
        });
        view.getItems().add(speak);
        presentationItem.setText(Texts.get("menu.view.presentation") + "\tF5");   // F5 is routed by the key filter, in full screen too
        presentationItem.setOnAction(e -> window.setPresentation(!window.presenting()));
        view.getItems().add(presentationItem);
        view.getItems().add(item(Texts.get("menu.view.fullScreen"), "F11", () -> {
            Stage st = (Stage) window.getScene().getWindow();
            st.setFullScreen(!st.isFullScreen());
        }));

        lessonsItem.setAccelerator(KeyCombination.keyCombination("F2"));
        lessonsItem.setSelected(window.lessonsShown());
        lessonsItem.setOnAction(e -> window.showLessons(!window.lessonsShown()));
        MenuItem allLessons = item(Texts.get("menu.lessons.all"), "Ctrl+L", () -> {
            window.showLessons(true);
            window.reader().showList();
        });
        MenuItem nextStep = item(Texts.get("menu.lessons.next"), "Page Down", () -> window.reader().next());
        MenuItem previousStep = item(Texts.get("menu.lessons.previous"), "Page Up", () -> window.reader().previous());
        MenuItem folder = item(Texts.get("menu.lessons.openFolder"), "", () -> {
            window.showLessons(true);
            window.reader().chooseFolder();
        });
        MenuItem pack = item(Texts.get("menu.lessons.openPack"), "", () -> {
            window.showLessons(true);
            LessonChoosers.pack(window.reader()).ifPresent(window.reader()::openPack);
        });
        Menu lessons = new Menu(Texts.get("menu.lessons"), null, lessonsItem, allLessons, new SeparatorMenuItem(), nextStep, previousStep,
                new SeparatorMenuItem(), pack, folder);

        MenuItem keys = item(Texts.get("menu.help.shortcuts"), "F1", window::toggleShortcuts);
        keys.setAccelerator(null);
        keys.setText(Texts.get("menu.help.shortcuts.key"));
        MenuItem board = item(Texts.get("menu.help.startBoard"), "", () -> window.showStartBoard(true));
        Menu help = new Menu(Texts.get("menu.help"), null, keys, board);
        return new MenuBar(file, trainMenu, view, lessons, help);
    }

    static final String NO_VOICE_KEY = "notice.noVoice";

    /** The view's description, spoken (computed off the FX thread: a big figure's table takes a moment). */
    private void readAloud() {
        org.seqlab.app.figures.Figure f = window.views().selectedPane().canvas().figure();
        if (Speech.command().isEmpty()) {
            lab.noticeProperty().set(Texts.get(NO_VOICE_KEY));
        } else if (f != null) {
            lab.work().run(Texts.get("work.describing"), progress -> Describers.of(f), d -> Speech.read(d.plain()),
                    ex -> lab.noticeProperty().set(ex.getLocalizedMessage()));
        }
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

    private FileChooser runChooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(Texts.get("chooser.runs"),
                "*" + SessionFile.EXTENSION));
        Path dir = lab.figuresFolderProperty().get() == null ? null : lab.figuresFolderProperty().get().getParent();
        if (dir != null && Files.isDirectory(dir)) {
            chooser.setInitialDirectory(dir.toFile());
        }
        return chooser;
    }

    private void saveRun() {
        FileChooser chooser = runChooser(Texts.get("chooser.saveRun"));
        chooser.setInitialFileName(lab.snapshot().data() == null ? "run" : lab.snapshot().data().name().replaceAll("[^A-Za-z0-9-]+", "-")
                + "-step" + lab.snapshot().step() + SessionFile.EXTENSION);
        File f = chooser.showSaveDialog(window.getScene().getWindow());
        if (f != null) {
            Path p = f.toPath();
            if (!p.getFileName().toString().endsWith(SessionFile.EXTENSION)) {
                p = p.resolveSibling(p.getFileName() + SessionFile.EXTENSION);
            }
            lab.saveRun(p);
        }
    }

    /** A saved model or a PyTorch checkpoint, as the lab's one model on its data. */
    private void openModel() {
        FileChooser chooser = runChooser(Texts.get("chooser.openModel"));
        chooser.getExtensionFilters().setAll(new FileChooser.ExtensionFilter(Texts.get("chooser.models"), "*.seqlab", "*.safetensors"));
        File f = chooser.showOpenDialog(window.getScene().getWindow());
        if (f != null) {
            lab.openModel(f.toPath());
        }
    }

    private void openRun() {
        File f = runChooser(Texts.get("chooser.openRun")).showOpenDialog(window.getScene().getWindow());
        if (f != null) {
            lab.openRun(f.toPath());
        }
    }

    /** Every model as a PyTorch program, each in a new folder inside the one chosen (training waits while they are written). */
    private void exportPyTorch() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(Texts.get("chooser.toPyTorch"));
        Path current = lab.figuresFolderProperty().get();
        if (current != null && Files.isDirectory(current)) {
            chooser.setInitialDirectory(current.toFile());
        }
        File f = chooser.showDialog(window.getScene().getWindow());
        if (f != null) {
            lab.work().await(Texts.get("job.pytorch"), progress -> lab.tasks().toPyTorch(f.toPath()), written -> lab.noticeProperty().set(
                    (written.folders().isEmpty() ? Texts.get("pytorch.none") : Texts.get("pytorch.wrote", String.join(", ", written.folders().stream()
                            .map(d -> d.getFileName().toString()).toList()), f))
                    + (written.skipped().isEmpty() ? "." : Texts.get("pytorch.skipped", String.join(", ", written.skipped())))),
                    ex -> lab.noticeProperty().set(Texts.get("pytorch.failed", Failure.reason(ex))));
        }
    }
}
